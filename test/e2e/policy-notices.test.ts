import { randomInt } from 'node:crypto';
import { adminToken, call, newCustomer, signUpForm } from './support/client';
import { emailsTo } from './support/emails';
import { drained } from './support/emulators';

// Policy versions and their notices over HTTP (API.md, "Policy changes and communications";
// README, "Policy notices at a million accounts"): publication, the current version as the clock
// moves, the fan-out by publication and by the `policy-notifications` schedule, the emails in
// /_local/emails and the counters. The runtime is shared: every active account of earlier test
// files is notified too, so each check looks at this file's own customers and at the counters'
// sums, never at totals it cannot know.

const DAY_MS = 24 * 3600 * 1000;
// A guard against a hang (the fan-out of every account of the shared runtime on a loaded machine), not a speed assertion.
const HANG_GUARD_MS = 120_000;
/** Versions no other test publishes: a year far ahead, a random revision. */
const freshVersion = () => `2090-${String(randomInt(1, 13)).padStart(2, '0')}.${randomInt(1, 1000)}`;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

const publish = async (body: Record<string, unknown>) => call('POST', '/admin/policies', { token: await adminToken(), json: body });
const countersOf = async (version: string) => call('GET', `/admin/policies/${version}/notifications`, { token: await adminToken() });
const runSchedule = async () => expect((await call('POST', '/_local/schedules/policy-notifications/run')).status).toBe(200);
const noticesTo = async (email: string) => (await emailsTo(email)).filter(({ subject }) => subject === 'Our privacy policy is changing' || subject === 'The fax service is changing hands');
const settled = async () => {
  await drained('policyNotices', 90_000);
  // An earlier file's duplicate email meeting its twin mid-send waits out the twin's claim lease (at most 31 s).
  await drained('emails', 45_000);
};

afterEach(async () => {
  await call('DELETE', '/_local/clock');
});

describe('policy versions', () => {
  it('publishes a version once (409 again), refuses one already in effect (422), and serves the current one as the clock passes effectiveAt', async () => {
    // Prepare
    const first = { version: freshVersion(), effectiveAt: inDays(30), summary: 'We now keep fax logs for 60 days.', kind: 'policy_change', url: 'https://fax.example.com/privacy' };
    const second = { version: `${first.version.split('.')[0]}.${Number(first.version.split('.')[1]) === 999 ? 998 : 999}`, effectiveAt: inDays(60), summary: 'A second change.', kind: 'policy_change' };

    // Act
    const published = await publish(first);
    const again = await publish({ ...first, summary: 'Another summary.' });
    const past = await publish({ ...second, effectiveAt: inDays(-1) });
    await publish(second);
    const beforeEither = await call('GET', '/policies/current');
    await call('PUT', '/_local/clock', { json: { now: new Date(Date.parse(first.effectiveAt) + 1000).toISOString() } });
    const afterFirst = await call('GET', '/policies/current');
    await call('PUT', '/_local/clock', { json: { now: new Date(Date.parse(second.effectiveAt) + 1000).toISOString() } });
    const afterSecond = await call('GET', '/policies/current');
    await settled();

    // Assess
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ ...first, publishedAt: expect.any(String) });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(past.status).toBe(422);
    // Before either takes effect: the latest published, unless an earlier one of the runtime is in effect already.
    expect(beforeEither.status).toBe(200);
    expect(afterFirst.body).toEqual({ version: first.version, effectiveAt: first.effectiveAt, summary: first.summary, url: first.url, kind: 'policy_change' });
    expect(afterSecond.body).toMatchObject({ version: second.version });
  }, HANG_GUARD_MS);

  it('answers 404 for the counters of a version never published, and for a malformed one', async () => {
    expect((await countersOf('2089-01')).status).toBe(404);
    expect((await countersOf('not-a-version')).status).toBe(404);
  });
});

describe('the policy-notice fan-out', () => {
  it('emails every active account not opted out of all communication once, with one-click unsubscribe, however often the schedule runs; the counters add up', async () => {
    // Prepare: who gets it and who does not.
    const active = await newCustomer();
    const restricted = await newCustomer();
    const optedOut = await newCustomer();
    const deactivated = await newCustomer();
    const pending = await signUpForm();
    expect((await call('POST', '/accounts', { json: pending })).status).toBe(201);
    expect((await call('PUT', '/me/preferences', { token: optedOut.token, json: { optOutAll: true } })).status).toBe(200);
    // A restriction of processing (the customer's own rights request, verified by their token) does not stop a legal notice.
    const restriction = await call('POST', '/rights-requests', { token: restricted.token, json: { type: 'restriction', email: restricted.form.email } });
    expect(restriction.status).toBe(202);
    await drained('rightsRequests');
    expect((await call('GET', '/me', { token: restricted.token })).body.processing).toEqual({ restricted: true, objectedToProfiling: false });
    expect((await call('DELETE', '/me', { token: deactivated.token })).status).toBe(202);
    const version = freshVersion();

    // Act: publication starts the fan-out; two schedule runs change nothing more.
    const published = await publish({ version, effectiveAt: inDays(30), summary: 'Faxes are kept 60 days.', kind: 'policy_change' });
    await runSchedule();
    await settled();
    await runSchedule();
    await settled();
    const counters = await countersOf(version);

    // Assess
    expect(published.status).toBe(201);
    for (const customer of [active, restricted]) {
      const notices = await noticesTo(customer.form.email);
      expect(notices.filter(({ text }) => text.includes(version))).toHaveLength(1);
      const [notice] = notices.filter(({ text }) => text.includes(version)) as ({ headers?: { name: string; value: string }[] } & (typeof notices)[number])[];
      expect(notice.headers).toEqual([
        { name: 'List-Unsubscribe', value: expect.stringMatching(/^<http:\/\/localhost:\d+\/unsubscribe\?token=opt_out_all\.acc_[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}>$/) },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ]);
    }
    for (const email of [optedOut.form.email, deactivated.form.email, pending.email]) expect((await noticesTo(email)).filter(({ text }) => text.includes(version))).toEqual([]);
    expect(counters.status).toBe(200);
    const { planned, sent, skipped, failed, pending: stillPending } = counters.body as Record<string, number>;
    expect(stillPending).toBe(0);
    expect(planned).toBe(sent + skipped + failed);
    expect(sent).toBeGreaterThanOrEqual(2);
  }, HANG_GUARD_MS);

  it("a business transition's notice explains the choice and carries its own signed opt-out link", async () => {
    // Prepare
    const customer = await newCustomer();
    const version = freshVersion();

    // Act
    expect((await publish({ version, effectiveAt: inDays(90), summary: 'Acme Fax Holdings acquires the fax service.', kind: 'business_transition' })).status).toBe(201);
    await settled();

    // Assess
    const [notice] = (await noticesTo(customer.form.email)).filter(({ text }) => text.includes('Acme Fax Holdings'));
    expect(notice.subject).toBe('The fax service is changing hands');
    expect(notice.text).toMatch(/\/unsubscribe\?token=business_transition_opt_out\.acc_[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}/);
    expect(notice.text).toMatch(/\/unsubscribe\?token=opt_out_all\./);
  }, HANG_GUARD_MS);
});
