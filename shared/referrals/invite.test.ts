import { accountsWorld, testPseudonymiser } from '../../test/support/account-fakes';
import { signUpBody } from '../../test/support/accounts';
import { SIGNUP_PROOF_DAYS, expireUnprovenSignUps } from '../accounts/expiry';
import { getProfile } from '../accounts/profile';
import { signUp } from '../accounts/sign-up';
import { pinClock } from '../../test/support/clock';
import { MemorySuppressions } from '../../test/support/erasure-fakes';
import { MemoryReferralOptOuts, MemoryReferralQueue } from '../../test/support/referral-fakes';
import { MemoryThrottle } from '../../test/support/throttle';
import { readCommunicationLink } from '../communications/links';
import { suppressionKeyOf } from '../email/suppression';
import { Forbidden, TooManyRequests } from '../errors';
import { personEmailHash } from '../pseudonyms';
import { sendInvitation } from './invitation';
import { redriveReferrals } from './hand-over';
import { inviteFriend } from './invite';
import { listReferrals } from './listing';

const NOW = '2026-12-01T10:00:00.000Z';
const API = 'https://api.fax.example';
const FRIEND = 'Bo.Friend@Example.test';

const world = async () => {
  const w = accountsWorld();
  const optOuts = new MemoryReferralOptOuts();
  const suppressions = new MemorySuppressions();
  const perCustomer = new MemoryThrottle();
  const perFriend = new MemoryThrottle();
  const ana = await w.signUp('ana@acme.test');
  await w.accounts.activate(ana, NOW);
  const queue = new MemoryReferralQueue();
  const deps = { accounts: w.accounts, referrals: w.referrals, optOuts, suppressions, perCustomer, perFriend, pseudonymiser: testPseudonymiser, queue };
  const invitations = { referrals: w.referrals, accounts: w.accounts, pseudonymiser: testPseudonymiser, emails: w.emails, apiUrl: API };
  /** Delivers what the referrals queue holds to its consumer, as the queue would. */
  const deliver = async () => {
    for (const event of queue.sent.splice(0)) await sendInvitation(invitations, event, 'req-1');
  };
  // A referral made, then its message consumed.
  const invite = async (friendEmail = FRIEND, accountId = ana) => {
    const answer = await inviteFriend(deps, accountId, { friendName: 'Bo', friendEmail }, 'req-1');
    await deliver();
    return answer;
  };
  const statusOf = (referralId: string) => w.referrals.referrals.get(referralId)?.status;
  return { ...w, deps, invitations, queue, ana, optOuts, suppressions, invite, deliver, statusOf };
};

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

