import type { Account } from '../accounts/account';
import type { AccountStore } from '../accounts/account-store';
import { stopAccount } from '../accounts/deactivation';
import type { LoginDirectory } from '../accounts/logins';
import type { Actor, AuditTrail } from '../audit/trail';
import { nowIso } from '../clock';
import type { EmailOutbox } from '../email/outbox';
import { Conflict, NotFound } from '../errors';
import type { PageRequest } from '../pages';
import { caseView, type JunkCaseStatus } from './case';
import type { JunkReportStore } from './ports';

const adminActor = (adminId: string): Actor => ({ kind: 'admin', adminId });

/** GET /admin/junk-fax-cases?status=: counts and dates, never who reported. */
export const listJunkCases = async (reports: JunkReportStore, status: JunkCaseStatus, page: PageRequest) => {
  const { items, nextCursor } = await reports.list(status, page);
  return { items: items.map(caseView), ...(nextCursor ? { nextCursor } : {}) };
};

/** POST /admin/junk-fax-cases/{caseId}/dismiss: the case closes, audited with the admin's reason; the sender's next report opens a new case. */
export const dismissJunkCase = async (reports: JunkReportStore, caseId: string, decision: { adminId: string; reason: string }) => {
  const junkCase = await reports.getCase(caseId);
  if (!junkCase) throw new NotFound('There is no such junk-fax case.');
  const dismissedAt = nowIso();
  const audit = { subject: `junk-case:${caseId}`, action: 'dismissed', actor: adminActor(decision.adminId), at: dismissedAt, reason: decision.reason };
  if (junkCase.status === 'dismissed' || !(await reports.dismiss(junkCase, audit))) throw new Conflict('The case is already dismissed.');
  return caseView({ ...junkCase, status: 'dismissed', dismissedAt });
};

/** The account, unless there is none or its removal (an expiry or an erasure) began: then a 404. */
const liveAccount = (account: Account | undefined): Account => {
  if (!account || account.removal !== undefined) throw new NotFound('There is no such account.');
  return account;
};

const deactivationOf = (account: Account) => {
  if (account.deactivatedAt === undefined) throw new Conflict('The account changed while this request ran; retry it.');
  return { accountId: account.accountId, status: 'deactivated' as const, deactivatedAt: account.deactivatedAt };
};

/**
 * POST /admin/accounts/{accountId}/deactivate: the client stops (no faxes routed to its number,
 * its login disabled and signed out), the admin's decision is audited and the client emailed the
 * reason. Each step is idempotent, keyed by the account's `deactivatedAt`: a retry after a
 * failure finishes what is left and repeats nothing. An account its owner deactivated is left as
 * it is (200, no audit entry, no email: they left, and nothing changed); an account being erased
 * or removed is a 404, never emailed.
 */
export const deactivateClient = async (
  deps: { accounts: AccountStore; logins: LoginDirectory; audit: AuditTrail; emails: EmailOutbox },
  accountId: string,
  decision: { adminId: string; reason: string },
  requestId: string,
) => {
  const found = liveAccount(await deps.accounts.get(accountId));
  // An unproven sign-up receives nothing and is removed after 7 days; only a proven client is deactivated.
  if (found.status === 'pending') throw new Conflict('The account is not active yet: an unproven sign-up is removed on its own.');
  if (found.status === 'deactivated' && found.deactivatedBy !== 'admin') return deactivationOf(found);
  // On a retry the account is already the admin's: this disables the login again and changes nothing else.
  await stopAccount(deps, accountId, 'admin');
  // Read again: the owner, or an erasure, may have come first.
  const account = liveAccount(await deps.accounts.get(accountId));
  const deactivation = deactivationOf(account);
  if (account.deactivatedBy !== 'admin') return deactivation;
  await deps.audit.append({ subject: `account:${accountId}`, action: 'deactivated', actor: adminActor(decision.adminId), at: deactivation.deactivatedAt, reason: decision.reason });
  await deps.emails.request(
    { template: 'account-deactivated', messageId: `account-deactivated#${accountId}#${deactivation.deactivatedAt}`, to: account.email, params: { reason: decision.reason } },
    requestId,
  );
  return deactivation;
};
