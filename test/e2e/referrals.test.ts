import { randomUUID } from 'node:crypto';
import { localPseudonymiser } from '../../infra/local/runtime';
import { signCommunicationLink } from '../../shared/communications/links';
import { personEmailHash } from '../../shared/pseudonyms';
import { SIGNUP_PROOF_DAYS } from '../../shared/accounts/expiry';
import { call, newCustomer, signUpForm, tokenFor } from './support/client';
import { emailsTo } from './support/emails';
import { storedItem } from './support/emulators';
import { publicRequest, statusOf, verify } from './support/rights';

// Referrals over HTTP (API.md, "Policy changes and communications"): a customer invites a friend,
// the friend gets one invitation (the code, the opt-out link, List-Unsubscribe) unless they may
// not be invited, the answer never tells which, the friend's sign-up with the code converts it
// once proven (never when it expires unproven), and the friend's data is theirs to export and erase.

jest.setTimeout(90_000);

const INVITATION = 'An invitation to the fax service';
const CODE = 'Your privacy request verification code';
const friendEmail = () => `friend.${randomUUID().slice(0, 8)}@example.test`;
const invite = (token: string, email: string, friendName = 'Bo Friend') => call('POST', '/referrals', { token, json: { friendName, friendEmail: email } });
const referralsOf = async (token: string) => (await call('GET', '/referrals?limit=100', { token })).body.items as Record<string, unknown>[];
const statusOfReferral = async (token: string, referralId: string) => (await referralsOf(token)).find((item) => item.referralId === referralId)?.status;
const optOutToken = async (email: string) => signCommunicationLink(localPseudonymiser(), { choice: 'referral_opt_out', emailHash: await personEmailHash(localPseudonymiser(), email) });

/** Waits for `read` to hold; a guard against a hang, not a speed assertion. */
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
const invitationsTo = async (address: string) => (await emailsTo(address)).filter(({ subject }) => subject === INVITATION);
/** Settles the queue: an email that would go out has gone by the time a later one to someone else arrived. */
const noInvitationTo = async (address: string) => {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return invitationsTo(address);
};

/** A request of the customer's own, verified by their token, once fulfilled. */
const fulfilled = async (customer: { form: { email: string }; token: string }, type: string) => {
  const filed = await call('POST', '/rights-requests', { token: customer.token, json: { type, email: customer.form.email } });
  // Read from the table: an erased customer's token no longer reads their requests.
  return until(
    () => storedItem(`RIGHTS#${filed.body.requestId}`, 'REQUEST'),
    (request) => request?.status === 'completed',
    30_000,
  );
};