describe('inviteFriend (POST /referrals)', () => {
  it("invites the friend once, with the customer's referral code, an opt-out link and the one-click link, both signed for the friend's email", async () => {
    // Prepare
    const w = await world();

    // Act
    const { referralId } = await w.invite();

    // Assess
    expect(referralId).toMatch(/^ref_[0-9A-Z]{26}$/);
    expect(w.referrals.referrals.get(referralId)).toEqual({
      referralId, referrerId: w.ana, friendName: 'Bo', friendEmail: 'bo.friend@example.test',
      friendEmailHash: await personEmailHash(testPseudonymiser, 'bo.friend@example.test'), status: 'invited', createdAt: NOW,
    });
    const [email, ...more] = w.emails.requested;
    expect(more).toEqual([]);
    const { referralCode } = (await w.accounts.get(w.ana))!;
    expect(email).toMatchObject({ template: 'referral-invitation', messageId: `referral-invitation#${referralId}`, to: 'bo.friend@example.test', params: { friendName: 'Bo', referralCode } });
    expect(JSON.stringify(email)).not.toMatch(/Acme|ana@acme/);
    const optOut = new URL((email as { params: { optOutUrl: string } }).params.optOutUrl);
    expect(`${optOut.origin}${optOut.pathname}`).toBe(`${API}/referrals/opt-out`);
    expect(await readCommunicationLink(testPseudonymiser, optOut.searchParams.get('token')!)).toEqual({
      choice: 'referral_opt_out',
      emailHash: await personEmailHash(testPseudonymiser, 'bo.friend@example.test'),
    });
    expect((email as { params: { unsubscribeUrl: string } }).params.unsubscribeUrl).toBe(`${API}/unsubscribe?token=${optOut.searchParams.get('token')}`);
  });

  it.each([
    ["a customer's", async (w: Awaited<ReturnType<typeof world>>) => void (await w.signUp(FRIEND.toLowerCase()))],
    ['a suppressed', async (w: Awaited<ReturnType<typeof world>>) => w.suppressions.suppress(await suppressionKeyOf(testPseudonymiser, FRIEND), 'complaint')],
    ['an opted-out', async (w: Awaited<ReturnType<typeof world>>) => w.optOuts.optOut(await personEmailHash(testPseudonymiser, FRIEND.toLowerCase()), NOW)],
  ])('sends nothing to %s email, stores the referral not_sent and answers the same', async (_case, given) => {
    // Prepare
    const w = await world();
    await given(w);
    const sent = w.emails.requested.length;

    // Act
    const answer = await w.invite();

    // Assess
    expect(Object.keys(answer)).toEqual(['referralId']);
    expect(w.statusOf(answer.referralId)).toBe('not_sent');
    expect(w.emails.requested.length).toBe(sent);
  });

  it.each([
    ['restricted', { restricted: true, objectedToProfiling: false }],
    ['objected to', { restricted: false, objectedToProfiling: true }],
  ])('sends nothing for a customer whose processing is %s', async (_case, processing) => {
    // Prepare
    const w = await world();
    const ana = (await w.accounts.get(w.ana))!;
    await w.accounts.updatePreferences(ana, ana.preferences, [], NOW, processing);

    // Act
    const { referralId } = await w.invite();

    // Assess
    expect(w.statusOf(referralId)).toBe('not_sent');
    expect(w.emails.requested).toEqual([]);
  });

  it('invites one mailbox once a window, from anyone, however its address is written (+tags, case)', async () => {
    // Prepare
    const w = await world();
    const bob = await w.signUp('bob@acme.test');
    await w.accounts.activate(bob, NOW);

    // Act
    const first = await w.invite('bo@example.test');
    const again = await w.invite('bo@example.test');
    const tagged = await w.invite('Bo+offers@Example.test', bob);
    pinClock('2027-02-01T10:00:00.000Z');
    const later = await w.invite('bo@example.test', bob);

    // Assess
    expect([first, again, tagged, later].map(({ referralId }) => w.statusOf(referralId))).toEqual(['invited', 'not_sent', 'not_sent', 'invited']);
    expect(w.emails.requested).toHaveLength(2);
  });

  it('takes 20 referrals a customer a UTC day and refuses the 21st (429), storing nothing', async () => {
    // Prepare
    const w = await world();
    for (let index = 0; index < 20; index += 1) await w.invite(`friend${index}@example.test`);

    // Act
    const refused = w.invite('friend20@example.test');

    // Assess
    await expect(refused).rejects.toBeInstanceOf(TooManyRequests);
    expect(w.referrals.referrals.size).toBe(20);
    pinClock('2026-12-02T00:00:00.000Z');
    await expect(w.invite('friend20@example.test')).resolves.toHaveProperty('referralId');
  });

  it('answers 403 to a deactivated customer, storing nothing', async () => {
    // Prepare
    const w = await world();
    await w.accounts.deactivate(w.ana, NOW, 'customer');

    // Act
    const refused = w.invite();

    // Assess
    await expect(refused).rejects.toBeInstanceOf(Forbidden);
    expect(w.referrals.referrals.size).toBe(0);
  });

  it('queues every referral, invited or not: the same work either way', async () => {
    // Prepare
    const w = await world();
    await w.signUp('customer@example.test');

    // Act
    const invited = await inviteFriend(w.deps, w.ana, { friendName: 'Bo', friendEmail: FRIEND }, 'req-1');
    const notSent = await inviteFriend(w.deps, w.ana, { friendName: 'Cy', friendEmail: 'customer@example.test' }, 'req-2');

    // Assess
    expect(w.queue.sent).toEqual([
      { type: 'referral.created', version: 1, referrerId: w.ana, referralId: invited.referralId },
      { type: 'referral.created', version: 1, referrerId: w.ana, referralId: notSent.referralId },
    ]);
    expect(w.emails.requested).toEqual([]);
  });

  it('answers 202 when the referrals queue refuses the referral: it stays pending, and the re-drive queues it (once) after 2 minutes', async () => {
    // Prepare
    const w = await world();
    jest.spyOn(w.queue, 'send').mockRejectedValueOnce(new Error('SQS unavailable'));
    const { referralId } = await w.invite();
    const tooSoon = await redriveReferrals(w.deps, () => true);

    // Act
    pinClock('2026-12-01T10:02:01.000Z');
    const redriven = await redriveReferrals(w.deps, () => true);
    await w.deliver();
    const again = await redriveReferrals(w.deps, () => true);

    // Assess
    expect(tooSoon).toEqual({ referralsRequeued: 0 });
    expect(redriven).toEqual({ referralsRequeued: 1 });
    expect(again).toEqual({ referralsRequeued: 0 });
    expect(w.statusOf(referralId)).toBe('invited');
    expect(w.emails.requested.map(({ to }) => to)).toEqual([FRIEND.toLowerCase()]);
  });

  it('leaves nothing pending once the referral is queued', async () => {
    // Prepare
    const w = await world();

    // Act
    await w.invite();
    pinClock('2026-12-01T11:00:00.000Z');
    const redriven = await redriveReferrals(w.deps, () => true);

    // Assess
    expect(redriven).toEqual({ referralsRequeued: 0 });
    expect(w.referrals.pending.size).toBe(0);
  });

  it('fails the re-drive loudly when the queue still refuses, leaving the referral pending for the next run', async () => {
    // Prepare
    const w = await world();
    jest.spyOn(w.queue, 'send').mockRejectedValue(new Error('SQS unavailable'));
    await w.invite();
    pinClock('2026-12-01T10:05:00.000Z');

    // Act
    const redriving = redriveReferrals(w.deps, () => true);

    // Assess
    await expect(redriving).rejects.toThrow('SQS unavailable');
    expect(w.referrals.pending.size).toBe(1);
  });
});

