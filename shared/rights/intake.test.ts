import { accountsWorld, testPseudonymiser } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryRightsRequestQueue, MemoryRightsRequestStore } from '../../test/support/rights-fakes';
import { MemoryThrottle } from '../../test/support/throttle';
import { getProfile } from '../accounts/profile';
import { BusinessRuleViolation, Conflict, Gone, NotFound, TooManyRequests } from '../errors';
import { ONE_TIME_CODE_ATTEMPTS, ONE_TIME_CODE_LIFETIME_MINUTES } from '../one-time-codes';
import { createRightsRequest, getRightsRequest, RIGHTS_CODE_LIMITS, verifyRightsRequest } from './intake';

const NOW = '2026-06-15T12:00:00.000Z';
const HTTP_REQUEST_ID = 'req-rights';

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

const rightsWorld = () => {
  const w = accountsWorld();
  const requests = new MemoryRightsRequestStore();
  const queue = new MemoryRightsRequestQueue();
  const throttle = new MemoryThrottle();
  return { w, requests, queue, deps: { requests, accounts: w.accounts, emails: w.emails, pseudonymiser: testPseudonymiser, queue, throttle } };
};

/** A public access request for `email`, with the code emailed for it. */
const givenPublicRequest = async (email = 'Ana.Ruiz@Acme.test') => {
  const world = rightsWorld();
  const receipt = await createRightsRequest(world.deps, { type: 'access', email, details: 'All of it.' }, undefined, HTTP_REQUEST_ID);
  const [sent] = world.w.emails.requested;
  const code = sent?.template === 'rights-request-code' ? sent.params.code : '';
  return { ...world, receipt, code, requestId: receipt.requestId, token: receipt.requestToken! };
};
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('createRightsRequest', () => {
  it('takes a public request pending its code: due in a month, a 6-digit code emailed to the address, code and token kept only as digests', async () => {
    // Act
    const { w, requests, receipt, code, token } = await givenPublicRequest();

    // Assess
    expect(receipt).toEqual({ requestId: expect.stringMatching(/^rrq_/), type: 'access', status: 'pending_verification', dueAt: '2026-07-15T12:00:00.000Z', requestToken: token });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(code).toMatch(/^\d{6}$/);
    expect(w.emails.requested).toEqual([{ template: 'rights-request-code', messageId: `rights-request-code#${receipt.requestId}`, to: 'ana.ruiz@acme.test', params: { code } }]);
    const stored = JSON.stringify([...requests.items.values()]);
    expect(stored).not.toContain(`"${code}"`);
    expect(stored).not.toContain(token);
    expect(requests.items.get(receipt.requestId)).toMatchObject({ email: 'ana.ruiz@acme.test', details: 'All of it.', pendingCode: { codeExpiresAt: '2026-06-15T12:15:00.000Z', attempts: 0 } });
  });

  it('never looks the address up: a public request for a customer’s email is pending and gets its code like any other', async () => {
    // Prepare
    const { w, deps } = rightsWorld();
    await w.signUp('ana@acme.test');
    const lookups = jest.spyOn(w.accounts, 'accountIdByEmail');
    const reads = jest.spyOn(w.accounts, 'get');

    // Act
    const known = await createRightsRequest(deps, { type: 'erasure', email: 'ana@acme.test' }, undefined, HTTP_REQUEST_ID);
    const unknown = await createRightsRequest(deps, { type: 'erasure', email: 'nobody@acme.test' }, undefined, HTTP_REQUEST_ID);

    // Assess
    expect(Object.keys(known)).toEqual(Object.keys(unknown));
    expect([known.status, unknown.status]).toEqual(['pending_verification', 'pending_verification']);
    expect(w.emails.requested.filter(({ template }) => template === 'rights-request-code').map(({ to }) => to)).toEqual(['ana@acme.test', 'nobody@acme.test']);
    expect(lookups).not.toHaveBeenCalled();
    expect(reads).not.toHaveBeenCalled();
  });

  it('verifies at once the request of a customer for their own email (any case), sending nothing and issuing no token', async () => {
    // Prepare
    const { w, deps, requests, queue } = rightsWorld();
    const accountId = await w.signUp('ana@acme.test');
    await getProfile(w.accounts, accountId);
    const sentBefore = w.emails.requested.length;

    // Act
    const receipt = await createRightsRequest(deps, { type: 'rectification', email: 'ANA@acme.test', corrections: { contactName: 'Ana M. Ruiz' } }, accountId, HTTP_REQUEST_ID);

    // Assess
    expect(receipt).toEqual({ requestId: expect.any(String), type: 'rectification', status: 'verified', dueAt: '2026-07-15T12:00:00.000Z' });
    expect(w.emails.requested).toHaveLength(sentBefore);
    expect(requests.items.get(receipt.requestId)).toMatchObject({ accountId, verifiedAt: NOW, corrections: { contactName: 'Ana M. Ruiz' } });
    expect(requests.items.get(receipt.requestId)?.requestTokenHash).toBeUndefined();
    expect(queue.sent).toEqual([{ event: { type: 'rights-request.verified', version: 1, requestId: receipt.requestId }, requestId: HTTP_REQUEST_ID }]);
  });

  it('treats a customer’s request for another email as anyone’s', async () => {
    // Prepare
    const { w, deps } = rightsWorld();
    const accountId = await w.signUp('ana@acme.test');

    // Act
    const receipt = await createRightsRequest(deps, { type: 'access', email: 'bob@acme.test' }, accountId, HTTP_REQUEST_ID);

    // Assess
    expect(receipt).toMatchObject({ status: 'pending_verification', requestToken: expect.any(String) });
    expect(w.emails.requested.at(-1)).toMatchObject({ template: 'rights-request-code', to: 'bob@acme.test' });
  });
});

