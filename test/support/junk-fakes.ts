import type { AccountStore } from '../../shared/accounts/account-store';
import type { AuditEntry } from '../../shared/audit/trail';
import type { Fax } from '../../shared/faxes/fax';
import type { BlockedSender, BlockList, Inbox, Recipients } from '../../shared/faxes/ports';
import { caseToJoin, distinctPeople, openingCase, placeReporter, reassignedCaseClosure, type FiledReport, type JunkCase, type JunkCaseStatus, type JunkReport, type ReporterIdentity, type ReporterWindow } from '../../shared/junk/case';
import type { Filed, JunkReportStore } from '../../shared/junk/ports';
import { MemoryThrottle } from './throttle';
import type { Page, PageRequest } from '../../shared/pages';
import { accountsWorld, testPseudonymiser } from './account-fakes';

/** The junk-fax store in memory, with the conditions the DynamoDB adapter's writes carry. */
class MemoryJunkReportStore implements JunkReportStore {
  readonly cases = new Map<string, JunkCase>();
  readonly reports: (JunkReport & { caseId: string; counted: boolean })[] = [];
  /** Per sender, per reporter identity: the person it was last counted as, toward which case, when. */
  readonly windows = new Map<string, Map<string, ReporterWindow>>();
  readonly audit: AuditEntry[] = [];

  /** The accounts, for the check that a reporting customer's account still takes data. */
  constructor(private readonly accounts: Pick<AccountStore, 'get'>) {}

  async file(report: JunkReport, rules: { countedSince: string; linkedSince: string; newCaseId: string; accountId?: string; reporterAccountId?: string }): Promise<Filed | undefined> {
    if (rules.reporterAccountId !== undefined) {
      const reporter = await this.accounts.get(rules.reporterAccountId);
      if (!reporter || reporter.removal) return undefined;
    }
    const windows = this.windows.get(report.senderFaxNumber) ?? new Map<string, ReporterWindow>();
    this.windows.set(report.senderFaxNumber, windows);
    const current = this.cases.get(report.senderFaxNumber);
    const live = caseToJoin(current, rules.accountId);
    const caseId = live?.caseId ?? rules.newCaseId;
    const { identities } = report.reporter;
    const { counted, window } = placeReporter(report.reporter, identities.map((identity) => windows.get(identity)), { ...rules, caseId, at: report.createdAt });
    const closure = reassignedCaseClosure(current, rules.accountId, report.createdAt);
    if (closure) this.audit.push(closure);
    const junkCase: JunkCase = live
      ? { ...live, lastReportedAt: report.createdAt, reportCount: live.reportCount + (counted ? 1 : 0) }
      : openingCase(report, caseId, rules.accountId, counted);
    this.cases.set(report.senderFaxNumber, junkCase);
    for (const identity of identities) windows.set(identity, window);
    this.reports.push(structuredClone({ ...report, caseId, counted }));
    return { counted, junkCase: structuredClone(junkCase) };
  }

  async distinctReporters(senderFaxNumber: string, caseId: string, since: string) {
    return distinctPeople([...(this.windows.get(senderFaxNumber)?.values() ?? [])], caseId, since);
  }

  async recordDistinct(senderFaxNumber: string, caseId: string, count: { distinctReporters: number; countedAt: string; at: string; escalate: boolean }) {
    const junkCase = this.cases.get(senderFaxNumber);
    if (junkCase?.caseId !== caseId) return { escalatedNow: false };
    junkCase.distinctReporters = count.distinctReporters;
    const escalatedNow = count.escalate && junkCase.status === 'open';
    if (escalatedNow) Object.assign(junkCase, { status: 'escalated', escalatedAt: count.at });
    return { junkCase: structuredClone(junkCase), escalatedNow };
  }

  async markNotified(senderFaxNumber: string, caseId: string, at: string) {
    const junkCase = this.cases.get(senderFaxNumber);
    if (junkCase?.caseId === caseId) junkCase.notifiedAt ??= at;
  }

  async list(status: JunkCaseStatus, { limit }: PageRequest): Promise<Page<JunkCase>> {
    return { items: [...this.cases.values()].filter((junkCase) => junkCase.status === status).slice(0, limit) };
  }

  async getCase(caseId: string) {
    return [...this.cases.values()].find((junkCase) => junkCase.caseId === caseId);
  }

  async dismiss(junkCase: JunkCase, audit: AuditEntry) {
    const current = this.cases.get(junkCase.senderFaxNumber);
    if (current?.caseId !== junkCase.caseId || current.status === 'dismissed') return false;
    Object.assign(current, { status: 'dismissed', dismissedAt: audit.at });
    this.audit.push(audit);
    return true;
  }

  private filedBy(reporter: ReporterIdentity) {
    return this.reports.filter((report) => ('accountId' in reporter ? report.reporter.accountId === reporter.accountId : !report.reporter.accountId && report.reporter.emailHash === reporter.emailHash));
  }

  async reportsFiledBy(reporter: ReporterIdentity): Promise<FiledReport[]> {
    return this.filedBy(reporter).map(({ reporter: _reporter, caseId: _caseId, ...filed }) => filed);
  }

  async forgetReporter(reporter: ReporterIdentity) {
    const filed = this.filedBy(reporter);
    for (const report of filed) {
      delete report.reporterName;
      delete report.reporterEmail;
      delete report.description;
      report.reporter = { key: '', identities: [] };
    }
    return filed.length;
  }
}

/** The inbox and block list reads and writes a report needs, in memory. */
class MemoryInbox implements Pick<Inbox, 'get'> {
  readonly faxes: Fax[] = [];
  async get(accountId: string, faxId: string) {
    return this.faxes.find((fax) => fax.accountId === accountId && fax.faxId === faxId);
  }
}

class MemoryBlockList implements Pick<BlockList, 'block' | 'isBlocked'> {
  readonly blocked = new Map<string, BlockedSender>();
  async isBlocked(accountId: string, faxNumber: string) {
    return this.blocked.has(`${accountId}#${faxNumber}`);
  }
  async block(accountId: string, faxNumber: string, at: string) {
    const key = `${accountId}#${faxNumber}`;
    if (!this.blocked.has(key)) this.blocked.set(key, { faxNumber, blockedAt: at });
    return this.blocked.get(key)!;
  }
}

/** The junk-fax slice's ports in memory, on the accounts slice's world (its accounts, logins, emails). */
export const junkWorld = () => {
  const world = accountsWorld();
  const reports = new MemoryJunkReportStore(world.accounts);
  const throttle = new MemoryThrottle();
  const inbox = new MemoryInbox();
  const blockList = new MemoryBlockList();
  /** Number → the account it is assigned to. */
  const owners = new Map<string, string>();
  const recipients: Recipients = { recipient: async (faxNumber) => (owners.has(faxNumber) ? { accountId: owners.get(faxNumber)!, active: true } : undefined) };
  return {
    ...world,
    reports,
    throttle,
    inbox,
    blockList,
    owners,
    reporting: {
      reports,
      throttle,
      accounts: world.accounts,
      inbox: inbox as unknown as Inbox,
      blockList: blockList as unknown as BlockList,
      recipients,
      pseudonymiser: testPseudonymiser,
      emails: world.emails,
      adminEmail: 'admin@example.test',
      threshold: 3,
    },
  };
};
