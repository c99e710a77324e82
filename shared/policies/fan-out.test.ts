import { noticesWorld, type NoticesWorld } from '../../test/support/policy-fakes';
import { testPseudonymiser } from '../../test/support/account-fakes';
import { suppressionKeyOf } from '../email/suppression';
import { FIRST_RETRY_DELAY_SECONDS } from '../jobs/retry-later';
import { MAX_NOTICE_ATTEMPTS, PLAN_LEASE_SECONDS, PLAN_PAGE_SIZE } from './fan-out';
import { NOTICE_CLAIM_LEASE_SECONDS, sendNotices } from './notices';
import { planUnfinished, planVersion } from './planner';
import { noticeCounters, publishPolicy } from './publication';

// Exactly once (README, "Policy notices at a million accounts"): planners racing or dying
// mid-plan, senders failing mid-batch, messages delivered twice; every eligible account gets one
// email, the others none, and the counters add up to the accounts planned.

const VERSION = '2026-03';
const ADMIN = { kind: 'admin', adminId: 'admin-sub' } as const;
const always = () => true;

/** Moves the shared clock forward (as /_local/clock does), e.g. past a lease. */
const advanceClock = (seconds: number) => {
  process.env.LOCAL_CLOCK_OFFSET_MS = String(Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0) + seconds * 1000);
};
afterEach(() => {
  delete process.env.LOCAL_CLOCK_OFFSET_MS;
});

const published = async (world: NoticesWorld, kind: 'policy_change' | 'business_transition' = 'policy_change') => {
  const effectiveAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  await publishPolicy({ policies: world.policies, queue: world.queue }, { version: VERSION, effectiveAt, summary: 'Faxes are kept 60 days.', kind }, ADMIN);
};

/** Every message the queue holds, each handled once, in order (failures left as they fell). */
const deliverAll = async (world: NoticesWorld) => {
  const results = [];
  for (const message of world.queue.messages.splice(0)) results.push(await sendNotices(world.senderDeps, message, Number.POSITIVE_INFINITY).catch((error: Error) => error));
  return results;
};

const emailsTo = (world: NoticesWorld, email: string) => world.ses.to(email).length;
const countersOf = (world: NoticesWorld) => noticeCounters(world.policies, VERSION);

describe('planning', () => {
  it('two planners at once enqueue every notifiable account once: one holds the lease, the other leaves', async () => {
    // Prepare
    const world = noticesWorld();
    const accounts = Array.from({ length: 120 }, () => world.givenAccount());
    await published(world);

    // Act
    const [first, second] = await Promise.all([planVersion(world.plannerDeps, VERSION, always), planVersion(world.plannerDeps, VERSION, always)]);

    // Assess
    expect([first.status, second.status].sort()).toEqual(['finished', 'held_elsewhere']);
    const enqueued = world.queue.messages.flatMap(({ accountIds }) => accountIds);
    expect(enqueued.sort()).toEqual(accounts.map(({ accountId }) => accountId).sort());
    expect((await countersOf(world)).planned).toBe(120);
    // Finished: the schedule's next run plans nothing.
    expect(await planUnfinished(world.plannerDeps, always)).toEqual({ versions: [] });
  });

  it('pages a shard in pages of PLAN_PAGE_SIZE, many accounts a message; out of time it stops, asks to go on, and the next run resumes at the cursor', async () => {
    // Prepare: more than a page in some shards.
    const world = noticesWorld();
    const accounts = Array.from({ length: 20 * PLAN_PAGE_SIZE }, () => world.givenAccount());
    await published(world);
    world.queue.planRequests.splice(0);
    let pages = 0;
    const twoPagesOnly = () => (pages += 1) <= 2;

    // Act
    const stopped = await planVersion(world.plannerDeps, VERSION, twoPagesOnly);
    const resumed = await planVersion(world.plannerDeps, VERSION, always);

    // Assess
    // Two pages: the first shard's 1,000 and its rest (about 1,250 a shard).
    expect(stopped.status).toBe('out_of_time');
    expect(stopped.planned).toBeGreaterThan(PLAN_PAGE_SIZE);
    expect(stopped.planned).toBeLessThan(2 * PLAN_PAGE_SIZE);
    expect(world.queue.planRequests).toEqual([VERSION]);
    expect(resumed.status).toBe('finished');
    const enqueued = world.queue.messages.flatMap(({ accountIds }) => accountIds);
    expect(enqueued).toHaveLength(accounts.length);
    expect(new Set(enqueued).size).toBe(accounts.length);
    expect(Math.max(...world.queue.messages.map(({ accountIds }) => accountIds.length))).toBe(50);
    expect((await countersOf(world)).planned).toBe(accounts.length);
  });

  it('a planner that dies after enqueuing a page, before its cursor moves: the next (after the lease) enqueues the page again, and nothing is sent or counted twice', async () => {
    // Prepare
    const world = noticesWorld();
    const accounts = Array.from({ length: 40 }, () => world.givenAccount());
    await published(world);
    const advance = world.policies.advance.bind(world.policies);
    jest.spyOn(world.policies, 'advance').mockImplementationOnce(async () => {
      throw new Error('the planner was killed');
    });

    // Act
    await expect(planVersion(world.plannerDeps, VERSION, always)).rejects.toThrow('killed');
    const whileLeased = await planVersion(world.plannerDeps, VERSION, always);
    advanceClock(PLAN_LEASE_SECONDS + 1);
    jest.spyOn(world.policies, 'advance').mockImplementation(advance);
    const afterLease = await planVersion(world.plannerDeps, VERSION, always);
    const enqueued = world.queue.messages.flatMap(({ accountIds }) => accountIds).length;
    await deliverAll(world);

    // Assess
    expect(whileLeased.status).toBe('held_elsewhere');
    expect(afterLease.status).toBe('finished');
    expect(enqueued).toBeGreaterThan(accounts.length);
    for (const { email } of accounts) expect(emailsTo(world, email)).toBe(1);
    expect(await countersOf(world)).toEqual({ planned: 40, sent: 40, skipped: 0, failed: 0, pending: 0 });
  });

  it('fails loudly when the queue does not take a page, and moves no cursor: the next run plans the page', async () => {
    // Prepare
    const world = noticesWorld();
    world.givenAccount();
    await published(world);
    world.queue.failNextSend = true;

    // Act
    await expect(planVersion(world.plannerDeps, VERSION, always)).rejects.toThrow('SQS unavailable');
    advanceClock(PLAN_LEASE_SECONDS + 1);
    await planVersion(world.plannerDeps, VERSION, always);

    // Assess
    expect((await countersOf(world)).planned).toBe(1);
    expect(world.queue.messages).toHaveLength(1);
  });
});