describe('verifyRightsRequest', () => {
  it('verifies the request with its token and code, once', async () => {
    // Prepare
    const { deps, requests, queue, requestId, token, code } = await givenPublicRequest();

    // Act
    const verified = await verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);
    const again = verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);

    // Assess
    expect(verified).toEqual({ status: 'verified' });
    await expect(again).rejects.toBeInstanceOf(Conflict);
    expect(requests.items.get(requestId)).toMatchObject({ status: 'verified', verifiedAt: NOW });
    expect(requests.items.get(requestId)?.pendingCode).toBeUndefined();
    expect(queue.sent).toEqual([{ event: { type: 'rights-request.verified', version: 1, requestId }, requestId: HTTP_REQUEST_ID }]);
  });

  it('answers verified even when the queue refuses: the request stays listed as verified, for the re-drive', async () => {
    // Prepare
    const { deps, requests, queue, requestId, token, code } = await givenPublicRequest();
    jest.spyOn(queue, 'send').mockRejectedValueOnce(new Error('queue down'));

    // Act
    const verified = await verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);

    // Assess
    expect(verified).toEqual({ status: 'verified' });
    expect(requests.items.get(requestId)?.status).toBe('verified');
  });

  it(`rejects the request at the ${ONE_TIME_CODE_ATTEMPTS}th wrong code; the right one is then a 409`, async () => {
    // Prepare
    const { deps, requests, requestId, token, code } = await givenPublicRequest();

    // Act
    for (let n = 0; n < ONE_TIME_CODE_ATTEMPTS; n += 1) {
      await expect(verifyRightsRequest(deps, requestId, token, wrong(code), HTTP_REQUEST_ID)).rejects.toBeInstanceOf(BusinessRuleViolation);
    }
    const right = verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);

    // Assess
    await expect(right).rejects.toBeInstanceOf(Conflict);
    expect(requests.items.get(requestId)?.status).toBe('rejected');
  });

  it('counts every one of concurrent guesses before comparing: no more than 5 are ever compared', async () => {
    // Prepare
    const { deps, requestId, token, code } = await givenPublicRequest();
    const digests = jest.spyOn(deps.pseudonymiser, 'pseudonym');
    digests.mockClear();

    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => verifyRightsRequest(deps, requestId, token, wrong(String(Number(code) + n)), HTTP_REQUEST_ID)));

    // Assess
    const codeDigests = digests.mock.calls.filter(([purpose]) => purpose === 'rights-request-code-v1');
    expect(codeDigests).toHaveLength(ONE_TIME_CODE_ATTEMPTS);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected' && (outcome.reason instanceof Conflict || outcome.reason instanceof TooManyRequests));
    expect(refused).toHaveLength(20 - ONE_TIME_CODE_ATTEMPTS);
  });

  it(`refuses the right code after ${ONE_TIME_CODE_LIFETIME_MINUTES} minutes with 410, rejecting the request`, async () => {
    // Prepare
    const { deps, requests, requestId, token, code } = await givenPublicRequest();
    pinClock(new Date(Date.parse(NOW) + ONE_TIME_CODE_LIFETIME_MINUTES * 60 * 1000).toISOString());

    // Act
    const late = verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);

    // Assess
    await expect(late).rejects.toBeInstanceOf(Gone);
    expect(requests.items.get(requestId)?.status).toBe('rejected');
  });

  it('answers 404 to another request’s token, to none and to an unknown id, counting nothing', async () => {
    // Prepare
    const mine = await givenPublicRequest();
    const theirs = await createRightsRequest(mine.deps, { type: 'access', email: 'bob@acme.test' }, undefined, HTTP_REQUEST_ID);

    // Act
    const attempts = [
      verifyRightsRequest(mine.deps, mine.requestId, theirs.requestToken, mine.code, HTTP_REQUEST_ID),
      verifyRightsRequest(mine.deps, mine.requestId, undefined, mine.code, HTTP_REQUEST_ID),
      verifyRightsRequest(mine.deps, 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', mine.token, mine.code, HTTP_REQUEST_ID),
    ];

    // Assess
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(NotFound);
    expect(mine.requests.items.get(mine.requestId)?.pendingCode?.attempts).toBe(0);
  });
});

