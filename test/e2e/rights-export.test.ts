import { call, newCustomer, signUpForm, tokenFor } from './support/client';
import { contractViolations } from './support/contract';
import { emailsTo } from './support/emails';
import { faxEvent, gatewayCall } from './support/gateway';
import { publicRequest, statusOf, verify } from './support/rights';

// Access and portability over HTTP (API.md, "Privacy rights requests"): the export of everything
// held about the email, its link in the completion email and in the request's result, and the
// link's route, which redirects to a fresh presigned download while its token holds.

const COMPLETED_SUBJECT = 'Your privacy request is complete';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The request once fulfilled (the queue consumer works asynchronously). */
const completed = async (requestId: string, credentials: { requestToken?: string; token?: string }, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await statusOf(requestId, credentials);
    if (body.status === 'completed' || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** Follows an export link without following its redirect; the answer must be one the OpenAPI document lists. */
const openLink = async (url: string) => {
  const response = await fetch(url, { redirect: 'manual' });
  const text = await response.text();
  const { pathname, search } = new URL(url);
  expect(contractViolations('GET', `${pathname}${search}`, { status: response.status, contentType: response.headers.get('content-type'), text })).toEqual([]);
  return { status: response.status, location: response.headers.get('location') };
};

/** The export behind a link: its redirect followed to the bucket. */
const download = async (url: string) => {
  const opened = await openLink(url);
  expect(opened.status).toBe(302);
  const object = await fetch(opened.location!);
  expect(object.status).toBe(200);
  return (await object.json()) as any;
};

/** The export link the completion email sent to `address` carries, once it has arrived. */
const emailedLink = async (address: string) => {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const email = (await emailsTo(address)).find(({ subject }) => subject === COMPLETED_SUBJECT);
    if (email || Date.now() > deadline) return /(https?:\/\/\S+\/rights-requests\/\S+\/export\?token=[\w.-]+)/.exec(email?.text ?? '')?.[1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The login's invitation sent to `address`: the login exists in the pool. */
const invitationTo = async (address: string) => {
  const deadline = Date.now() + 10_000;
  while (!(await emailsTo(address)).some(({ subject }) => subject === 'Your fax service login') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** A guard against a hang (queue consumers on a loaded machine), not a speed assertion. */
const HANG_GUARD_MS = 30_000;

describe('access and portability exports', () => {
  it("exports a customer's account, faxes with links, consents, requests and the Art. 15 facts, linked from the result and the email", async () => {
    // Prepare
    // Signed up, its login provisioned (the invitation sent), then signed in.
    const form = await signUpForm();
    const accountId = (await call('POST', '/accounts', { json: form })).body.accountId as string;
    await invitationTo(form.email);
    const token = await tokenFor(form.email);
    const faxIds: string[] = [];
    for (const n of [1, 2]) faxIds.push((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { eventId: `gw-export-${accountId}-${n}` }))).body.faxId);
    const inboxHolds = async () => (await call('GET', '/faxes?limit=100', { token })).body.items.length === 2;
    for (const deadline = Date.now() + 8_000; !(await inboxHolds()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));

    // Act
    const filed = await call('POST', '/rights-requests', { token, json: { type: 'access', email: form.email } });
    const done = await completed(filed.body.requestId, { token });

    // Assess
    expect(filed.body.status).toBe('verified');
    expect(done.status).toBe('completed');
    const { url, expiresAt } = done.result.export;
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(7 * DAY_MS);
    const exported = await download(url);
    expect(exported).toMatchObject({ format: 'fax-service-personal-data-export', requestId: filed.body.requestId, requestType: 'access', subject: { email: form.email } });
    expect(exported.data.account).toEqual([expect.objectContaining({ accountId, email: form.email, faxNumber: form.faxNumber, company: form.company })]);
    expect(exported.data.consent.length).toBeGreaterThan(0);
    expect(exported.data.fax.map((fax: { faxId: string }) => fax.faxId).sort()).toEqual([...faxIds].sort());
    const [fax] = exported.data.fax;
    expect(fax.document).toBe(`${new URL(url).origin}/faxes/${fax.faxId}/document`);
    const document = await fetch(fax.document, { headers: { authorization: `Bearer ${token}` } });
    expect(document.status).toBe(200);
    expect(exported.data.rights_request).toEqual([expect.objectContaining({ requestId: filed.body.requestId, type: 'access' })]);
    expect(exported.data.userPoolLogins).toEqual([expect.objectContaining({ username: accountId, email: form.email })]);
    expect(exported.art15).toMatchObject({ purposes: expect.any(Array), categories: expect.any(Array), recipients: expect.any(Array), retention: expect.any(Object), source: expect.any(String), rights: expect.any(Array), complaints: expect.any(Array) });
    expect(JSON.stringify(exported)).not.toContain(form.billing.processorToken);
    expect(await emailedLink(form.email)).toBe(url);
  }, HANG_GUARD_MS);

  it('gives a public portability request, verified by its code, the emailed link too', async () => {
    // Prepare
    const { email, code, requestId, requestToken } = await publicRequest(undefined, { type: 'portability' });

    // Act
    await verify(requestId, requestToken, code);
    const done = await completed(requestId, { requestToken });

    // Assess
    expect(done.status).toBe('completed');
    const link = await emailedLink(email);
    expect(link).toBe(done.result.export.url);
    const exported = await download(link!);
    expect(exported).toMatchObject({ requestType: 'portability', subject: { email } });
    expect(exported.data.account).toEqual([]);
    expect(exported.data.rights_request).toEqual([expect.objectContaining({ requestId, type: 'portability' })]);
  }, HANG_GUARD_MS);

  it('answers 404 to a forged token and 400 to a malformed one', async () => {
    // Prepare
    const { token, form } = await newCustomer();
    const filed = await call('POST', '/rights-requests', { token, json: { type: 'access', email: form.email } });
    const { url } = (await completed(filed.body.requestId, { token })).result.export;
    const genuine = new URL(url);
    const [expiry, signature] = genuine.searchParams.get('token')!.split('.');
    const forged = new URL(genuine);
    forged.searchParams.set('token', `${Number(expiry) + 86_400}.${signature}`);
    const malformed = new URL(genuine);
    malformed.searchParams.set('token', 'not-a-token');

    // Act
    const answers = [await openLink(forged.href), await openLink(malformed.href)];

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([404, 400]);
  }, HANG_GUARD_MS);
});
