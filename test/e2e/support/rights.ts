import { randomUUID } from 'node:crypto';
import { call } from './client';
import { emailsTo } from './emails';

// Privacy rights requests as a requester makes and follows them over HTTP.

export const someEmail = () => `person.${randomUUID().slice(0, 8)}@example.test`;
export const CODE_LIFETIME_MS = 15 * 60 * 1000;

/** The email of this subject sent to `address`, once it has arrived (other emails may come before it). */
export const emailTo = async (address: string, subject: string, timeoutMs = 3_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await emailsTo(address)).find((email) => email.subject === subject);
    if (found || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The rights request code email sent to `address`, once it has arrived. */
export const codeEmailTo = (address: string) => emailTo(address, 'Your privacy request verification code');

/** A public request for `email`, with the code emailed for it. */
export const publicRequest = async (email = someEmail(), body: Record<string, unknown> = {}) => {
  const created = await call('POST', '/rights-requests', { json: { type: 'access', email, ...body } });
  expect(created.status).toBe(202);
  const codeEmail = await codeEmailTo(email);
  const code = /code: (\d{6})/.exec(codeEmail!.text)![1]!;
  return { email, code, requestId: created.body.requestId as string, requestToken: created.body.requestToken as string, receipt: created.body };
};

export const verify = (requestId: string, requestToken: string | undefined, code: string) =>
  call('POST', `/rights-requests/${requestId}/verify`, { json: { code }, headers: requestToken === undefined ? {} : { 'x-request-token': requestToken } });
export const statusOf = (requestId: string, options: { requestToken?: string; token?: string }) =>
  call('GET', `/rights-requests/${requestId}`, { token: options.token, headers: options.requestToken ? { 'x-request-token': options.requestToken } : {} });
