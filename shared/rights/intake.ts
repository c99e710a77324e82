import { randomBytes } from 'node:crypto';
import { canonicalEmail } from '../accounts/account';
import type { AccountStore } from '../accounts/account-store';
import { ownAccount } from '../accounts/profile';
import { now, nowIso } from '../clock';
import type { EmailOutbox } from '../email/outbox';
import { BusinessRuleViolation, Conflict, Gone, NotFound } from '../errors';
import { newId } from '../ids';
import { hasExpired, newOneTimeCode, ONE_TIME_CODE_ATTEMPTS, oneTimeCodeExpiry, takeCodeIssue, takeCodeTry, type CodeLimits } from '../one-time-codes';
import { logger } from '../logger';
import { personEmailHash, type Pseudonymiser } from '../pseudonyms';
import type { Throttle } from '../throttle';
import { responseDueAt } from './deadline';
import { queueFulfilment } from './fulfilment';
import type { RightsRequestQueue, RightsRequestStore } from './ports';
import { rightsRequestView, type RightsRequest } from './request';
import { RIGHTS_REQUEST_ID_PREFIX, type RightsRequestForm, type RightsRequestReceipt } from './schemas';

/** A request token's random bytes: 256 bits, beyond guessing. */
const REQUEST_TOKEN_BYTES = 32;

// Codes and request tokens are kept only as keyed digests, salted by their request.
const codeHashOf = (pseudonymiser: Pseudonymiser, requestId: string, code: string) =>
  pseudonymiser.pseudonym('rights-request-code-v1', [requestId, code]);
const tokenHashOf = (pseudonymiser: Pseudonymiser, requestId: string, token: string) =>
  pseudonymiser.pseudonym('rights-request-token-v1', [requestId, token]);

/**
 * The codes of one email, across all its requests: 3 awaiting use at once, 10 sent and 10 tried a
 * day. Without them, request after request gave 5 more guesses each (and a code email each).
 */
export const RIGHTS_CODE_LIMITS: CodeLimits = { liveAtOnce: 3, issuedPerDay: 10, triedPerDay: 10 };
// The limits' own digest purpose: their counters can be joined with nothing else.
const limitsSubjectOf = (pseudonymiser: Pseudonymiser, email: string) => pseudonymiser.pseudonym('rights-code-limits-v1', [email]);

interface IntakeDeps {
  requests: RightsRequestStore;
  accounts: AccountStore;
  pseudonymiser: Pseudonymiser;
}

/** What issuing and trying codes needs besides: the counters of `RIGHTS_CODE_LIMITS`. */
interface CodeDeps {
  throttle: Throttle;
}

/**
 * The email a customer token proves: its account's (a token is its owner's sign-in, and an email
 * change counts only once its code proved it). A deactivated customer may still file and follow
 * rights requests; a token whose account is gone is a 404, as everywhere.
 */
const provenEmailOf = async (accounts: AccountStore, accountId: string | undefined): Promise<string | undefined> =>
  accountId === undefined ? undefined : (await ownAccount(accounts, accountId)).email;

/**
 * Queues a request that just became verified for fulfilment. Its listing at `verified` is the
 * outbox: should the queue refuse, the re-drive queues it within minutes, so the answer stands.
 */
export const handOver = async (queue: RightsRequestQueue, rightsRequestId: string, httpRequestId: string) => {
  try {
    await queueFulfilment(queue, rightsRequestId, httpRequestId);
  } catch (error) {
    logger.warn('The verified rights request could not be queued: the re-drive will queue it', { rightsRequestId, error: error as Error });
  }
};

/** A request as received: its id, canonical email and its digest, what the form asked, when, and when it is due. */
export const receivedRequest = async (pseudonymiser: Pseudonymiser, form: RightsRequestForm) => {
  const email = canonicalEmail(form.email);
  const receivedAt = now();
  return {
    requestId: newId(RIGHTS_REQUEST_ID_PREFIX),
    type: form.type,
    email,
    emailHash: await personEmailHash(pseudonymiser, email),
    ...(form.details === undefined ? {} : { details: form.details }),
    ...(form.corrections === undefined ? {} : { corrections: form.corrections }),
    createdAt: receivedAt.toISOString(),
    dueAt: responseDueAt(receivedAt).toISOString(),
  };
};

const receiptOf = ({ requestId, type, status, dueAt }: RightsRequest): RightsRequestReceipt => ({ requestId, type, status, dueAt });

/**
 * POST /rights-requests. A customer whose proven email is the request's is verified at once.
 * Anyone else gets a 6-digit code emailed to the address given and a token that opens this
 * request alone, within the email's `RIGHTS_CODE_LIMITS` (429 past them, storing and sending
 * nothing). Whether the address belongs to an account is never looked up, so the answer (and the
 * work behind it) is the same either way. Stored first: should the email pipeline refuse, the
 * request fails, and its retry makes a new request with a new code.
 */
