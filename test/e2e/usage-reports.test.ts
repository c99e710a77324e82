import { randomInt } from 'node:crypto';
import { addNumbers, adminToken, call, newCustomer } from './support/client';
import { drained } from './support/emulators';
import { faxEvent, gatewayCall } from './support/gateway';

// Anonymised usage reports over HTTP (API.md, "Anonymised aggregates (admin)"): customers seeded
// by sign-up, faxes by signed gateway deliveries, the month closed by moving the backend's clock,
// the rollup run as its schedule would. The month is one no other test delivers faxes in, so its
// cells are exactly what this file seeded.
const SEEDED_AT = Date.parse('2031-03-10T12:00:00.000Z');
const MONTH = '2031-03';
const CLOSED_AT = '2031-04-02T12:00:00.000Z';

/** A card still valid in the moved clock's 2031 (an expired one is a 422 at sign-up). */
const UNEXPIRED_IN_2031 = { processorToken: 'pm_abc123', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2035 };

let clockMovedAt = 0;
/** The backend's clock, moved to `SEEDED_AT` (a gateway signs with it: its timestamp must be within 5 minutes). */
const backendNow = () => SEEDED_AT + (Date.now() - clockMovedAt);
const moveClockTo = async (at: string) => expect((await call('PUT', '/_local/clock', { json: { now: at } })).status).toBe(200);

const numberIn = (areaCode: string) => `+1${areaCode}${String(randomInt(2_000_000, 10_000_000))}`;

/** A customer holding a number of `areaCode` (signed in, so active). */
const customerIn = async (areaCode: string) => {
  const faxNumber = numberIn(areaCode);
  await addNumbers(faxNumber);
  return newCustomer({ faxNumber, billing: UNEXPIRED_IN_2031 });
};

/** Delivers a fax to `faxNumber` as a gateway would, at the backend's time; answers its webhook id. */
const fax = async (faxNumber: string, webhookId?: string) => {
  const at = backendNow();
  const sent = await gatewayCall('/gateway/faxes', faxEvent(faxNumber, { receivedAt: new Date(at).toISOString() }), { timestamp: Math.floor(at / 1000), ...(webhookId && { webhookId }) });
  expect(sent.status).toBe(202);
  return sent.webhookId;
};

/** Files a rights request of `type` with the customer's token (verified at once) and waits for its fulfilment. */
const rightsRequest = async ({ form, token }: Awaited<ReturnType<typeof customerIn>>, type: 'restriction' | 'objection') => {
  expect((await call('POST', '/rights-requests', { token, json: { type, email: form.email } })).status).toBe(202);
  await drained('rightsRequests');
};

const report = async (by: string) => call('GET', `/admin/reports/usage?by=${by}`, { token: await adminToken() });
const runRollup = async () => {
  const run = await call('POST', '/_local/schedules/usage-rollup/run');
  expect(run.status).toBe(200);
  return run.body;
};

afterAll(async () => {
  await call('DELETE', '/_local/clock');
});

describe('GET /admin/reports/usage', () => {
  it('publishes each closed month and area code of at least 10 accounts, leaves out restricted and objecting accounts, and counts a redelivered fax once', async () => {
    // Prepare: the month of March 2031.
    await moveClockTo(new Date(SEEDED_AT).toISOString());
    clockMovedAt = Date.now();
    const published = await Promise.all(Array.from({ length: 12 }, () => customerIn('917')));
    const [restricted, objecting] = await Promise.all([customerIn('917'), customerIn('917')]);
    const few = await Promise.all(Array.from({ length: 3 }, () => customerIn('646')));
    await rightsRequest(restricted, 'restriction');
    await rightsRequest(objecting, 'objection');
    for (const customer of published) {
      const first = await fax(customer.form.faxNumber);
      await fax(customer.form.faxNumber, first); // the gateway's retry of the same delivery
      await fax(customer.form.faxNumber);
    }
    for (const customer of [restricted, objecting, ...few]) for (let n = 0; n < 5; n += 1) await fax(customer.form.faxNumber);
    await drained('faxAccepted');

    // Act: the month closed (and its grace day passed); the hourly rollup runs.
    await moveClockTo(CLOSED_AT);
    const summary = await runRollup();
    const byMonth = await report('month');
    const byArea = await report('areaCode');

    // Assess: only 917's 12 accounts (2 faxes each); 646's 3 accounts and the restricted and objecting ones are in no cell.
    expect(summary.rolledUp).toContain(MONTH);
    expect(byMonth.status).toBe(200);
    expect(byMonth.body).toEqual({ cells: [{ key: MONTH, accounts: 12, faxes: 24 }], suppressedBelow: 10 });
    expect(byArea.body).toEqual({ cells: [{ key: '917', accounts: 12, faxes: 24 }], suppressedBelow: 10 });
    // No difference of the two comes to 646: the month adds up to its published area codes.
    const faxesOf = (cells: { faxes: number }[]) => cells.reduce((sum, cell) => sum + cell.faxes, 0);
    expect(faxesOf(byMonth.body.cells) - faxesOf(byArea.body.cells)).toBe(0);
    expect(JSON.stringify([byMonth.body, byArea.body])).not.toMatch(/acc_|@|\+1/);
  }, 120_000); // 17 sign-ups, 2 rights requests and 61 faxes: far more than jest's 5 s default

  it('never changes a published month: a customer who restricts processing afterwards leaves no difference between two reports', async () => {
    // Prepare: the month published by the test above.
    const before = [await report('month'), await report('areaCode')].map(({ body }) => body);
    expect(before[0].cells).toContainEqual({ key: MONTH, accounts: 12, faxes: 24 });
    const late = await customerIn('917');
    await rightsRequest(late, 'restriction');

    // Act
    const summary = await runRollup();
    const after = [await report('month'), await report('areaCode')].map(({ body }) => body);

    // Assess
    expect(summary).toEqual({ rolledUp: [] });
    expect(after).toEqual(before);
  }, 30_000);

  it.each([
    ['without `by`', ''],
    ['by something else', 'by=accountId'],
    ['by an email', 'by=ana%40acme.test'],
  ])('refuses a report %s (400 problem)', async (_case, query) => {
    // Act
    const response = await call('GET', `/admin/reports/usage?${query}`, { token: await adminToken() });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(response.body)).not.toContain('ana@acme.test');
  });

  it('is for administrators only (401 without a token, 403 for a customer)', async () => {
    // Prepare
    const { token } = await newCustomer({ billing: UNEXPIRED_IN_2031 });

    // Act, Assess
    expect((await call('GET', '/admin/reports/usage?by=month')).status).toBe(401);
    expect((await call('GET', '/admin/reports/usage?by=month', { token })).status).toBe(403);
  });
});