describe('listReferrals (GET /referrals)', () => {
  it("lists the customer's own referrals, newest first, a page at a time, and nobody else's", async () => {
    // Prepare
    const w = await world();
    const bob = await w.signUp('bob@acme.test');
    await w.accounts.activate(bob, NOW);
    const first = await w.invite('one@example.test');
    const second = await w.invite('two@example.test');
    await w.invite('three@example.test', bob);

    // Act
    const page = await listReferrals(w.deps, w.ana, { limit: 1 });
    const next = await listReferrals(w.deps, w.ana, { limit: 1, cursor: page.nextCursor });

    // Assess
    expect(page.items).toEqual([{ referralId: second.referralId, friendName: 'Bo', friendEmail: 'two@example.test', status: 'invited', createdAt: NOW }]);
    expect(next.items.map(({ referralId }) => referralId)).toEqual([first.referralId]);
    expect(next.nextCursor).toBeUndefined();
  });
});

describe("conversion when the friend's sign-up with the code is proven (POST /accounts with referralCode, then the first sign-in)", () => {
  const PROVEN = '2027-02-03T08:00:00.000Z';
  const signUpWithCode = (w: Awaited<ReturnType<typeof world>>, email: string, referralCode: string) =>
    signUp({ accounts: w.accounts, events: w.events, limits: w.limits, referrals: w.referrals }, { ...signUpBody(), email, faxNumber: '+15559990001', referralCode }, { requestId: 'req-2', sourceIp: '192.0.2.9' });
  /** The friend's first sign-in (`ownAccount`): the proof of their email. */
  const prove = (w: Awaited<ReturnType<typeof world>>, accountId: string, at = PROVEN) => {
    pinClock(at);
    return getProfile(w.accounts, accountId);
  };
  const anasCode = async (w: Awaited<ReturnType<typeof world>>) => (await w.accounts.get(w.ana))!.referralCode;

  it("names the code's customer's latest referral of the email at sign-up, converting nothing, and converts it, no other, when the friend proves the email", async () => {
    // Prepare
    const w = await world();
    const carl = await w.signUp('carl@acme.test');
    await w.accounts.activate(carl, NOW);
    const carls = await w.invite('bo@example.test', carl);
    pinClock('2027-02-01T10:00:00.000Z');
    const older = await w.invite('bo@example.test');
    const anas = await w.invite('bo@example.test');
    const statuses = () => [anas, older, carls].map(({ referralId }) => w.statusOf(referralId));
    // The latest is not sent (the friend was invited this month already): a referral all the same.
    const asMade = statuses();
    expect(asMade).toEqual(['not_sent', 'invited', 'invited']);

    // Act
    const { accountId } = await signUpWithCode(w, 'Bo@Example.test', (await anasCode(w)).toLowerCase());

    // Assess: named, not converted
    expect(await w.accounts.get(accountId)).toMatchObject({ status: 'pending', referredByAccountId: w.ana, referralId: anas.referralId });
    expect(statuses()).toEqual(asMade);

    // Act
    const profile = await prove(w, accountId);

    // Assess: converted at the proof
    expect(profile.status).toBe('active');
    expect(w.referrals.referrals.get(anas.referralId)).toMatchObject({ status: 'converted', convertedAt: PROVEN });
    expect(statuses()).toEqual(['converted', 'invited', 'invited']);
    const proven = (await w.accounts.get(accountId))!;
    expect(proven.referredByAccountId).toBe(w.ana);
    expect(proven).not.toHaveProperty('referralId');
  });

  it('converts once: a later activation, or sign-in, leaves the conversion as it was', async () => {
    // Prepare
    const w = await world();
    const { referralId } = await w.invite('bo@example.test');
    const { accountId } = await signUpWithCode(w, 'bo@example.test', await anasCode(w));
    await prove(w, accountId);

    // Act
    const again = await w.accounts.activate(accountId, '2027-02-04T08:00:00.000Z', { referrerId: w.ana, referralId });
    await prove(w, accountId, '2027-02-05T08:00:00.000Z');

    // Assess
    expect(again).toBeUndefined();
    expect(w.referrals.referrals.get(referralId)).toMatchObject({ status: 'converted', convertedAt: PROVEN });
    expect((await w.accounts.get(accountId))!.activatedAt).toBe(PROVEN);
  });

  it('converts nothing when the sign-up expires unproven', async () => {
    // Prepare
    const w = await world();
    const { referralId } = await w.invite('bo@example.test');
    const { accountId } = await signUpWithCode(w, 'bo@example.test', await anasCode(w));
    pinClock(new Date(Date.parse(NOW) + (SIGNUP_PROOF_DAYS + 1) * 86_400_000).toISOString());

    // Act
    await expireUnprovenSignUps(w, () => true);

    // Assess
    expect(await w.accounts.get(accountId)).toBeUndefined();
    expect(w.referrals.referrals.get(referralId)).toMatchObject({ status: 'invited' });
    expect(w.referrals.referrals.get(referralId)).not.toHaveProperty('convertedAt');
  });

  it("converts nothing for a code whose customer never invited the email, and still records the referrer", async () => {
    // Prepare
    const w = await world();
    const { referralId } = await w.invite('someone.else@example.test');

    // Act
    const { accountId } = await signUpWithCode(w, 'bo@example.test', await anasCode(w));
    await prove(w, accountId);

    // Assess
    expect(w.statusOf(referralId)).toBe('invited');
    const account = (await w.accounts.get(accountId))!;
    expect(account).toMatchObject({ status: 'active', referredByAccountId: w.ana });
    expect(account).not.toHaveProperty('referralId');
  });

  it('activates without the conversion when the referral was erased before the proof', async () => {
    // Prepare
    const w = await world();
    const { referralId } = await w.invite('bo@example.test');
    const { accountId } = await signUpWithCode(w, 'bo@example.test', await anasCode(w));
    const referral = w.referrals.referrals.get(referralId)!;
    expect(referral.status).toBe('invited');
    await w.referrals.forgetFriend(referral.friendEmailHash);

    // Act
    const profile = await prove(w, accountId);

    // Assess
    expect(profile.status).toBe('active');
    expect(await w.accounts.get(accountId)).toMatchObject({ status: 'active', activatedAt: PROVEN });
    expect(w.referrals.referrals.size).toBe(0);
  });

  it('activates without the conversion when an earlier sign-up of the email converted the referral already, keeping its time', async () => {
    // Prepare
    const w = await world();
    const { referralId } = await w.invite('bo@example.test');
    const { accountId } = await signUpWithCode(w, 'bo@example.test', await anasCode(w));
    Object.assign(w.referrals.referrals.get(referralId)!, { status: 'converted', convertedAt: NOW });

    // Act
    const profile = await prove(w, accountId);

    // Assess
    expect(profile.status).toBe('active');
    expect(w.referrals.referrals.get(referralId)).toMatchObject({ status: 'converted', convertedAt: NOW });
  });
});

