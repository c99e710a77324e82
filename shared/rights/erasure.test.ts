import { failing } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { erasureWorld, type ErasureWorld } from '../../test/support/erasure-fakes';
import { getProfile } from '../accounts/profile';
import { suppressionKeyOf } from '../email/suppression';
import { NotFound } from '../errors';
import { personalDataRegistry, type Registration } from '../privacy/registry';
import { erasure, erasureStepOf, type ErasureDependencies } from './erasure';
import { exportKeyOf } from './export-link';

const ANA = 'ana@acme.test';
const NOW = '2026-11-30T10:00:00.000Z';
const QUARANTINED_UNTIL = '2027-02-28T10:00:00.000Z';

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

/** Ana signed up, with `faxes` faxes, a consent, a blocked sender, a gone fax, and an access request of hers; she asks for erasure. */
const givenAna = async (faxes = 3) => {
  const world = erasureWorld();
  const accountId = await world.signUp(ANA);
  await world.accounts.activate(accountId, NOW);
  await world.logins.provision({ accountId, email: ANA, temporaryPassword: 'Tmp-Pa55word!x' });
  world.givenFaxes(accountId, faxes);
  const earlier = await world.givenRequest(ANA, 'access');
  await world.exports.save(exportKeyOf(earlier.requestId), (async function* () {
    yield '{}';
  })());
  const request = await world.givenRequest(ANA, 'erasure', 'in_progress');
  // Two customers invited her before she signed up; another invitation is someone else's.
  await world.givenReferralOf(ANA);
  await world.givenReferralOf(ANA, 'acc_01KB000000000000000000REF2');
  await world.givenReferralOf('friend@example.test');
  // Junk-fax reports she filed: two as a customer, one before, publicly, with her email.
  world.givenReportsFiledBy({ accountId }, 2);
  world.givenReportsFiledBy({ emailHash: request.emailHash }, 1);
  const account = (await world.accounts.get(accountId))!;
  return { world, accountId, account, earlier, request };
};

/** What the world holds, for comparing end states (the receipt's counts aside: a crash may leave a step uncounted). */
const stateOf = (world: ErasureWorld) => ({
  accounts: [...world.accounts.stored.keys()],
  emailClaims: [...world.accounts.emailClaims.keys()],
  referralClaims: [...world.accounts.referralClaims.keys()],
  numbers: [...world.accounts.numberClaims.keys()],
  quarantined: [...world.accounts.quarantined],
  logins: [...world.logins.logins.keys()],
  partitions: [...world.partitions.items].filter(([, items]) => items.length > 0),
  documents: [...world.documents.keys],
  requests: [...world.requestStore.items.values()],
  suppressions: [...world.suppressions.entries],
  receipts: [...world.receipts.receipts.keys()],
  reporters: [...world.reporters.filed],
  exports: [...world.exports.objects.keys()],
  referrals: [...world.referrals.referrals.keys()],
});

