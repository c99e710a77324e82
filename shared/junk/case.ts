import type { AuditEntry } from '../audit/trail';
import type { JunkCaseView } from './schemas';

/** A junk-fax case's life: reports open it, enough distinct reporters escalate it, an admin may dismiss it. */
export const JUNK_CASE_STATUSES = ['open', 'escalated', 'dismissed'] as const;
export type JunkCaseStatus = (typeof JUNK_CASE_STATUSES)[number];

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

// The counting rules (API.md, "Junk-fax reports and abuse"), defined once.
/** Reports of one sender by one reporter within this long of their last counted one count once. */
export const SAME_REPORTER_WINDOW_MS = DAY_MS;
/** Distinct reporters count towards escalation within this long. */
export const DISTINCT_REPORTERS_WINDOW_DAYS = 30;
export const DISTINCT_REPORTERS_WINDOW_MS = DISTINCT_REPORTERS_WINDOW_DAYS * DAY_MS;
/** Distinct reporters within the window that escalate a case (`JUNK_FAX_THRESHOLD` overrides it). */
export const DEFAULT_JUNK_FAX_THRESHOLD = 3;
/** Reports one reporter (account, email or source address) may file per hour, whatever the sender. */
export const REPORTS_PER_REPORTER_PER_HOUR = 10;
export const REPORT_THROTTLE_WINDOW_MS = HOUR_MS;

/** The case of one sender number: the reports counted since it opened. */
export interface JunkCase {
  caseId: string;
  senderFaxNumber: string;
  /** The account the service's inventory assigned the number to when the case opened (its holder); none for a number that was not ours. */
  accountId?: string;
  status: JunkCaseStatus;
  /** Reports counted (one per reporter per 24 hours). */
  reportCount: number;
  /** Distinct reporters within the 30 days before the last counted report (and since the case opened). */
  distinctReporters: number;
  openedAt: string;
  firstReportedAt: string;
  lastReportedAt: string;
  escalatedAt?: string;
  /** When the admins' email was handed to the email pipeline. */
  notifiedAt?: string;
  dismissedAt?: string;
}

export const caseView = (junkCase: JunkCase): JunkCaseView => ({
  caseId: junkCase.caseId,
  senderFaxNumber: junkCase.senderFaxNumber,
  ...(junkCase.accountId === undefined ? {} : { accountId: junkCase.accountId }),
  reportCount: junkCase.reportCount,
  distinctReporters: junkCase.distinctReporters,
  status: junkCase.status,
  firstReportedAt: junkCase.firstReportedAt,
  lastReportedAt: junkCase.lastReportedAt,
});

/**
 * Who reported. A person is counted once however many addresses, tokens or `+tag`s they use, so a
 * report names every identity it carries, each a keyed digest under the junk reporters' own
 * purpose (it counts and throttles them and serves no other lookup): a customer their account and
 * their account's mailbox (whatever email they type), anyone else the mailbox of the email they
 * give (`mailboxOf`) and the address they call from. Reports sharing an identity are one person.
 */
export interface Reporter {
  /** The first of `identities`: the reporter's own key, stored on the report. */
  key: string;
  /** Every identity of the report, the strongest first (account, mailbox, source address). */
  identities: string[];
  accountId?: string;
  /** The person digest of the reporter's email (`PERSON#<emailHash>`: their rights requests find the report). */
  emailHash?: string;
}

/** One identity's standing toward a sender: the person it was last counted as, toward which case, when. */
export interface ReporterWindow {
  personKey: string;
  countedCaseId: string;
  lastCountedAt: string;
}

/**
 * How a report's reporter stands toward case `caseId`, from the windows of its identities (in
 * order, undefined where there is none). It is the person of its first identity seen in the case
 * within 30 days (`linkedSince`), or a new one; it counts unless that person was counted after
 * `countedSince`. Every identity is then stamped with the person and its last count, so the next
 * report through any of them is the same person.
 */
export const placeReporter = (
  reporter: Reporter,
  windows: readonly (ReporterWindow | undefined)[],
  rules: { caseId: string; countedSince: string; linkedSince: string; at: string },
): { counted: boolean; window: ReporterWindow } => {
  const live = windows.filter((window): window is ReporterWindow => window !== undefined && window.countedCaseId === rules.caseId && window.lastCountedAt > rules.linkedSince);
  const lastCounted = live.map(({ lastCountedAt }) => lastCountedAt).sort().at(-1);
  const counted = lastCounted === undefined || lastCounted <= rules.countedSince;
  return { counted, window: { personKey: live[0]?.personKey ?? reporter.key, countedCaseId: rules.caseId, lastCountedAt: counted || lastCounted === undefined ? rules.at : lastCounted } };
};

/** A sender's new case, opened by `report` for the number's holder (none for a number that is not ours). */
export const openingCase = (report: JunkReport, caseId: string, holderId: string | undefined, counted: boolean): JunkCase => ({
  caseId,
  senderFaxNumber: report.senderFaxNumber,
  ...(holderId ? { accountId: holderId } : {}),
  status: 'open',
  reportCount: counted ? 1 : 0,
  distinctReporters: 0,
  openedAt: report.createdAt,
  firstReportedAt: report.createdAt,
  lastReportedAt: report.createdAt,
});

/** The people among windows of a sender's identities: those counted toward `caseId` after `since`. */
export const distinctPeople = (windows: readonly ReporterWindow[], caseId: string, since: string): number =>
  new Set(windows.filter((window) => window.countedCaseId === caseId && window.lastCountedAt > since).map(({ personKey }) => personKey)).size;

/**
 * A case belongs to the number's holder when it opened (none for a number that is not ours): a
 * report finding the number with another holder, or none, closes it and opens a fresh case, so a
 * recycled number never inherits its former holder's reports or counts. The live case a report
 * joins, if any.
 */
export const caseToJoin = (current: JunkCase | undefined, holderId: string | undefined): JunkCase | undefined =>
  current && current.status !== 'dismissed' && current.accountId === holderId ? current : undefined;

/** The audit entry of a case closed because its number changed hands (a dismissed case needs none). */
export const reassignedCaseClosure = (current: JunkCase | undefined, holderId: string | undefined, at: string): AuditEntry | undefined =>
  current && current.status !== 'dismissed' && current.accountId !== holderId
    ? { subject: `junk-case:${current.caseId}`, action: 'closed', actor: { kind: 'service', name: 'report-junk-fax' }, at, reason: 'The number changed hands.' }
    : undefined;

/** Whom an export or an erasure is about: a customer, or a person by their email's digest. */
export type ReporterIdentity = { accountId: string } | { emailHash: string };

/** A report as stored. The reporter's fields are personal data: never shown to the reported client. */
export interface JunkReport {
  reportId: string;
  caseId: string;
  senderFaxNumber: string;
  recipientFaxNumber?: string;
  receivedAt?: string;
  remoteStationId?: string;
  faxId?: string;
  description?: string;
  reporterName?: string;
  reporterEmail?: string;
  reporter: Reporter;
  /** Whether it counted (not a repeat of the reporter's within 24 hours). */
  counted: boolean;
  createdAt: string;
}

/** What an access export shows of a report the person filed. */
export type FiledReport = Omit<JunkReport, 'reporter' | 'caseId'>;