describe('sendInvitation (the referrals queue consumer)', () => {
  it('sends an invited referral once however often its message comes, and nothing for a not_sent or gone one', async () => {
    // Prepare
    const w = await world();
    const invited = await inviteFriend(w.deps, w.ana, { friendName: 'Bo', friendEmail: FRIEND }, 'req-1');
    const notSent = await inviteFriend(w.deps, w.ana, { friendName: 'Bo', friendEmail: FRIEND }, 'req-2');
    const [first, second] = w.queue.sent;

    // Act
    const outcomes = [
      await sendInvitation(w.invitations, first, 'req-1'),
      await sendInvitation(w.invitations, first, 'req-1'),
      await sendInvitation(w.invitations, second, 'req-2'),
      await sendInvitation(w.invitations, { ...first, referralId: 'ref_01KB0000000000000000000GONE' }, 'req-3'),
    ];

    // Assess
    expect(outcomes).toEqual(['invited', 'invited', 'not_sent', 'gone']);
    expect(w.emails.requested.map(({ messageId }) => messageId)).toEqual([`referral-invitation#${invited.referralId}`]);
    expect(w.statusOf(notSent.referralId)).toBe('not_sent');
  });

  it('sends nothing once the referrer is being erased', async () => {
    // Prepare
    const w = await world();
    await inviteFriend(w.deps, w.ana, { friendName: 'Bo', friendEmail: FRIEND }, 'req-1');
    await w.accounts.beginErasure(w.ana);

    // Act
    const outcome = await sendInvitation(w.invitations, w.queue.sent[0], 'req-1');

    // Assess
    expect(outcome).toBe('gone');
    expect(w.emails.requested).toEqual([]);
  });
});