const MINUTE_MS = 60 * 1000;
const at = (minutesAfterNow: number) => pinClock(new Date(Date.parse(NOW) + minutesAfterNow * MINUTE_MS).toISOString());
const publicRequest = (deps: ReturnType<typeof rightsWorld>['deps'], email: string) => createRightsRequest(deps, { type: 'erasure', email }, undefined, HTTP_REQUEST_ID);
const codesSentTo = (w: ReturnType<typeof accountsWorld>, email: string) => w.emails.to(email).filter(({ template }) => template === 'rights-request-code');

describe('the codes of one email, across its requests', () => {
  it(`keeps at most ${RIGHTS_CODE_LIMITS.liveAtOnce} codes awaiting use: the next request is a 429 that stores and sends nothing, until one expires`, async () => {
    // Prepare
    const { w, deps, requests } = rightsWorld();
    for (let n = 0; n < RIGHTS_CODE_LIMITS.liveAtOnce!; n += 1) await publicRequest(deps, 'victim@acme.test');

    // Act
    const refused = publicRequest(deps, 'Victim@Acme.test');
    const otherEmail = await publicRequest(deps, 'bob@acme.test');
    at(ONE_TIME_CODE_LIFETIME_MINUTES);
    const afterExpiry = await publicRequest(deps, 'victim@acme.test');

    // Assess
    await expect(refused).rejects.toBeInstanceOf(TooManyRequests);
    expect(otherEmail.status).toBe('pending_verification');
    expect(afterExpiry.status).toBe('pending_verification');
    expect(codesSentTo(w, 'victim@acme.test')).toHaveLength(RIGHTS_CODE_LIMITS.liveAtOnce! + 1);
    expect(requests.items.size).toBe(RIGHTS_CODE_LIMITS.liveAtOnce! + 2);
  });

  it(`sends at most ${RIGHTS_CODE_LIMITS.issuedPerDay} codes a day to one email, then 429 until the next UTC day`, async () => {
    // Prepare
    const { w, deps } = rightsWorld();
    for (let n = 0; n < RIGHTS_CODE_LIMITS.issuedPerDay; n += 1) {
      at(n * ONE_TIME_CODE_LIFETIME_MINUTES);
      await publicRequest(deps, 'victim@acme.test');
    }
    at(RIGHTS_CODE_LIMITS.issuedPerDay * ONE_TIME_CODE_LIFETIME_MINUTES);

    // Act
    const refused = publicRequest(deps, 'victim@acme.test');
    await expect(refused).rejects.toBeInstanceOf(TooManyRequests);
    pinClock('2026-06-16T00:00:00.000Z');
    const nextDay = await publicRequest(deps, 'victim@acme.test');

    // Assess
    expect(nextDay.status).toBe('pending_verification');
    expect(codesSentTo(w, 'victim@acme.test')).toHaveLength(RIGHTS_CODE_LIMITS.issuedPerDay + 1);
  });

  it(`counts tries across requests: past ${RIGHTS_CODE_LIMITS.triedPerDay} a day, even the right code of a new request is a 429 (counting nothing on it) until the day ends`, async () => {
    // Prepare
    const { w, deps, requests } = rightsWorld();
    for (let round = 0; round < RIGHTS_CODE_LIMITS.triedPerDay / ONE_TIME_CODE_ATTEMPTS; round += 1) {
      const { requestId, requestToken } = await publicRequest(deps, 'victim@acme.test');
      for (let n = 0; n < ONE_TIME_CODE_ATTEMPTS; n += 1) {
        await expect(verifyRightsRequest(deps, requestId, requestToken, '000000', HTTP_REQUEST_ID)).rejects.toBeInstanceOf(BusinessRuleViolation);
      }
    }
    const fresh = await publicRequest(deps, 'victim@acme.test');
    const [sent] = codesSentTo(w, 'victim@acme.test').slice(-1);
    const code = sent?.template === 'rights-request-code' ? sent.params.code : '';

    // Act
    const lockedOut = verifyRightsRequest(deps, fresh.requestId, fresh.requestToken, code, HTTP_REQUEST_ID);
    const otherEmail = await givenPublicRequest('bob@acme.test');

    // Assess
    await expect(lockedOut).rejects.toBeInstanceOf(TooManyRequests);
    expect(requests.items.get(fresh.requestId)).toMatchObject({ status: 'pending_verification', pendingCode: { attempts: 0 } });
    await expect(verifyRightsRequest(otherEmail.deps, otherEmail.requestId, otherEmail.token, otherEmail.code, HTTP_REQUEST_ID)).resolves.toEqual({ status: 'verified' });
    pinClock('2026-06-16T00:00:00.000Z');
    const nextDay = await publicRequest(deps, 'victim@acme.test');
    const [nextCode] = codesSentTo(w, 'victim@acme.test').slice(-1);
    await expect(verifyRightsRequest(deps, nextDay.requestId, nextDay.requestToken, nextCode?.template === 'rights-request-code' ? nextCode.params.code : '', HTTP_REQUEST_ID)).resolves.toEqual({ status: 'verified' });
  });

  it('answers alike whether or not the email has an account, at the limits too', async () => {
    // Prepare
    const { w, deps } = rightsWorld();
    await w.signUp('ana@acme.test');
    const answers = async (email: string) => {
      const receipts = [];
      for (let n = 0; n < RIGHTS_CODE_LIMITS.liveAtOnce!; n += 1) receipts.push(await publicRequest(deps, email));
      const refusal = await publicRequest(deps, email).catch((error: unknown) => error);
      return { shapes: receipts.map((receipt) => Object.keys(receipt).sort()), statuses: receipts.map(({ status }) => status), refusal };
    };

    // Act
    const known = await answers('ana@acme.test');
    const unknown = await answers('nobody@acme.test');

    // Assess
    expect(known.shapes).toEqual(unknown.shapes);
    expect(known.statuses).toEqual(unknown.statuses);
    expect(known.refusal).toBeInstanceOf(TooManyRequests);
    expect(known.refusal).toEqual(unknown.refusal);
  });

  it('never limits a customer’s request for their own proven email: it needs no code', async () => {
    // Prepare
    const { w, deps } = rightsWorld();
    const accountId = await w.signUp('ana@acme.test');
    for (let n = 0; n < RIGHTS_CODE_LIMITS.liveAtOnce!; n += 1) await publicRequest(deps, 'ana@acme.test');

    // Act
    const own = await createRightsRequest(deps, { type: 'access', email: 'ana@acme.test' }, accountId, HTTP_REQUEST_ID);

    // Assess
    expect(own.status).toBe('verified');
  });
});

describe('getRightsRequest', () => {
  it('shows the request to its token and to the customer whose email it is about, and to nobody else', async () => {
    // Prepare
    const { w, deps, requestId, token } = await givenPublicRequest('ana@acme.test');
    const owner = await w.signUp('ana@acme.test');
    const other = await w.signUp('bob@acme.test');

    // Act
    const byToken = await getRightsRequest(deps, requestId, { token });
    const byOwner = await getRightsRequest(deps, requestId, { accountId: owner });

    // Assess
    expect(byToken).toEqual({ requestId, type: 'access', status: 'pending_verification', createdAt: NOW, dueAt: '2026-07-15T12:00:00.000Z' });
    expect(byOwner).toEqual(byToken);
    await expect(getRightsRequest(deps, requestId, { accountId: other })).rejects.toBeInstanceOf(NotFound);
    await expect(getRightsRequest(deps, requestId, {})).rejects.toBeInstanceOf(NotFound);
    await expect(getRightsRequest(deps, requestId, { token: 'not-the-token' })).rejects.toBeInstanceOf(NotFound);
  });
});