/** The dependencies, counting every call among all of them, the `failAt`-th failing (once). */
const instrumented = (deps: ErasureDependencies, failAt = 0) => {
  let calls = 0;
  const wrap = <T extends object>(port: T): T =>
    new Proxy(port, {
      get: (target, name, receiver) => {
        const member = Reflect.get(target, name, receiver) as unknown;
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          calls += 1;
          if (calls === failAt) return Promise.reject(failing(String(name)));
          return (member as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const wrapped = Object.fromEntries(Object.entries(deps).map(([name, port]) => [name, wrap(port as object)])) as unknown as ErasureDependencies;
  return { deps: wrapped, calls: () => calls };
};

describe('erasure: a person with an account', () => {
  it('deletes the account, its claims, login, faxes, documents and every item of its partition, and quarantines its number', async () => {
    // Prepare
    const { world, account, request } = await givenAna();

    // Act
    const result = await erasure(world.deps)(request, 'req-1');

    // Assess
    expect(result).toBeUndefined();
    const state = stateOf(world);
    expect(state.accounts).toEqual([]);
    expect(state.emailClaims).toEqual([]);
    expect(state.referralClaims).toEqual([]);
    expect(state.logins).toEqual([]);
    expect(state.partitions).toEqual([]);
    expect(state.documents).toEqual([]);
    expect(state.numbers).toEqual([]);
    expect(state.quarantined).toEqual([[account.faxNumber, QUARANTINED_UNTIL]]);
  });

  it('removes the reporter from the junk-fax reports she filed, as a customer and with her email, and deletes her exports', async () => {
    // Prepare
    const { world, request } = await givenAna();

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    const state = stateOf(world);
    expect(state.reporters).toEqual([]);
    expect(state.exports).toEqual([]);
    expect(world.receipts.receipts.get(request.requestId)).toMatchObject({ 'items.junk_report': 3 });
  });

  it("anonymises the person's other rights requests with the registry's fields, and leaves the one being fulfilled to forget them as it completes", async () => {
    // Prepare
    const { world, earlier, request } = await givenAna();
    const stranger = await world.givenRequest('bob@acme.test', 'access');

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    const anonymised = world.requestStore.items.get(earlier.requestId)!;
    for (const field of personalDataRegistry.items.rights_request.erasure.fields) expect(anonymised).not.toHaveProperty(field);
    expect(anonymised).toMatchObject({ requestId: earlier.requestId, type: 'access', status: 'completed', createdAt: earlier.createdAt });
    expect(world.requestStore.items.get(request.requestId)).toEqual(request);
    expect(world.requestStore.items.get(stranger.requestId)).toEqual(stranger);
  });

  it('finds what the person filed under an email their account held before: rights requests (and their exports) and public junk-fax reports', async () => {
    // Prepare: Ana filed under her old email, then moved her account to this one
    const { world, accountId, request } = await givenAna();
    const old = await world.givenRequest('ana.old@acme.test', 'access');
    await world.exports.save(exportKeyOf(old.requestId), (async function* () {
      yield '{}';
    })());
    world.givenReportsFiledBy({ emailHash: old.emailHash }, 2);
    const account = (await world.accounts.get(accountId))!;
    await world.accounts.updateProfile(account, { formerEmailHashes: [old.emailHash] }, NOW);

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    expect(world.requestStore.items.get(old.requestId)).not.toHaveProperty('email');
    expect(stateOf(world).exports).toEqual([]);
    expect(stateOf(world).reporters).toEqual([]);
    expect(world.receipts.receipts.get(request.requestId)).toMatchObject({ 'items.rights_request': 2, 'items.junk_report': 5 });
  });

  it('deletes an export written while it ran (an access request racing it), once the request is anonymised', async () => {
    // Prepare: the earlier access request's export lands after the erasure's first deletion
    const { world, earlier, request } = await givenAna();
    const anonymise = world.deps.requests.anonymise.bind(world.deps.requests);
    jest.spyOn(world.deps.requests, 'anonymise').mockImplementationOnce(async (requestId, fields) => {
      await world.exports.save(exportKeyOf(earlier.requestId), (async function* () {
        yield '{"late":true}';
      })());
      return anonymise(requestId, fields);
    });

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    expect(stateOf(world).exports).toEqual([]);
  });

  it('sweeps the partition again before the account goes: a document and item written while it ran are erased too', async () => {
    // Prepare: a fax lands once the first sweep is done (its writer raced the erasure's mark)
    const { world, accountId, request } = await givenAna(1);
    const late = { key: { PK: `ACCOUNT#${accountId}`, SK: 'FAX#fax_late' }, kind: 'fax', documentKey: 'faxes/fax_late' };
    const forgetReporter = world.reporters.forgetReporter.bind(world.reporters);
    jest.spyOn(world.reporters, 'forgetReporter').mockImplementationOnce(async (reporter) => {
      world.partitions.items.get(accountId)!.push(late);
      world.documents.keys.add(late.documentKey);
      return forgetReporter(reporter);
    });

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    expect(stateOf(world).partitions).toEqual([]);
    expect(stateOf(world).documents).toEqual([]);
    expect(world.receipts.receipts.get(request.requestId)).toMatchObject({ 'items.fax': 2, 'objects.faxes': 2 });
  });

  it("keeps the email's keyed digest on the suppression list (reason `erasure`), and a receipt of what was erased, by kind", async () => {
    // Prepare
    const { world, request } = await givenAna(3);

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    expect([...world.suppressions.entries]).toEqual([[await suppressionKeyOf(world.deps.pseudonymiser, ANA), 'erasure']]);
    expect(world.receipts.receipts.get(request.requestId)).toEqual({
      'items.account': 1,
      'items.email_claim': 1,
      'items.referral_code_claim': 1,
      'items.fax_number': 1,
      'outsideStores.userPoolLogins': 1,
      'items.fax': 3,
      'objects.faxes': 3,
      'items.consent': 1,
      'items.blocked_sender': 1,
      'items.fax_gone': 1,
      'items.rights_request': 1,
      'items.junk_report': 3,
      'items.referral': 2,
    });
  });

  it('pages through the partition: at most 1000 documents to a bulk delete, never all faxes at once', async () => {
    // Prepare: the first page holds the blocked sender and the consent too (they sort before FAX#)
    const { world, request } = await givenAna(2500);

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    expect(world.documents.calls).toEqual([998, 1000, 502]);
    expect(stateOf(world).documents).toEqual([]);
  });

  it('makes the account unreachable to its token first: a crash right after leaves the old token a 404', async () => {
    // Prepare
    const { world, accountId, request } = await givenAna();
    jest.spyOn(world.logins, 'remove').mockRejectedValueOnce(failing('user pool'));

    // Act
    await expect(erasure(world.deps)(request, 'req-1')).rejects.toThrow('user pool unavailable');

    // Assess
    await expect(getProfile(world.accounts, accountId)).rejects.toThrow(NotFound);
  });

  it('stops at an item of a kind the registry does not know, deleting nothing of its page', async () => {
    // Prepare
    const { world, accountId, request } = await givenAna(2);
    world.partitions.items.get(accountId)!.push({ key: { PK: `ACCOUNT#${accountId}`, SK: 'MYSTERY#1' }, kind: 'mystery' });

    // Act
    const erasing = erasure(world.deps)(request, 'req-1');

    // Assess
    await expect(erasing).rejects.toThrow('unregistered kind of item: mystery');
    expect(world.documents.keys.size).toBe(2);
  });
});

describe('erasure: the referrals that invited the person', () => {
  it("deletes every customer's referral of her email, and no one else's", async () => {
    // Prepare
    const { world, request } = await givenAna();

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    expect([...world.referrals.referrals.values()].map(({ friendEmail }) => friendEmail)).toEqual(['friend@example.test']);
    expect(world.receipts.receipts.get(request.requestId)).toMatchObject({ 'items.referral': 2 });
  });

  it('deletes them for a friend who never had an account', async () => {
    // Prepare
    const world = erasureWorld();
    await world.givenReferralOf(ANA);
    const request = await world.givenRequest(ANA, 'erasure', 'in_progress');

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    expect(world.referrals.referrals.size).toBe(0);
    expect(world.receipts.receipts.get(request.requestId)).toMatchObject({ 'items.referral': 1 });
  });
});

describe('erasure: a person without an account', () => {
  it('still anonymises their rights requests, suppresses the email and leaves a receipt', async () => {
    // Prepare
    const world = erasureWorld();
    const earlier = await world.givenRequest(ANA, 'objection');
    const request = await world.givenRequest(ANA, 'erasure', 'in_progress');

    // Act
    await erasure(world.deps)(request, 'req-1');

    // Assess
    expect(world.requestStore.items.get(earlier.requestId)).not.toHaveProperty('email');
    expect(world.suppressions.entries.get(await suppressionKeyOf(world.deps.pseudonymiser, ANA))).toBe('erasure');
    expect(world.receipts.receipts.get(request.requestId)).toEqual({ 'items.rights_request': 1 });
    expect(world.logins.calls).toEqual([]);
  });
});

describe('erasure: idempotent and resumable', () => {
  it('finishes with the same end state when a dependency fails at any call and the message is redelivered', async () => {
    // Prepare: the end state of an erasure that never failed, and how many calls it made
    const clean = await givenAna(5);
    const counted = instrumented(clean.world.deps);
    await erasure(counted.deps)(clean.request, 'req-1');
    const expected = stateOf(clean.world);
    expect(counted.calls()).toBeGreaterThan(10);

    for (let failAt = 1; failAt <= counted.calls(); failAt += 1) {
      // Act
      const { world, request } = await givenAna(5);
      await expect(erasure(instrumented(world.deps, failAt).deps)(request, 'req-1')).rejects.toThrow('unavailable');
      await erasure(world.deps)(request, 'req-2');

      // Assess
      expect({ failAt, state: stateOf(world) }).toEqual({ failAt, state: expected });
    }
  });

  it('changes nothing when run again after it finished (a redelivered message)', async () => {
    // Prepare
    const { world, request } = await givenAna();
    await erasure(world.deps)(request, 'req-1');
    const before = stateOf(world);
    const receipt = structuredClone(world.receipts.receipts.get(request.requestId));

    // Act
    await erasure(world.deps)(request, 'req-2');

    // Assess
    expect(stateOf(world)).toEqual(before);
    expect(world.receipts.receipts.get(request.requestId)).toEqual(receipt);
  });
});

describe('erasure: driven by the personal-data registry', () => {
  const erased = (): string[] =>
    Object.entries(personalDataRegistry).flatMap(([group, entries]) =>
      Object.entries(entries as Record<string, Registration>)
        .filter(([, registration]) => registration.personal && registration.erasure.action !== 'keep')
        .map(([name]) => `${group}.${name}`),
    );

  it('has a step for every registered thing whose erasure is delete or anonymise', () => {
    // Act
    const withoutStep = erased().filter((thing) => !Object.hasOwn(erasureStepOf, thing));

    // Assess
    expect(withoutStep).toEqual([]);
  });

  it('has steps only for registered things the registry says to delete or anonymise', () => {
    // Act
    const stray = Object.keys(erasureStepOf).filter((thing) => !erased().includes(thing));

    // Assess
    expect(stray).toEqual([]);
  });
});
