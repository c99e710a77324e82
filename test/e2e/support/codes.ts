import { randomUUID } from 'node:crypto';
import { EMAIL_CHANGE_CODE_LIMITS } from '../../../shared/accounts/email-change';
import { ONE_TIME_CODE_ATTEMPTS } from '../../../shared/one-time-codes';
import { RIGHTS_CODE_LIMITS } from '../../../shared/rights/intake';
import { call } from './client';
import { awaitEmails } from './emails';
import { publicRequest, verify } from './rights';

// One-time codes as a client asks for and tries them over HTTP, to run into their limits.

/** A code that is not `code`. */
export const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** The code of the `nth` (1-based) code email sent to `address`, once it has arrived. */
export const nthCodeTo = async (address: string, nth: number) => {
  const emails = await awaitEmails(address, nth);
  return /code: (\d{6})/.exec(emails[nth - 1]?.text ?? '')?.[1] ?? '';
};

/** A fresh address no account holds. */
export const newAddress = (who = 'moved') => `${who}.${randomUUID().slice(0, 8)}@acme.test`;

export const changeEmail = (token: string, email: string) => call('PATCH', '/me', { token, json: { email } });
export const verifyEmail = (token: string, code: string) => call('POST', '/me/email/verify', { token, json: { code } });

// The limits the use cases apply, read from them: the tests follow when they change.
export const EMAIL_CHANGE_CODES_A_DAY = EMAIL_CHANGE_CODE_LIMITS.issuedPerDay;
const EMAIL_CHANGE_TRIES_A_DAY = EMAIL_CHANGE_CODE_LIMITS.triedPerDay;
export const RIGHTS_CODES_AWAITING_USE = RIGHTS_CODE_LIMITS.liveAtOnce ?? 0;
export const RIGHTS_TRIES_A_DAY = RIGHTS_CODE_LIMITS.triedPerDay;

/**
 * Uses up a customer's email-change tries of the day (two changes, each dropped after 5 wrong
 * codes), then asks for changes until the day's codes are used up too: the last stays pending.
 */
export const useUpEmailChangeCodes = async (token: string) => {
  for (let change = 0; change < EMAIL_CHANGE_TRIES_A_DAY / ONE_TIME_CODE_ATTEMPTS; change += 1) {
    const address = newAddress();
    expect((await changeEmail(token, address)).status).toBe(200);
    for (let n = 0; n < ONE_TIME_CODE_ATTEMPTS; n += 1) expect((await verifyEmail(token, '000000')).status).toBe(422);
  }
  for (let change = EMAIL_CHANGE_TRIES_A_DAY / ONE_TIME_CODE_ATTEMPTS; change < EMAIL_CHANGE_CODES_A_DAY; change += 1) expect((await changeEmail(token, newAddress())).status).toBe(200);
};

/**
 * Uses up the rights-request tries of the day of `email` (two requests, each rejected after 5
 * wrong codes), then files one more: answers it (its code is the third sent to `email`).
 */
export const useUpRightsTries = async (email: string) => {
  for (let request = 0; request < RIGHTS_TRIES_A_DAY / ONE_TIME_CODE_ATTEMPTS; request += 1) {
    const { code, requestId, requestToken } = await publicRequest(email);
    for (let n = 0; n < ONE_TIME_CODE_ATTEMPTS; n += 1) expect((await verify(requestId, requestToken, otherCode(code))).status).toBe(422);
  }
  const created = await call('POST', '/rights-requests', { json: { type: 'erasure', email } });
  expect(created.status).toBe(202);
  return { requestId: created.body.requestId as string, requestToken: created.body.requestToken as string, code: await nthCodeTo(email, RIGHTS_TRIES_A_DAY / ONE_TIME_CODE_ATTEMPTS + 1) };
};
