import { failing } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { junkWorld } from '../../test/support/junk-fakes';
import { deactivateAccount } from '../accounts/deactivation';
import { accountCreated, provisionLogin } from '../accounts/provisioning';
import type { AuditEntry, AuditTrail } from '../audit/trail';
import { Conflict, NotFound } from '../errors';
import { deactivateClient, dismissJunkCase } from './admin';
import { fileJunkReport } from './reporting';

const NOW = '2026-06-15T12:00:00.000Z';
const SENDER = '+15559870000';

/** The audit trail in memory: appending the same entry twice keeps one. */
const memoryAuditTrail = () => {
  const entries: AuditEntry[] = [];
  const trail: AuditTrail = {
    append: async (entry) => {
      if (!entries.some((kept) => JSON.stringify(kept) === JSON.stringify(entry))) entries.push(entry);
    },
    list: async (subject) => entries.filter((entry) => entry.subject === subject),
  };
  return { entries, trail };
};

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

describe('an admin deactivating a client', () => {
  const activeClient = async () => {
    const w = junkWorld();
    const accountId = await w.signUp('client@spam.test', SENDER);
    await provisionLogin(w.deps, accountCreated(accountId), 'req');
    await w.accounts.activate(accountId, NOW);
    const audit = memoryAuditTrail();
    return { w, accountId, audit, deps: { accounts: w.accounts, logins: w.logins, audit: audit.trail, emails: w.emails } };
  };
  const decision = { adminId: 'admin-sub-1', reason: 'Junk faxes reported by many recipients.' };

  it('deactivates the account, disables its login, audits who, what, when and why, and emails the client the reason', async () => {
    // Prepare
    const { w, accountId, audit, deps } = await activeClient();

    // Act
    const answer = await deactivateClient(deps, accountId, decision, 'req-admin');

    // Assess
    expect(answer).toEqual({ accountId, status: 'deactivated', deactivatedAt: NOW });
    expect((await w.accounts.get(accountId))?.status).toBe('deactivated');
    expect(w.logins.logins.get(accountId)?.enabled).toBe(false);
    expect(audit.entries).toEqual([{ subject: `account:${accountId}`, action: 'deactivated', actor: { kind: 'admin', adminId: 'admin-sub-1' }, at: NOW, reason: decision.reason }]);
    expect(w.emails.to('client@spam.test').filter(({ template }) => template === 'account-deactivated')).toEqual([
      { template: 'account-deactivated', messageId: `account-deactivated#${accountId}#${NOW}`, to: 'client@spam.test', params: { reason: decision.reason } },
    ]);
  });

  it('finishes on a retry after the email pipeline failed, without a second audit entry or email', async () => {
    // Prepare
    const { w, accountId, audit, deps } = await activeClient();
    jest.spyOn(w.emails, 'request').mockRejectedValueOnce(failing('emails queue'));
    await expect(deactivateClient(deps, accountId, decision, 'req-1')).rejects.toThrow('emails queue unavailable');
    pinClock('2026-06-15T12:00:05.000Z');

    // Act
    await deactivateClient(deps, accountId, decision, 'req-2');
    await deactivateClient(deps, accountId, decision, 'req-3');

    // Assess
    expect(audit.entries).toHaveLength(1);
    expect(w.emails.to('client@spam.test').filter(({ template }) => template === 'account-deactivated')).toHaveLength(1);
  });

  it('leaves an account its owner deactivated as it is: 200 with their deactivation, no audit entry, no email', async () => {
    // Prepare
    const { w, accountId, audit, deps } = await activeClient();
    pinClock('2026-06-14T08:00:00.000Z');
    await deactivateAccount(deps, accountId);
    pinClock(NOW);

    // Act
    const answer = await deactivateClient(deps, accountId, decision, 'req-admin');

    // Assess
    expect(answer).toEqual({ accountId, status: 'deactivated', deactivatedAt: '2026-06-14T08:00:00.000Z' });
    expect((await w.accounts.get(accountId))?.deactivatedBy).toBe('customer');
    expect(audit.entries).toEqual([]);
    expect(w.emails.to('client@spam.test').filter(({ template }) => template === 'account-deactivated')).toEqual([]);
  });

  it.each([
    ['before the admin acts', async (w: Awaited<ReturnType<typeof activeClient>>['w'], accountId: string) => void (await w.accounts.beginErasure(accountId))],
    [
      'while the admin acts',
      async (w: Awaited<ReturnType<typeof activeClient>>['w'], accountId: string) => {
        const deactivate = w.accounts.deactivate.bind(w.accounts);
        jest.spyOn(w.accounts, 'deactivate').mockImplementationOnce(async (...args) => {
          await w.accounts.beginErasure(accountId);
          return deactivate(...args);
        });
      },
    ],
  ])('answers 404 for an account whose erasure begins %s, deactivating nothing and emailing no one', async (_when, eraseAt) => {
    // Prepare
    const { w, accountId, audit, deps } = await activeClient();
    await eraseAt(w, accountId);

    // Act
    const answer = deactivateClient(deps, accountId, decision, 'req-admin');

    // Assess
    await expect(answer).rejects.toBeInstanceOf(NotFound);
    expect((await w.accounts.get(accountId))?.status).toBe('active');
    expect(audit.entries).toEqual([]);
    expect(w.emails.to('client@spam.test').filter(({ template }) => template === 'account-deactivated')).toEqual([]);
  });

  it('answers 404 for an unknown account and 409 for an unproven sign-up, changing nothing', async () => {
    // Prepare
    const w = junkWorld();
    const pendingId = await w.signUp('new@customer.test', '+15551110000');
    const audit = memoryAuditTrail();
    const deps = { accounts: w.accounts, logins: w.logins, audit: audit.trail, emails: w.emails };

    // Act
    const unknown = deactivateClient(deps, 'acc_01KB000000000000000000NONE', decision, 'req');
    const pending = deactivateClient(deps, pendingId, decision, 'req');

    // Assess
    await expect(unknown).rejects.toBeInstanceOf(NotFound);
    await expect(pending).rejects.toBeInstanceOf(Conflict);
    expect((await w.accounts.get(pendingId))?.status).toBe('pending');
    expect(audit.entries).toEqual([]);
  });
});

describe('an admin dismissing a case', () => {
  it('dismisses it with its audit entry, then answers 409 to a second dismissal and 404 to an unknown case', async () => {
    // Prepare
    const w = junkWorld();
    await fileJunkReport(w.reporting, { senderFaxNumber: SENDER, reporterEmail: 'rita@example.test' }, { sourceIp: '192.0.2.1' }, 'req');
    const { caseId } = w.reports.cases.get(SENDER)!;

    // Act
    const dismissed = await dismissJunkCase(w.reports, caseId, { adminId: 'admin-sub-1', reason: 'An expected delivery.' });
    const again = dismissJunkCase(w.reports, caseId, { adminId: 'admin-sub-1', reason: 'Again.' });
    const unknown = dismissJunkCase(w.reports, 'jfc_01KB0000000000000000000000', { adminId: 'admin-sub-1', reason: 'x' });

    // Assess
    expect(dismissed).toMatchObject({ caseId, status: 'dismissed', reportCount: 1 });
    await expect(again).rejects.toBeInstanceOf(Conflict);
    await expect(unknown).rejects.toBeInstanceOf(NotFound);
    expect(w.reports.audit).toEqual([{ subject: `junk-case:${caseId}`, action: 'dismissed', actor: { kind: 'admin', adminId: 'admin-sub-1' }, at: NOW, reason: 'An expected delivery.' }]);
  });
});
