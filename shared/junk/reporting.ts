import { canonicalEmail, type Account } from '../accounts/account';
import type { AccountStore } from '../accounts/account-store';
import { activeOwnAccount, ownAccount } from '../accounts/profile';
import { now, nowIso } from '../clock';
import { mailboxOf } from '../email-identity';
import type { EmailOutbox } from '../email/outbox';
import { BusinessRuleViolation, NotFound } from '../errors';
import { isExpired } from '../faxes/fax';
import type { BlockList, Inbox, Recipients } from '../faxes/ports';
import { newId } from '../ids';
import { personEmailHash, type Pseudonymiser } from '../pseudonyms';
import {
  DISTINCT_REPORTERS_WINDOW_MS,
  REPORT_THROTTLE_WINDOW_MS,
  REPORTS_PER_REPORTER_PER_HOUR,
  SAME_REPORTER_WINDOW_MS,
  type JunkCase,
  type JunkReport,
  type Reporter,
} from './case';
import type { JunkReportStore } from './ports';
import { takeOrRefuse, type Throttle } from '../throttle';
import { JUNK_CASE_ID_PREFIX, JUNK_REPORT_ID_PREFIX, type JunkFaxReportForm } from './schemas';

/** How long after an escalation a report hands it to the admins again when its own hand-over did not finish. */
const HAND_OVER_RETRY_AFTER_MS = 60_000;

export interface ReportingDeps {
  reports: JunkReportStore;
  throttle: Throttle;
  accounts: AccountStore;
  inbox: Inbox;
  blockList: BlockList;
  recipients: Recipients;
  pseudonymiser: Pseudonymiser;
  emails: EmailOutbox;
  /** Where escalations go (`ADMIN_EMAIL`). */
  adminEmail: string;
  /** Distinct reporters within 30 days that escalate a case. */
  threshold: number;
}

/** Who files: a customer (their token), or anyone, from where. */
export interface ReportSource {
  accountId?: string;
  sourceIp: string;
}

// The reporters' own digest purpose: it counts and throttles them and can be joined with nothing else.
const identityOf = (pseudonymiser: Pseudonymiser, kind: 'account' | 'email' | 'source', value: string) =>
  pseudonymiser.pseudonym('junk-reporter-v1', [kind, value]);

/**
 * A customer is their account and their account's mailbox (the email they type names no one
 * else's reports, it is only their contact); anyone else the mailbox of the email they give and
 * the address they call from, which holds for every email it claims.
 */
const reporterOf = async (pseudonymiser: Pseudonymiser, form: JunkFaxReportForm, source: ReportSource, customer: Account | undefined): Promise<Reporter> => {
  const email = form.reporterEmail === undefined ? undefined : canonicalEmail(form.reporterEmail);
  const emailHash = email === undefined ? undefined : await personEmailHash(pseudonymiser, email);
  const identities = await Promise.all(
    customer
      ? [identityOf(pseudonymiser, 'account', customer.accountId), identityOf(pseudonymiser, 'email', mailboxOf(customer.email))]
      : [...(email === undefined ? [] : [identityOf(pseudonymiser, 'email', mailboxOf(email))]), identityOf(pseudonymiser, 'source', source.sourceIp)],
  );
  return { key: identities[0]!, identities, ...(customer ? { accountId: customer.accountId } : {}), ...(emailHash ? { emailHash } : {}) };
};

const noSuchFax = () => new NotFound('There is no such fax.');

/** What the customer's own fax says of its sender: our records, not the reporter's say-so. */
const faxFacts = async (deps: ReportingDeps, form: JunkFaxReportForm, accountId: string | undefined) => {
  if (form.faxId === undefined) return {};
  // Only a customer has an inbox; anyone else naming a fax names one that is not theirs.
  if (accountId === undefined) throw noSuchFax();
  const fax = await deps.inbox.get(accountId, form.faxId);
  if (!fax || isExpired(fax, now())) throw noSuchFax();
  return {
    senderFaxNumber: fax.from,
    recipientFaxNumber: fax.to,
    receivedAt: fax.receivedAt,
    faxId: fax.faxId,
    ...(fax.remoteStationId === undefined ? {} : { remoteStationId: fax.remoteStationId }),
  };
};

/**
 * Hands the escalation to the admins once. The report that escalated the case hands it over; a
 * later report finding it escalated but not handed over (that hand-over failed: the report got a
 * 500) hands it over again once `HAND_OVER_RETRY_AFTER_MS` passed, so reports racing the
 * escalation do not queue twins. The email's message id is the case's: the pipeline sends it once.
 */
