import { MemoryAccountStore, testPseudonymiser } from '../../test/support/account-fakes';
import { ACCOUNT_ID, account } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { MemoryReferralOptOuts } from '../../test/support/referral-fakes';
import { AccountChanged } from '../accounts/account-store';
import { Conflict, NotFound } from '../errors';
import { personEmailHash } from '../pseudonyms';
import { optOutOfReferrals, previewLink, recordLinkChoice } from './choices';
import { signCommunicationLink, type CommunicationChoice } from './links';

const NOW = '2026-12-01T10:00:00.000Z';
const FRIEND = 'friend@example.test';

const world = async (stored = account()) => {
  const accounts = new MemoryAccountStore();
  await accounts.create({ ...stored, status: 'pending' }, []);
  await accounts.activate(stored.accountId, NOW);
  const optOuts = new MemoryReferralOptOuts();
  return { accounts, optOuts, deps: { accounts, optOuts, pseudonymiser: testPseudonymiser } };
};
const tokenOf = (link: CommunicationChoice) => signCommunicationLink(testPseudonymiser, link);
const friendHash = () => personEmailHash(testPseudonymiser, FRIEND);

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

describe('recordLinkChoice (POST /unsubscribe)', () => {
  it.each([
    ['opt_out_all', 'optOutAll', 'communications'],
    ['business_transition_opt_out', 'businessTransitionOptOut', 'business_transition'],
  ] as const)('records %s as the preference, a consent record by email link and an audit entry', async (choice, preference, kind) => {
    // Prepare
    const w = await world();

    // Act
    const answer = await recordLinkChoice(w.deps, await tokenOf({ choice, accountId: ACCOUNT_ID }));

    // Assess
    expect(answer).toEqual({ choice, effect: expect.any(String) });
    expect((await w.accounts.get(ACCOUNT_ID))!.preferences[preference]).toBe(true);
    expect(w.accounts.stored.get(ACCOUNT_ID)!.consents).toContainEqual(expect.objectContaining({ kind, granted: false, method: 'email_link', recordedAt: NOW }));
    expect(w.accounts.audit).toContainEqual(expect.objectContaining({ subject: `account:${ACCOUNT_ID}`, actor: { kind: 'requester' }, at: NOW }));
  });

  it('opting out of all by link also withdraws marketing', async () => {
    // Prepare
    const w = await world(account({ preferences: { marketingOptIn: true, optOutAll: false, businessTransitionOptOut: false } }));

    // Act
    await recordLinkChoice(w.deps, await tokenOf({ choice: 'opt_out_all', accountId: ACCOUNT_ID }));

    // Assess
    expect((await w.accounts.get(ACCOUNT_ID))!.preferences).toEqual({ marketingOptIn: false, optOutAll: true, businessTransitionOptOut: false });
    expect(w.accounts.stored.get(ACCOUNT_ID)!.consents.map(({ kind }) => kind)).toEqual(['marketing', 'communications']);
  });

  it('changes nothing the second time, and answers the same', async () => {
    // Prepare
    const w = await world();
    const token = await tokenOf({ choice: 'opt_out_all', accountId: ACCOUNT_ID });
    const first = await recordLinkChoice(w.deps, token);
    const after = structuredClone(w.accounts.stored.get(ACCOUNT_ID));

    // Act
    const second = await recordLinkChoice(w.deps, token);

    // Assess
    expect(second).toEqual(first);
    expect(w.accounts.stored.get(ACCOUNT_ID)).toEqual(after);
    expect(w.accounts.audit).toHaveLength(1);
  });

  it("records a deactivated customer's choice too", async () => {
    // Prepare
    const w = await world();
    await w.accounts.deactivate(ACCOUNT_ID, NOW, 'customer');

    // Act
    await recordLinkChoice(w.deps, await tokenOf({ choice: 'opt_out_all', accountId: ACCOUNT_ID }));

    // Assess
    expect((await w.accounts.get(ACCOUNT_ID))!.preferences.optOutAll).toBe(true);
  });

  it('answers the same and records nothing for an account that is gone or being erased', async () => {
    // Prepare
    const w = await world();
    await w.accounts.beginErasure(ACCOUNT_ID);
    const before = structuredClone(w.accounts.stored.get(ACCOUNT_ID));

    // Act
    const answers = [
      await recordLinkChoice(w.deps, await tokenOf({ choice: 'opt_out_all', accountId: ACCOUNT_ID })),
      await recordLinkChoice(w.deps, await tokenOf({ choice: 'opt_out_all', accountId: 'acc_01KB00000000000000000GONE0' })),
    ];

    // Assess
    expect(answers.map(({ choice }) => choice)).toEqual(['opt_out_all', 'opt_out_all']);
    expect(w.accounts.stored.get(ACCOUNT_ID)).toEqual(before);
  });

  it('answers the same at once and records nothing for an account still pending proof', async () => {
    // Prepare
    const accounts = new MemoryAccountStore();
    await accounts.create({ ...account(), status: 'pending' }, []);
    const write = jest.spyOn(accounts, 'updatePreferences');
    const before = structuredClone(accounts.stored.get(ACCOUNT_ID));

    // Act
    const answer = await recordLinkChoice({ accounts, optOuts: new MemoryReferralOptOuts(), pseudonymiser: testPseudonymiser }, await tokenOf({ choice: 'opt_out_all', accountId: ACCOUNT_ID }));

    // Assess
    expect(answer.choice).toBe('opt_out_all');
    expect(write).not.toHaveBeenCalled();
    expect(accounts.stored.get(ACCOUNT_ID)).toEqual(before);
  });

  it('reads the account again when it changed concurrently, and answers 409 when it keeps changing', async () => {
    // Prepare
    const w = await world();
    const write = jest.spyOn(w.accounts, 'updatePreferences').mockRejectedValueOnce(new AccountChanged());
    const token = await tokenOf({ choice: 'opt_out_all', accountId: ACCOUNT_ID });

    // Act
    await recordLinkChoice(w.deps, token);
    write.mockRejectedValue(new AccountChanged());
    const twice = recordLinkChoice(w.deps, await tokenOf({ choice: 'business_transition_opt_out', accountId: ACCOUNT_ID }));

    // Assess
    expect((await w.accounts.get(ACCOUNT_ID))!.preferences.optOutAll).toBe(true);
    await expect(twice).rejects.toBeInstanceOf(Conflict);
    expect(write).toHaveBeenCalledTimes(5);
  });

  it("records a friend's referral opt-out once, keeping the first time", async () => {
    // Prepare
    const w = await world();
    const token = await tokenOf({ choice: 'referral_opt_out', emailHash: await friendHash() });

    // Act
    await recordLinkChoice(w.deps, token);
    pinClock('2026-12-02T10:00:00.000Z');
    await recordLinkChoice(w.deps, token);

    // Assess
    expect([...w.optOuts.optedOut]).toEqual([[await friendHash(), NOW]]);
  });

  it.each([undefined, '', 'opt_out_all.acc_01KB0000000000000000000001.AAAA', 'nonsense'])('answers 404 to the token %p and changes nothing', async (token) => {
    // Prepare
    const w = await world();

    // Act
    const recording = recordLinkChoice(w.deps, token);

    // Assess
    await expect(recording).rejects.toBeInstanceOf(NotFound);
    expect(w.accounts.audit).toEqual([]);
  });
});

