import { accountsWorld } from '../../test/support/account-fakes';
import { signUpBody } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { TooManyRequests } from '../errors';
import { signUp } from './sign-up';
import { DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY, SIGN_UPS_PER_EMAIL_PER_DAY } from './sign-up-limits';

let numbers = 0;
const world = () => {
  const w = accountsWorld();
  w.limits.perSourcePerDay = DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY;
  return w;
};
/** A sign-up's outcome: 201, or the error's class name. */
const attempt = (w: ReturnType<typeof world>, email: string, sourceIp = '192.0.2.1') =>
  signUp({ accounts: w.accounts, events: w.events, limits: w.limits, referrals: w.referrals }, { ...signUpBody(), email, faxNumber: `+1555777${String((numbers += 1)).padStart(4, '0')}` }, { requestId: 'req-1', sourceIp }).then(
    () => 201,
    (error: Error) => error.name,
  );

beforeEach(() => pinClock('2026-06-15T12:00:00.000Z'));

describe('sign-up limits', () => {
  it(`refuses (429) the sign-up after ${DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY} from one source address in a day, not another address’s`, async () => {
    // Prepare
    const w = world();
    for (let n = 0; n < DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY; n += 1) expect(await attempt(w, `user${n}@acme.test`)).toBe(201);

    // Act
    const refused = await attempt(w, 'late@acme.test');
    const elsewhere = await attempt(w, 'other@acme.test', '198.51.100.7');

    // Assess
    expect(refused).toBe('TooManyRequests');
    expect(elsewhere).toBe(201);
    expect(await w.accounts.accountIdByEmail('late@acme.test')).toBeUndefined();
  });

  it('counts a day from 00:00 UTC: the next day has a new allowance', async () => {
    // Prepare
    const w = world();
    for (let n = 0; n <= DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY; n += 1) await attempt(w, `user${n}@acme.test`);
    pinClock('2026-06-16T00:00:00.000Z');

    // Act
    const outcome = await attempt(w, 'tomorrow@acme.test');

    // Assess
    expect(outcome).toBe(201);
  });

  it(`counts an email’s +tag variants as one email: the ${SIGN_UPS_PER_EMAIL_PER_DAY + 1}th from any address is a 429`, async () => {
    // Prepare
    const w = world();
    for (let n = 0; n < SIGN_UPS_PER_EMAIL_PER_DAY; n += 1) expect(await attempt(w, `ana+${n}@acme.test`, `198.51.100.${n}`)).toBe(201);

    // Act
    const outcome = await attempt(w, 'Ana@Acme.test', '203.0.113.9');

    // Assess
    expect(outcome).toBe('TooManyRequests');
  });

  it('answers alike whether or not the email has an account: attempts count before the email is looked at', async () => {
    // Prepare
    const taken = world();
    const free = world();
    expect(await attempt(taken, 'ana@acme.test', '198.51.100.1')).toBe(201);
    taken.limits.throttle.counts.clear();

    // Act
    const outcomes = async (w: ReturnType<typeof world>) => {
      const seen: string[] = [];
      for (let n = 0; n <= SIGN_UPS_PER_EMAIL_PER_DAY; n += 1) seen.push(String(await attempt(w, 'ana@acme.test', `203.0.113.${n}`)));
      return seen.slice(-1);
    };

    // Assess
    expect(await outcomes(taken)).toEqual(['TooManyRequests']);
    expect(await outcomes(free)).toEqual(['TooManyRequests']);
  });

  it('limits nothing a refused form never reaches: an attestation refused counts no sign-up', async () => {
    // Prepare
    const w = world();
    const refuse = () =>
      signUp({ accounts: w.accounts, events: w.events, limits: w.limits, referrals: w.referrals }, { ...signUpBody(), attestation: { adultOrBusiness: false } }, { requestId: 'req-1', sourceIp: '192.0.2.1' });
    for (let n = 0; n <= DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY; n += 1) await expect(refuse()).rejects.not.toBeInstanceOf(TooManyRequests);

    // Act
    const outcome = await attempt(w, 'ana@acme.test');

    // Assess
    expect(outcome).toBe(201);
  });
});