describe('sending', () => {
  it('emails each eligible account once; opted out, deactivated, unproven, erased and suppressed are skipped; marketing opt-out, restriction and objection are not', async () => {
    // Prepare: all planned while notifiable; then things change before the messages are handled.
    const world = noticesWorld();
    const plain = world.givenAccount();
    const restricted = world.givenAccount({ processing: { restricted: true, objectedToProfiling: true } });
    const noMarketing = world.givenAccount({ preferences: { marketingOptIn: false, optOutAll: false, businessTransitionOptOut: true } });
    const optsOut = world.givenAccount();
    const deactivates = world.givenAccount();
    const erased = world.givenAccount();
    const suppressed = world.givenAccount();
    const neverProven = world.givenAccount({ status: 'pending' });
    await published(world);
    await planVersion(world.plannerDeps, VERSION, always);
    world.accounts.get(optsOut.accountId)!.preferences.optOutAll = true;
    world.accounts.get(deactivates.accountId)!.status = 'deactivated';
    world.accounts.delete(erased.accountId);
    world.suppressions.entries.set(await suppressionKeyOf(testPseudonymiser, suppressed.email), 'bounce');

    // Act
    await deliverAll(world);

    // Assess
    for (const { email } of [plain, restricted, noMarketing]) expect(emailsTo(world, email)).toBe(1);
    for (const { email } of [optsOut, deactivates, erased, suppressed, neverProven]) expect(emailsTo(world, email)).toBe(0);
    expect(await countersOf(world)).toEqual({ planned: 7, sent: 3, skipped: 4, failed: 0, pending: 0 });
    expect(world.records.records.get(`${optsOut.accountId}#${VERSION}`)).toMatchObject({ status: 'skipped', reason: 'opted_out' });
    expect(world.records.records.get(`${suppressed.accountId}#${VERSION}`)).toMatchObject({ status: 'skipped', reason: 'suppressed' });
    // Nothing is written in the partition of an erased account.
    expect(world.records.records.has(`${erased.accountId}#${VERSION}`)).toBe(false);
  });

  it('a sender failing mid-batch fails the message; its retry sends only what is left, once each', async () => {
    // Prepare
    const world = noticesWorld();
    const accounts = Array.from({ length: 50 }, () => world.givenAccount());
    await published(world);
    await planVersion(world.plannerDeps, VERSION, always);
    const message = { policyVersion: VERSION, accountIds: accounts.map(({ accountId }) => accountId) };
    world.ses.failOn.add(accounts[20].email);

    // Act
    const first = await sendNotices(world.senderDeps, message, Number.POSITIVE_INFINITY).catch((error: Error) => error);
    const midway = await countersOf(world);
    world.ses.failOn.clear();
    // SQS brings it back after its visibility timeout, past the claim's lease.
    advanceClock(NOTICE_CLAIM_LEASE_SECONDS + 1);
    const retry = await sendNotices(world.senderDeps, message, Number.POSITIVE_INFINITY);

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect(midway).toEqual({ planned: 50, sent: 49, skipped: 0, failed: 0, pending: 1 });
    expect(retry).toEqual({ sent: 1, skipped: 0, failed: 0, duplicate: 49 });
    for (const { email } of accounts) expect(emailsTo(world, email)).toBe(1);
    expect(await countersOf(world)).toEqual({ planned: 50, sent: 50, skipped: 0, failed: 0, pending: 0 });
  });

  it(`records failed the notice whose sending failed ${MAX_NOTICE_ATTEMPTS} times: pending reaches 0 before the queue dead-letters the message`, async () => {
    // Prepare
    const world = noticesWorld();
    const unlucky = world.givenAccount();
    await published(world);
    await planVersion(world.plannerDeps, VERSION, always);
    const [message] = world.queue.messages;
    world.ses.failOn.add(unlucky.email);

    // Act: each receive comes after the lease of the claim before it.
    const receives = [];
    for (let receive = 1; receive <= MAX_NOTICE_ATTEMPTS + 1; receive += 1) {
      receives.push(await sendNotices(world.senderDeps, message, Number.POSITIVE_INFINITY).catch((error: Error) => error.name));
      advanceClock(NOTICE_CLAIM_LEASE_SECONDS + 1);
    }

    // Assess
    expect(receives).toEqual([...Array(MAX_NOTICE_ATTEMPTS).fill('ServiceUnavailable'), { sent: 0, skipped: 0, failed: 1, duplicate: 0 }]);
    expect(await countersOf(world)).toEqual({ planned: 1, sent: 0, skipped: 0, failed: 1, pending: 0 });
  });

  it('SES throttling postpones the message without using an attempt: its claim is given back, so the early retry sends', async () => {
    // Prepare
    const world = noticesWorld();
    const throttled = world.givenAccount();
    await published(world);
    await planVersion(world.plannerDeps, VERSION, always);
    const message = { policyVersion: VERSION, accountIds: [throttled.accountId] };
    world.ses.throttleOn.add(throttled.email);

    // Act: throttled more often than a notice may fail, each retry well within the claim's lease.
    const postponed = [];
    for (let receive = 1; receive <= MAX_NOTICE_ATTEMPTS + 1; receive += 1) {
      postponed.push(await sendNotices(world.senderDeps, message, Infinity).catch((error: Error) => error.name));
      advanceClock(FIRST_RETRY_DELAY_SECONDS);
    }
    world.ses.throttleOn.clear();
    const sent = await sendNotices(world.senderDeps, message, Infinity);

    // Assess
    expect(postponed).toEqual(Array(MAX_NOTICE_ATTEMPTS + 1).fill('RetryLater'));
    expect(sent).toEqual({ sent: 1, skipped: 0, failed: 0, duplicate: 0 });
    expect(emailsTo(world, throttled.email)).toBe(1);
  });

  it('a message delivered twice at once sends each email once: a delivery that finds the other’s claims is retried, then finds them settled', async () => {
    // Prepare
    const world = noticesWorld();
    const accounts = Array.from({ length: 30 }, () => world.givenAccount());
    const gone = world.givenAccount();
    await published(world);
    await planVersion(world.plannerDeps, VERSION, always);
    world.accounts.delete(gone.accountId);
    const message = { policyVersion: VERSION, accountIds: [...accounts, gone].map(({ accountId }) => accountId) };

    // Act
    const both = await Promise.allSettled([sendNotices(world.senderDeps, message, Infinity), sendNotices(world.senderDeps, message, Infinity)]);
    const retried = await sendNotices(world.senderDeps, message, Infinity);
    const later = await sendNotices(world.senderDeps, message, Infinity);

    // Assess
    // Which delivery claims which account first is down to timing (digests and pacing resolve in any order): a delivery that met the other's claims fails, so at least one does.
    expect(both.map(({ status }) => status)).toContain('rejected');
    expect(retried.duplicate).toBe(30);
    expect(later).toEqual({ sent: 0, skipped: 1, failed: 0, duplicate: 30 });
    for (const { email } of accounts) expect(emailsTo(world, email)).toBe(1);
    // The erased account is counted once, however often its message comes.
    expect(await countersOf(world)).toEqual({ planned: 31, sent: 30, skipped: 1, failed: 0, pending: 0 });
  });

  it('a sender out of time claims nothing more: the rest wait for the retry', async () => {
    // Prepare
    const world = noticesWorld();
    Array.from({ length: 3 }, () => world.givenAccount());
    await published(world);
    await planVersion(world.plannerDeps, VERSION, always);
    const [message] = world.queue.messages;

    // Act
    const outOfTime = await sendNotices(world.senderDeps, message, Date.now() - 1).catch((error: Error) => error.name);

    // Assess
    expect(outOfTime).toBe('NoticeOutOfTime');
    expect(world.records.records.size).toBe(0);
    expect(world.ses.sent).toHaveLength(0);
  });
});