describe('previewLink (GET /unsubscribe)', () => {
  it('says what a POST would do and changes nothing', async () => {
    // Prepare
    const w = await world();
    const before = structuredClone(w.accounts.stored.get(ACCOUNT_ID));

    // Act
    const answer = await previewLink(w.deps, await tokenOf({ choice: 'opt_out_all', accountId: ACCOUNT_ID }));

    // Assess
    expect(answer).toEqual({ choice: 'opt_out_all', effect: expect.stringContaining('POST') });
    expect(w.accounts.stored.get(ACCOUNT_ID)).toEqual(before);
  });
});

describe('optOutOfReferrals (GET /referrals/opt-out)', () => {
  it("records the friend's opt-out", async () => {
    // Prepare
    const w = await world();

    // Act
    const answer = await optOutOfReferrals(w.deps, await tokenOf({ choice: 'referral_opt_out', emailHash: await friendHash() }));

    // Assess
    expect(answer.choice).toBe('referral_opt_out');
    expect(await w.optOuts.isOptedOut(await friendHash())).toBe(true);
  });

  it("answers 404 to a customer's genuine link, whose choice a GET must never make", async () => {
    // Prepare
    const w = await world();

    // Act
    const following = optOutOfReferrals(w.deps, await tokenOf({ choice: 'opt_out_all', accountId: ACCOUNT_ID }));

    // Assess
    await expect(following).rejects.toBeInstanceOf(NotFound);
    expect((await w.accounts.get(ACCOUNT_ID))!.preferences.optOutAll).toBe(false);
  });
});
