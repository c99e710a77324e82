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
  /** The account the service's inventory assigns the number to, as of the last report; none for a number that is not ours. */
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
 * Who reported: a customer by their account; anyone else by a keyed digest of their email, or,
 * when they give none, of the address they called from. `key` is a keyed digest under the junk
 * reporters' own purpose: it counts and throttles them, and serves no other lookup.
 */
export interface Reporter {
  key: string;
  accountId?: string;
  /** The person digest of the reporter's email (`PERSON#<emailHash>`: their rights requests find the report). */
  emailHash?: string;
}

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