export const createRightsRequest = async (
  deps: IntakeDeps & CodeDeps & { emails: EmailOutbox; queue: RightsRequestQueue },
  form: RightsRequestForm,
  callerAccountId: string | undefined,
  httpRequestId: string,
): Promise<RightsRequestReceipt> => {
  const received = await receivedRequest(deps.pseudonymiser, form);
  const { requestId, email } = received;
  if ((await provenEmailOf(deps.accounts, callerAccountId)) === email) {
    const verified: RightsRequest = { ...received, status: 'verified', accountId: callerAccountId, verifiedAt: received.createdAt };
    await deps.requests.create(verified);
    await handOver(deps.queue, requestId, httpRequestId);
    return receiptOf(verified);
  }
  await takeCodeIssue(deps.throttle, await limitsSubjectOf(deps.pseudonymiser, email), RIGHTS_CODE_LIMITS);
  const code = newOneTimeCode();
  const requestToken = randomBytes(REQUEST_TOKEN_BYTES).toString('base64url');
  const pending: RightsRequest = {
    ...received,
    status: 'pending_verification',
    requestTokenHash: await tokenHashOf(deps.pseudonymiser, requestId, requestToken),
    pendingCode: { codeHash: await codeHashOf(deps.pseudonymiser, requestId, code), codeExpiresAt: oneTimeCodeExpiry(), attempts: 0 },
  };
  await deps.requests.create(pending);
  await deps.emails.request({ template: 'rights-request-code', messageId: `rights-request-code#${requestId}`, to: email, params: { code } }, httpRequestId);
  return { ...receiptOf(pending), requestToken };
};

// One answer for a request that does not exist and one the credentials do not open: nobody
// learns that a request exists without its token.
const notFound = () => new NotFound('No rights request with this id is open to these credentials.');

/** Whether `token` is the one the request was issued with. */
const opensWith = async (pseudonymiser: Pseudonymiser, request: RightsRequest, token: string | undefined): Promise<boolean> =>
  request.requestTokenHash !== undefined && token !== undefined && (await tokenHashOf(pseudonymiser, request.requestId, token)) === request.requestTokenHash;

/**
 * POST /rights-requests/{id}/verify. Each code tried counts before it is compared, so concurrent
 * guesses each use one of the 5 tries; the 5th wrong one rejects the request. It counts toward
 * the email's tries of the day too: past them, 429 until the day ends, whichever request is tried. An expired code
 * rejects it too (410): nothing could verify it any more, so it leaves the deadlines' listing of
 * open requests and the requester makes a new one. Right code: 200 `verified`. Not awaiting a
 * code (verified, rejected): 409.
 */
export const verifyRightsRequest = async (
  deps: Omit<IntakeDeps, 'accounts'> & CodeDeps & { queue: RightsRequestQueue },
  requestId: string,
  token: string | undefined,
  code: string,
  httpRequestId: string,
) => {
  const opened = await deps.requests.get(requestId);
  if (!opened || !(await opensWith(deps.pseudonymiser, opened, token))) throw notFound();
  const notAwaiting = () => new Conflict('This request is not awaiting verification.');
  if (opened.status !== 'pending_verification') throw notAwaiting();
  await takeCodeTry(deps.throttle, await limitsSubjectOf(deps.pseudonymiser, opened.email), RIGHTS_CODE_LIMITS);
  const pending = (await deps.requests.countCodeAttempt(requestId, ONE_TIME_CODE_ATTEMPTS))?.pendingCode;
  if (!pending) throw notAwaiting();
  const settle = async (outcome: 'verified' | 'rejected') => {
    if (!(await deps.requests.settleVerification(requestId, pending.codeHash, outcome, nowIso()))) throw notAwaiting();
  };
  if (hasExpired(pending.codeExpiresAt)) {
    await settle('rejected');
    throw new Gone('The code has expired and the request is rejected: make a new request.');
  }
  if ((await codeHashOf(deps.pseudonymiser, requestId, code)) !== pending.codeHash) {
    if (pending.attempts >= ONE_TIME_CODE_ATTEMPTS) await settle('rejected');
    throw new BusinessRuleViolation('The code is not the one sent to the request’s email.');
  }
  await settle('verified');
  await handOver(deps.queue, requestId, httpRequestId);
  return { status: 'verified' as const };
};

/** GET /rights-requests/{id}: for its token, or for the customer whose proven email it is about. */
export const getRightsRequest = async (deps: IntakeDeps, requestId: string, credentials: { token?: string; accountId?: string }) => {
  const request = await deps.requests.get(requestId);
  if (!request) throw notFound();
  const opened =
    (await opensWith(deps.pseudonymiser, request, credentials.token)) || (await provenEmailOf(deps.accounts, credentials.accountId)) === request.email;
  if (!opened) throw notFound();
  return rightsRequestView(request);
};