const notifyAdmins = async (deps: ReportingDeps, junkCase: JunkCase, escalatedNow: boolean, requestId: string) => {
  // Only a case of a number that belongs to an account escalates.
  if (junkCase.status !== 'escalated' || junkCase.notifiedAt !== undefined || junkCase.accountId === undefined) return;
  const handOverFailed = now().getTime() - Date.parse(junkCase.escalatedAt ?? junkCase.lastReportedAt) >= HAND_OVER_RETRY_AFTER_MS;
  if (!escalatedNow && !handOverFailed) return;
  await deps.emails.request(
    {
      template: 'junk-fax-case-escalated',
      messageId: `junk-fax-case-escalated#${junkCase.caseId}`,
      to: deps.adminEmail,
      params: { caseId: junkCase.caseId, accountId: junkCase.accountId, distinctReporters: String(junkCase.distinctReporters) },
    },
    requestId,
  );
  await deps.reports.markNotified(junkCase.senderFaxNumber, junkCase.caseId, now().toISOString());
};

/**
 * POST /junk-fax-reports. The report is stored and counted (once per reporter per sender per 24
 * hours); at `threshold` distinct reporters within 30 days a case of a number that belongs to an
 * account escalates and the admins are emailed once. A customer may name a fax of theirs and
 * block its sender.
 */
export const fileJunkReport = async (deps: ReportingDeps, form: JunkFaxReportForm, source: ReportSource, requestId: string) => {
  if (form.blockSender === true && source.accountId === undefined) throw new BusinessRuleViolation('Only a signed-in customer can block a sender.');
  const customer = source.accountId === undefined ? undefined : await (form.blockSender === true ? activeOwnAccount : ownAccount)(deps.accounts, source.accountId);
  const facts = await faxFacts(deps, form, source.accountId);
  const reporter = await reporterOf(deps.pseudonymiser, form, source, customer);
  const at = now();
  // Every identity is limited, so a fresh email does not lift its source address's limit.
  for (const identity of reporter.identities) {
    await takeOrRefuse(deps.throttle, identity, REPORTS_PER_REPORTER_PER_HOUR, REPORT_THROTTLE_WINDOW_MS, at, `At most ${REPORTS_PER_REPORTER_PER_HOUR} reports an hour from one reporter: try again later.`);
  }
  const { blockSender: _block, faxId: _faxId, reporterEmail, ...given } = form;
  const report: JunkReport = {
    ...given,
    ...facts,
    ...(reporterEmail === undefined ? {} : { reporterEmail: canonicalEmail(reporterEmail) }),
    reportId: newId(JUNK_REPORT_ID_PREFIX),
    caseId: '',
    reporter,
    counted: false,
    createdAt: at.toISOString(),
  };
  const owner = await deps.recipients.recipient(report.senderFaxNumber);
  const filed = await deps.reports.file(report, {
    countedSince: new Date(at.getTime() - SAME_REPORTER_WINDOW_MS).toISOString(),
    linkedSince: new Date(at.getTime() - DISTINCT_REPORTERS_WINDOW_MS).toISOString(),
    newCaseId: newId(JUNK_CASE_ID_PREFIX),
    ...(owner ? { accountId: owner.accountId } : {}),
    ...(source.accountId === undefined ? {} : { reporterAccountId: source.accountId }),
  });
  if (!filed) {
    // The customer's erasure (or expiry) began after their account was read: answered as if read after (404).
    if (source.accountId !== undefined) await ownAccount(deps.accounts, source.accountId);
    throw new Error('A report was refused for its account, which reads as taking data');
  }
  let junkCase: JunkCase | undefined = filed.junkCase;
  let escalatedNow = false;
  if (filed.counted) {
    // Counted after the write, so of reports racing past the threshold the last count begun sees
    // them all; it is stamped with when it began (not when its report was made), so it stands.
    const since = new Date(at.getTime() - DISTINCT_REPORTERS_WINDOW_MS).toISOString();
    const countedAt = nowIso();
    const distinctReporters = await deps.reports.distinctReporters(report.senderFaxNumber, junkCase.caseId, since);
    // Escalation is for numbers that belong to an account (API.md): others are counted only.
    const escalate = distinctReporters >= deps.threshold && junkCase.accountId !== undefined;
    ({ junkCase, escalatedNow } = await deps.reports.recordDistinct(report.senderFaxNumber, junkCase.caseId, { distinctReporters, countedAt, at: report.createdAt, escalate }));
  }
  if (junkCase) await notifyAdmins(deps, junkCase, escalatedNow, requestId);
  if (form.blockSender === true && source.accountId !== undefined) await deps.blockList.block(source.accountId, report.senderFaxNumber, report.createdAt);
  return { reportId: report.reportId };
};
