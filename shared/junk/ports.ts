import type { AuditEntry } from '../audit/trail';
import type { Page, PageRequest } from '../pages';
import type { FiledReport, JunkCase, JunkCaseStatus, JunkReport, ReporterIdentity } from './case';

/** How a report was filed: whether it counted, and its sender's case as it then stood. */
export interface Filed {
  counted: boolean;
  junkCase: JunkCase;
}

/**
 * Junk-fax reports and their cases, one case per sender number at a time. Every change is
 * conditional in the store, so concurrent reports settle there, never by reading first.
 */
export interface JunkReportStore {
  /**
   * Stores the report and, in the same step, places its reporter (`placeReporter`: the person it
   * is, counted unless counted after `countedSince`) and adds it to the sender's case: the live one
   * of the number's holder `accountId` (`caseToJoin`), or a new one (id `newCaseId`) when there is
   * none, the last was dismissed, or the number changed hands (that case closed, audited:
   * `reassignedCaseClosure`). The report's `caseId` and `counted` are the store's to set.
   * A customer's report (`reporterAccountId`) is filed only while their account exists and its
   * removal has not begun, atomically with the write: undefined, nothing stored, otherwise (an
   * erasure's sweep never misses a report racing it).
   */
  file(report: JunkReport, rules: { countedSince: string; linkedSince: string; newCaseId: string; accountId?: string; reporterAccountId?: string }): Promise<Filed | undefined>;
  /**
   * The people (not identities) counted toward case `caseId` of the sender, last after `since`. By
   * the case they were counted toward, not by when: racing reports take their times before filing,
   * so one that joined a case may bear a time before the case opened.
   */
  distinctReporters(senderFaxNumber: string, caseId: string, since: string): Promise<number>;
  /**
   * Records the case's distinct reporters as counted by a read begun at `countedAt` (a later-begun
   * count wins: it saw every report committed before it began, so of racing reports the last
   * count stands; of two begun at one instant, the larger) and, when `escalate`, escalates the
   * case at `at` if it is still open. The case as it then stands (undefined when it is no longer
   * the sender's case), and whether this call escalated it.
   */
  recordDistinct(
    senderFaxNumber: string,
    caseId: string,
    count: { distinctReporters: number; countedAt: string; at: string; escalate: boolean },
  ): Promise<{ junkCase?: JunkCase; escalatedNow: boolean }>;
  /** Notes that the admins' email of the case's escalation is with the email pipeline. */
  markNotified(senderFaxNumber: string, caseId: string, at: string): Promise<void>;
  /** A page of the cases of one status, latest report first. */
  list(status: JunkCaseStatus, page: PageRequest): Promise<Page<JunkCase>>;
  /** The case with this id (still the current one of its sender), if any. */
  getCase(caseId: string): Promise<JunkCase | undefined>;
  /** Dismisses an open or escalated case with its audit entry, in one step; false when it was not (or no longer) such a case. */
  dismiss(junkCase: JunkCase, audit: AuditEntry): Promise<boolean>;
  /** The reports the person filed (an access export), without the reporter's digests. */
  reportsFiledBy(reporter: ReporterIdentity): Promise<FiledReport[]>;
  /** Removes the reporter's identity (name, email, digests, account, free text) from every report they filed (erasure); counts stay. */
  forgetReporter(reporter: ReporterIdentity): Promise<number>;
}
