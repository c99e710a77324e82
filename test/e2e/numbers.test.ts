import { randomInt } from 'node:crypto';
import { NUMBER_QUARANTINE_DAYS, quarantineEndOf } from '../../shared/numbers/number';
import { addNumbers, adminToken, call, newCustomer, signUpForm, tokenFor, uniqueFaxNumber } from './support/client';
import { releaseIntoQuarantine } from './support/emulators';
import { faxEvent, gatewayCall } from './support/gateway';

// The service's own fax numbers (API.md, "Accounts"), over HTTP: the inventory an administrator
// fills, what a sign-up may choose, and the quarantine of a number an erasure released.

const DAY_MS = 24 * 60 * 60 * 1000;

/** An area code none of the other tests uses (they take +1555…), and numbers in it. */
const drawn = randomInt(200, 1000);
const areaCode = String(drawn === 555 ? 556 : drawn);
const numberInArea = () => `+1${areaCode}${String(randomInt(10_000_000)).padStart(7, '0')}`;

/** Every page of a list route, followed through its cursors. */
const everyItem = async (path: string, token?: string): Promise<any[]> => {
  const items: any[] = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const separator = path.includes('?') ? '&' : '?';
    const page = await call('GET', `${path}${separator}limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  }
  return items;
};

describe('POST /admin/numbers', () => {
  it('adds new numbers, counting those already present (whatever their status) and those listed twice once', async () => {
    const held = (await newCustomer()).form.faxNumber;
    const fresh = [uniqueFaxNumber(), uniqueFaxNumber()];

    const first = await call('POST', '/admin/numbers', { token: await adminToken(), json: { numbers: [...fresh, fresh[0], held] } });
    const again = await call('POST', '/admin/numbers', { token: await adminToken(), json: { numbers: fresh } });

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 2, alreadyPresent: 1 });
    expect(again.body).toEqual({ added: 0, alreadyPresent: 2 });
    const assigned = await everyItem('/admin/numbers?status=assigned', await adminToken());
    expect(assigned.filter((number) => number.faxNumber === held)).toEqual([
      { faxNumber: held, status: 'assigned', addedAt: expect.any(String), accountId: expect.stringMatching(/^acc_/) },
    ]);
  });

  it('takes 1,000 numbers in one request and refuses 1,001 or a number that is not E.164, adding none of them', async () => {
    const start = randomInt(9_000_000);
    const thousand = Array.from({ length: 1_000 }, (_, i) => `+1${areaCode}${String(start + i).padStart(7, '0')}`);
    const tooMany = await call('POST', '/admin/numbers', { token: await adminToken(), json: { numbers: [...thousand, numberInArea()] } });
    const notE164 = await call('POST', '/admin/numbers', { token: await adminToken(), json: { numbers: [thousand[0], '(212) 555-0100'] } });

    const added = await call('POST', '/admin/numbers', { token: await adminToken(), json: { numbers: thousand } });

    expect([tooMany.status, notE164.status]).toEqual([400, 400]);
    expect(notE164.body.errors).toEqual([{ path: 'numbers.1', message: expect.any(String) }]);
    expect(JSON.stringify(notE164.body)).not.toContain('555-0100');
    expect(added.status).toBe(200);
    // None of them was added by the refused requests.
    expect(added.body).toEqual({ added: 1_000, alreadyPresent: 0 });
    // DynamoDB Local takes seconds over ten transactions of 100 items: a guard against a hang only.
  }, 60_000);
});

describe('the administrators’ number routes', () => {
  it.each([
    ['POST', '/admin/numbers', { numbers: ['+15550000001'] }],
    ['GET', '/admin/numbers?status=available', undefined],
  ])('refuse %s %s without a token (401) and with a customer’s token (403)', async (method, path, json) => {
    const { token } = await newCustomer();

    const anonymous = await call(method, path, { json });
    const customer = await call(method, path, { json, token });

    expect([anonymous.status, customer.status]).toEqual([401, 403]);
  });
});

describe('sign-up and the inventory', () => {
  it('refuses a number outside the inventory with 422 and stores nothing: the same email signs up with an available number', async () => {
    const outside = await signUpForm({ faxNumber: uniqueFaxNumber() });

    const refused = await call('POST', '/accounts', { json: outside });
    const { faxNumber: available } = await signUpForm();
    const retried = await call('POST', '/accounts', { json: { ...outside, faxNumber: available } });

    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/fax number is not available/);
    expect(JSON.stringify(refused.body)).not.toContain(outside.faxNumber);
    expect(retried.status).toBe(201);
  });

  it('refuses a number another account holds with 409', async () => {
    const holder = await newCustomer();

    const taken = await call('POST', '/accounts', { json: await signUpForm({ faxNumber: holder.form.faxNumber }) });

    expect(taken.status).toBe(409);
    expect(taken.body.detail).toMatch(/fax number/);
  });

  it('lets one of two concurrent sign-ups for one number win, the other 409', async () => {
    const faxNumber = uniqueFaxNumber();
    await addNumbers(faxNumber);
    const forms = await Promise.all([signUpForm({ faxNumber }), signUpForm({ faxNumber })]);

    const statuses = (await Promise.all(forms.map((form) => call('POST', '/accounts', { json: form })))).map((response) => response.status);

    expect(statuses.sort()).toEqual([201, 409]);
  });
});

describe('GET /numbers/available', () => {
  it('lists, to anyone, the available numbers of an area code: not the assigned nor the quarantined ones', async () => {
    const [available, assigned, quarantined] = [numberInArea(), numberInArea(), numberInArea()];
    await addNumbers(available, assigned, quarantined, uniqueFaxNumber());
    const holder = await newCustomer({ faxNumber: assigned });
    const erased = await newCustomer({ faxNumber: quarantined });
    await releaseIntoQuarantine(quarantined, erased.accountId, quarantineEndOf(new Date()));

    const listed = (await everyItem(`/numbers/available?areaCode=${areaCode}`)).map((item) => item.faxNumber);

    expect(holder.accountId).toMatch(/^acc_/);
    expect(listed).toContain(available);
    expect(listed).not.toContain(assigned);
    expect(listed).not.toContain(quarantined);
    expect(listed.every((faxNumber) => faxNumber.startsWith(`+1${areaCode}`))).toBe(true);
    expect(listed).toEqual([...listed].sort());
  });

  it('answers each number and nothing else, and refuses an area code that is not three NANP digits', async () => {
    await addNumbers(numberInArea());

    const page = await call('GET', `/numbers/available?areaCode=${areaCode}&limit=1`);
    const badAreaCode = await call('GET', '/numbers/available?areaCode=12');

    expect(page.body.items).toEqual([{ faxNumber: expect.stringMatching(new RegExp(`^\\+1${areaCode}\\d{7}$`)) }]);
    expect(badAreaCode.status).toBe(400);
    expect(badAreaCode.body.errors).toEqual([{ path: 'areaCode', message: expect.any(String) }]);
  });
});

describe(`the ${NUMBER_QUARANTINE_DAYS}-day quarantine of an erased account's number`, () => {
  afterAll(async () => {
    await call('DELETE', '/_local/clock');
  });

  it('routes no fax to the number and lets no sign-up take it, until the schedule makes it available again', async () => {
    const erased = await newCustomer();
    const { faxNumber } = erased.form;
    const quarantinedUntil = quarantineEndOf(new Date());
    await releaseIntoQuarantine(faxNumber, erased.accountId, quarantinedUntil);

    expect((await gatewayCall('/gateway/faxes', faxEvent(faxNumber))).status).toBe(422);
    expect((await call('POST', '/accounts', { json: await signUpForm({ faxNumber }) })).status).toBe(422);
    const listed = await everyItem('/admin/numbers?status=quarantined', await adminToken());
    expect(listed.filter((number) => number.faxNumber === faxNumber)).toEqual([
      { faxNumber, status: 'quarantined', addedAt: expect.any(String), quarantinedUntil },
    ]);
    const tooEarly = await call('POST', '/_local/schedules/number-quarantine/run');
    expect(tooEarly.status).toBe(200);
    expect((await call('POST', '/accounts', { json: await signUpForm({ faxNumber }) })).status).toBe(422);

    expect(Date.parse(quarantinedUntil) - Date.now()).toBeGreaterThan((NUMBER_QUARANTINE_DAYS - 1) * DAY_MS);
    await call('PUT', '/_local/clock', { json: { now: new Date(Date.parse(quarantinedUntil) + 60_000).toISOString() } });
    const released = await call('POST', '/_local/schedules/number-quarantine/run');
    await call('DELETE', '/_local/clock');

    expect(released.status).toBe(200);
    expect(released.body.numbersReleased).toBeGreaterThanOrEqual(1);
    const newcomer = await signUpForm({ faxNumber });
    expect((await call('POST', '/accounts', { json: newcomer })).status).toBe(201);
    const { body: me } = await call('GET', '/me', { token: await tokenFor(newcomer.email) });
    expect(me.faxNumber).toBe(faxNumber);
  });
});