describe('POST /referrals and GET /referrals', () => {
  it('invites a friend once, with the referral code, the opt-out link and one-click List-Unsubscribe, and lists the referral', async () => {
    // Prepare
    const ana = await newCustomer();
    const friend = friendEmail();

    // Act
    const answer = await invite(ana.token, friend);

    // Assess
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ referralId: expect.stringMatching(/^ref_/) });
    const [email, ...more] = await until(() => invitationsTo(friend), (emails) => emails.length > 0);
    expect(more).toEqual([]);
    const { referralCode } = (await call('GET', '/me', { token: ana.token })).body;
    expect(email.text).toContain(referralCode);
    expect(email.text).not.toContain(ana.form.email);
    const optOut = /(https?:\/\/\S+\/referrals\/opt-out\?token=[\w.-]+)/.exec(email.text)?.[1];
    expect(optOut).toBeDefined();
    const headers = (email as unknown as { headers?: { name: string; value: string }[] }).headers ?? [];
    expect(headers).toEqual([
      { name: 'List-Unsubscribe', value: expect.stringMatching(/^<https?:\/\/\S+\/unsubscribe\?token=[\w.-]+>$/) },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(await referralsOf(ana.token)).toEqual([{ referralId: answer.body.referralId, friendName: 'Bo Friend', friendEmail: friend, status: 'invited', createdAt: expect.any(String) }]);

    // Act: the friend follows the opt-out link (a GET, as API.md has it); another customer invites them
    const followed = await fetch(optOut!);
    const bob = await newCustomer();
    const again = await invite(bob.token, friend);

    // Assess: no second invitation
    expect(followed.status).toBe(200);
    expect(again.status).toBe(202);
    expect(await statusOfReferral(bob.token, again.body.referralId)).toBe('not_sent');
    expect(await noInvitationTo(friend)).toHaveLength(1);
  });

  it("answers the same 202 and sends nothing to a customer's email, nor for a restricted customer", async () => {
    // Prepare
    const ana = await newCustomer();
    const customer = await newCustomer();
    const restricted = await newCustomer();
    expect((await fulfilled(restricted, 'restriction'))?.result).toEqual({ restricted: true });
    const friend = friendEmail();

    // Act
    const toCustomer = await invite(ana.token, customer.form.email);
    const byRestricted = await invite(restricted.token, friend);

    // Assess
    for (const answer of [toCustomer, byRestricted]) {
      expect(answer.status).toBe(202);
      expect(Object.keys(answer.body)).toEqual(['referralId']);
    }
    expect(await statusOfReferral(ana.token, toCustomer.body.referralId)).toBe('not_sent');
    expect(await statusOfReferral(restricted.token, byRestricted.body.referralId)).toBe('not_sent');
    expect(await noInvitationTo(customer.form.email)).toEqual([]);
    expect(await invitationsTo(friend)).toEqual([]);
  });

  it('stops every invitation to an email opted out by the opt-out link or the one-click POST; the GET of /unsubscribe changes nothing', async () => {
    // Prepare
    const ana = await newCustomer();
    const [byLink, byOneClick, previewed] = [friendEmail(), friendEmail(), friendEmail()];

    // Act
    const linked = await call('GET', `/referrals/opt-out?token=${await optOutToken(byLink)}`);
    const clicked = await call('POST', `/unsubscribe?token=${await optOutToken(byOneClick)}`, { raw: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
    const preview = await call('GET', `/unsubscribe?token=${await optOutToken(previewed)}`);
    const answers = [await invite(ana.token, byLink), await invite(ana.token, byOneClick), await invite(ana.token, previewed)];

    // Assess
    expect([linked, clicked, preview].map(({ status, body }) => [status, body.choice])).toEqual([
      [200, 'referral_opt_out'],
      [200, 'referral_opt_out'],
      [200, 'referral_opt_out'],
    ]);
    const statuses = await Promise.all(answers.map(({ body }) => statusOfReferral(ana.token, body.referralId)));
    expect(statuses).toEqual(['not_sent', 'not_sent', 'invited']);
    expect(await until(() => invitationsTo(previewed), (emails) => emails.length > 0)).toHaveLength(1);
    expect([...(await invitationsTo(byLink)), ...(await invitationsTo(byOneClick))]).toEqual([]);
  });

  it('takes 20 referrals a day from a customer and answers 429 to the 21st', async () => {
    // Prepare
    const ana = await newCustomer();
    for (let index = 0; index < 20; index += 1) expect((await invite(ana.token, friendEmail())).status).toBe(202);

    // Act
    const refused = await invite(ana.token, friendEmail());

    // Assess
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await referralsOf(ana.token)).toHaveLength(20);
  });

  it('converts the referral only once the friend who signed up with the code proves the email, at that time', async () => {
    // Prepare
    const ana = await newCustomer();
    const friend = friendEmail();
    const { body } = await invite(ana.token, friend);
    const { referralCode } = (await call('GET', '/me', { token: ana.token })).body;

    // Act
    const signedUp = await call('POST', '/accounts', { json: await signUpForm({ email: friend, referralCode }) });

    // Assess: an unproven sign-up converts nothing
    expect(signedUp.status).toBe(201);
    expect(await statusOfReferral(ana.token, body.referralId)).toBe('invited');

    // Act: the friend's first sign-in proves the email
    const proven = await call('GET', '/me', { token: await tokenFor(friend) });

    // Assess
    expect(proven.body.status).toBe('active');
    const { activatedAt } = (await storedItem(`ACCOUNT#${signedUp.body.accountId}`, 'PROFILE'))!;
    const converted = { status: 'converted', convertedAt: activatedAt };
    expect((await referralsOf(ana.token)).find((item) => item.referralId === body.referralId)).toMatchObject(converted);

    // Act: later sign-ins change nothing
    expect((await call('GET', '/me', { token: await tokenFor(friend) })).status).toBe(200);

    // Assess
    expect((await referralsOf(ana.token)).find((item) => item.referralId === body.referralId)).toMatchObject(converted);
  });
});

describe('a sign-up with the code that is never proven', () => {
  afterAll(async () => {
    await call('DELETE', '/_local/clock');
  });

  it(`leaves the referral invited when it expires after ${SIGNUP_PROOF_DAYS} days`, async () => {
    // Prepare
    const ana = await newCustomer();
    const friend = friendEmail();
    const { body } = await invite(ana.token, friend);
    const { referralCode } = (await call('GET', '/me', { token: ana.token })).body;
    const signedUp = await call('POST', '/accounts', { json: await signUpForm({ email: friend, referralCode }) });
    expect(signedUp.status).toBe(201);

    // Act
    await call('PUT', '/_local/clock', { json: { now: new Date(Date.now() + SIGNUP_PROOF_DAYS * 86_400_000 + 60_000).toISOString() } });
    const expiry = await call('POST', '/_local/schedules/signup-expiry/run');
    await call('DELETE', '/_local/clock');

    // Assess
    expect(expiry.status).toBe(200);
    expect(await storedItem(`ACCOUNT#${signedUp.body.accountId}`, 'PROFILE')).toBeUndefined();
    expect((await referralsOf(ana.token)).find((item) => item.referralId === body.referralId)).toEqual({
      referralId: body.referralId,
      friendName: 'Bo Friend',
      friendEmail: friend,
      status: 'invited',
      createdAt: expect.any(String),
    });
  });
});

describe("a friend's and a referrer's rights", () => {
  it('exports the referrals that invited a friend, and erases them by their request', async () => {
    // Prepare
    const ana = await newCustomer();
    const friend = friendEmail();
    const { body } = await invite(ana.token, friend, 'Bo Exported');
    const access = await publicRequest(friend);
    expect((await verify(access.requestId, access.requestToken, access.code)).status).toBe(200);
    const exported = await until(
      async () => (await statusOf(access.requestId, { requestToken: access.requestToken })).body,
      (request) => request.status === 'completed',
      30_000,
    );

    // The erasure deletes the person's earlier exports: read it first.
    const { data } = (await (await fetch(exported.result.export.url)).json()) as { data: Record<string, unknown[]> };

    // Act
    const erasure = await call('POST', '/rights-requests', { json: { type: 'erasure', email: friend } });
    const codes = await until(() => emailsTo(friend), (emails) => emails.filter(({ subject }) => subject === CODE).length === 2);
    const code = /code: (\d{6})/.exec(codes.filter(({ subject }) => subject === CODE)[1].text)![1];
    expect((await verify(erasure.body.requestId, erasure.body.requestToken, code)).status).toBe(200);
    await until(
      async () => (await statusOf(erasure.body.requestId, { requestToken: erasure.body.requestToken })).body,
      (request) => request.status === 'completed',
      30_000,
    );

    // Assess
    expect(data.referral).toEqual([expect.objectContaining({ referralId: body.referralId, friendName: 'Bo Exported', friendEmail: friend, status: 'invited' })]);
    expect(await referralsOf(ana.token)).toEqual([]);
    expect(await storedItem(`ACCOUNT#${ana.accountId}`, `REFERRAL#${body.referralId}`)).toBeUndefined();
  });

  it("activates a friend's sign-up with the code whose referral went with the referring customer's erasure before the proof", async () => {
    // Prepare
    const ana = await newCustomer();
    const friend = friendEmail();
    const { body } = await invite(ana.token, friend);
    const { referralCode } = (await call('GET', '/me', { token: ana.token })).body;
    const signedUp = await call('POST', '/accounts', { json: await signUpForm({ email: friend, referralCode }) });
    expect(await statusOfReferral(ana.token, body.referralId)).toBe('invited');
    expect((await fulfilled(ana, 'erasure'))?.status).toBe('completed');

    // Act
    const proven = await call('GET', '/me', { token: await tokenFor(friend) });

    // Assess
    expect(proven.status).toBe(200);
    expect(proven.body).toMatchObject({ accountId: signedUp.body.accountId, status: 'active' });
    expect(await storedItem(`ACCOUNT#${ana.accountId}`, `REFERRAL#${body.referralId}`)).toBeUndefined();
  });

  it("removes the friends' records with the referring customer's erasure", async () => {
    // Prepare
    const ana = await newCustomer();
    const { body } = await invite(ana.token, friendEmail());

    // Act
    expect((await fulfilled(ana, 'erasure'))?.status).toBe('completed');

    // Assess
    expect(await storedItem(`ACCOUNT#${ana.accountId}`, `REFERRAL#${body.referralId}`)).toBeUndefined();
  });
});
