import { pinClock } from '../../test/support/clock';
import { junkWorld } from '../../test/support/junk-fakes';
import { BusinessRuleViolation, NotFound, TooManyRequests } from '../errors';
import type { Fax } from '../faxes/fax';
import { REPORTS_PER_REPORTER_PER_HOUR } from './case';
import { fileJunkReport, type ReportSource } from './reporting';
import type { JunkFaxReportForm } from './schemas';

const SENDER = '+15559870000';
const DAY0 = '2026-06-01T09:00:00.000Z';
const atDay = (days: number, hours = 0) => new Date(Date.parse(DAY0) + days * 86_400_000 + hours * 3_600_000).toISOString();
const ADMIN = 'admin@example.test';

const PUBLIC: ReportSource = { sourceIp: '192.0.2.10' };
type World = ReturnType<typeof junkWorld>;

const report = (w: World, form: Partial<JunkFaxReportForm>, source: ReportSource = PUBLIC) =>
  fileJunkReport(w.reporting, { senderFaxNumber: SENDER, ...form }, source, 'req-report');
const byEmail = (w: World, email: string, form: Partial<JunkFaxReportForm> = {}) => report(w, { reporterEmail: email, ...form });
const caseOf = (w: World, sender = SENDER) => w.reports.cases.get(sender);
const adminEmails = (w: World) => w.emails.to(ADMIN);

/** A world where SENDER is the number of a live client account. */
const withClient = async () => {
  const w = junkWorld();
  const clientId = await w.signUp('client@spam.test', SENDER);
  w.owners.set(SENDER, clientId);
  return { w, clientId };
};

afterEach(() => jest.restoreAllMocks());

describe('counting junk-fax reports', () => {
  it('counts one reporter once within 24 hours of their last counted report, and again after', async () => {
    // Prepare
    const { w } = await withClient();
    pinClock(DAY0);
    await byEmail(w, 'rita@example.test');
    pinClock(atDay(0, 23));
    await byEmail(w, 'Rita@Example.test ');

    // Act
    pinClock(atDay(1));
    await byEmail(w, 'rita@example.test');

    // Assess
    expect(w.reports.reports.map(({ counted }) => counted)).toEqual([true, false, true]);
    expect(caseOf(w)).toMatchObject({ reportCount: 2, distinctReporters: 1, status: 'open', firstReportedAt: DAY0, lastReportedAt: atDay(1) });
  });

  it('escalates a client’s number at 3 distinct reporters within 30 days and emails the admins once', async () => {
    // Prepare
    const { w, clientId } = await withClient();
    pinClock(DAY0);
    await byEmail(w, 'one@example.test');
    pinClock(atDay(10));
    await byEmail(w, 'two@example.test');
    expect(caseOf(w)?.status).toBe('open');

    // Act
    pinClock(atDay(29, 23));
    await byEmail(w, 'three@example.test');
    pinClock(atDay(29, 23.5));
    await byEmail(w, 'four@example.test');

    // Assess
    expect(caseOf(w)).toMatchObject({ status: 'escalated', accountId: clientId, distinctReporters: 4, reportCount: 4, escalatedAt: atDay(29, 23) });
    expect(adminEmails(w)).toEqual([
      expect.objectContaining({ template: 'junk-fax-case-escalated', messageId: `junk-fax-case-escalated#${caseOf(w)?.caseId}`, params: { caseId: caseOf(w)?.caseId, accountId: clientId, distinctReporters: '3' } }),
    ]);
  });

  it('hands the escalation over again with a later report when the escalating report’s hand-over failed, not with a racing one', async () => {
    // Prepare
    const { w } = await withClient();
    pinClock(DAY0);
    await byEmail(w, 'one@example.test');
    await byEmail(w, 'two@example.test');
    jest.spyOn(w.emails, 'request').mockRejectedValueOnce(new Error('emails queue unavailable'));
    await expect(byEmail(w, 'three@example.test')).rejects.toThrow('emails queue unavailable');
    await byEmail(w, 'four@example.test');
    expect(adminEmails(w)).toEqual([]);

    // Act
    pinClock(atDay(0, 1));
    await byEmail(w, 'five@example.test');

    // Assess
    expect(adminEmails(w)).toHaveLength(1);
    expect(caseOf(w)?.notifiedAt).toBe(atDay(0, 1));
  });

  it('does not count reporters older than 30 days towards the threshold', async () => {
    // Prepare
    const { w } = await withClient();
    pinClock(DAY0);
    await byEmail(w, 'one@example.test');
    pinClock(atDay(20));
    await byEmail(w, 'two@example.test');

    // Act
    pinClock(atDay(30, 1));
    await byEmail(w, 'three@example.test');

    // Assess
    expect(caseOf(w)).toMatchObject({ status: 'open', distinctReporters: 2, reportCount: 3 });
    expect(adminEmails(w)).toEqual([]);
  });

  it('tells reporters apart by account for customers (whatever email they give) and by email for anyone else', async () => {
    // Prepare
    const { w } = await withClient();
    const customerId = await w.signUp('cora@customer.test', '+15551110000');
    pinClock(DAY0);

    // Act: one customer under two emails, then the same address with no token: two reporters.
    await report(w, { reporterEmail: 'cora@customer.test' }, { accountId: customerId, sourceIp: '192.0.2.1' });
    await report(w, { reporterEmail: 'other@customer.test' }, { accountId: customerId, sourceIp: '192.0.2.2' });
    await byEmail(w, 'cora@customer.test');

    // Assess
    expect(w.reports.reports.map(({ counted }) => counted)).toEqual([true, false, true]);
    expect(caseOf(w)).toMatchObject({ reportCount: 2, distinctReporters: 2, status: 'open' });
  });

  it('tells anonymous reporters apart by the address they call from', async () => {
    // Prepare
    const { w } = await withClient();
    pinClock(DAY0);

    // Act
    await report(w, {}, { sourceIp: '192.0.2.1' });
    await report(w, {}, { sourceIp: '192.0.2.1' });
    await report(w, {}, { sourceIp: '198.51.100.1' });

    // Assess
    expect(caseOf(w)).toMatchObject({ reportCount: 2, distinctReporters: 2 });
  });

  it('counts reports of a number that belongs to no account but never escalates them', async () => {
    // Prepare
    const w = junkWorld();
    pinClock(DAY0);

    // Act
    for (const name of ['one', 'two', 'three', 'four']) await byEmail(w, `${name}@example.test`);

    // Assess
    expect(caseOf(w)).toMatchObject({ status: 'open', distinctReporters: 4, reportCount: 4 });
    expect(caseOf(w)?.accountId).toBeUndefined();
    expect(adminEmails(w)).toEqual([]);
  });

  it('opens a new case for a sender reported again after its case was dismissed, counting only reporters since', async () => {
    // Prepare
    const { w } = await withClient();
    pinClock(DAY0);
    await byEmail(w, 'one@example.test');
    const first = caseOf(w)!;
    await w.reports.dismiss(first, { subject: `junk-case:${first.caseId}`, action: 'dismissed', actor: { kind: 'admin', adminId: 'adm' }, at: atDay(1), reason: 'expected' });

    // Act
    pinClock(atDay(2));
    await byEmail(w, 'two@example.test');

    // Assess
    expect(caseOf(w)).toMatchObject({ status: 'open', reportCount: 1, distinctReporters: 1, openedAt: atDay(2) });
    expect(caseOf(w)?.caseId).not.toBe(first.caseId);
  });

  it('counts a report toward the case it joined even when its time precedes the case’s opening (it raced the report that opened it)', async () => {
    // Prepare: the report that opens the case was timed a moment after the other, which files second.
    const { w } = await withClient();
    pinClock(atDay(0, 1));
    await byEmail(w, 'first-to-file@example.test');

    // Act
    pinClock(DAY0);
    await byEmail(w, 'timed-first@example.test');

    // Assess
    expect(caseOf(w)).toMatchObject({ openedAt: atDay(0, 1), reportCount: 2, distinctReporters: 2 });
  });

  it(`refuses the ${REPORTS_PER_REPORTER_PER_HOUR + 1}th report of one reporter within an hour (429), storing nothing, and takes it the next hour`, async () => {
    // Prepare
    const w = junkWorld();
    pinClock('2026-06-01T09:00:00.000Z');
    for (let n = 0; n < REPORTS_PER_REPORTER_PER_HOUR; n += 1) await byEmail(w, 'busy@example.test', { senderFaxNumber: `+1555000${String(n).padStart(4, '0')}` });

    // Act
    pinClock('2026-06-01T09:59:59.000Z');
    const refused = byEmail(w, 'busy@example.test');
    await expect(refused).rejects.toBeInstanceOf(TooManyRequests);
    pinClock('2026-06-01T10:00:00.000Z');
    const taken = await byEmail(w, 'busy@example.test');

    // Assess
    expect(taken.reportId).toMatch(/^jfr_/);
    expect(w.reports.reports).toHaveLength(REPORTS_PER_REPORTER_PER_HOUR + 1);
  });
});

describe("a customer's report of a fax of theirs", () => {
  const faxOf = (accountId: string, overrides: Partial<Fax> = {}): Fax => ({
    faxId: 'fax_01KB0000000000000000000001',
    accountId,
    from: SENDER,
    to: '+15551110000',
    remoteStationId: 'CHEAP CRUISES',
    pages: 1,
    contentType: 'application/pdf',
    sizeBytes: 100,
    receivedAt: '2026-05-31T08:00:00.000Z',
    acceptedAt: '2026-05-31T08:00:01.000Z',
    expiresAt: '2026-07-30T08:00:01.000Z',
    documentKey: 'faxes/fax_01KB0000000000000000000001',
    ...overrides,
  });

  it('carries the sender, recipient, station id and time of our records, not the body’s, and blocks the sender when asked', async () => {
    // Prepare
    const { w } = await withClient();
    const customerId = await w.signUp('cora@customer.test', '+15551110000');
    w.inbox.faxes.push(faxOf(customerId));
    pinClock(DAY0);

    // Act
    await report(w, { senderFaxNumber: '+15550000001', receivedAt: '2020-01-01T00:00:00Z', faxId: 'fax_01KB0000000000000000000001', blockSender: true }, { accountId: customerId, sourceIp: '192.0.2.1' });

    // Assess
    expect(w.reports.reports[0]).toMatchObject({ senderFaxNumber: SENDER, recipientFaxNumber: '+15551110000', remoteStationId: 'CHEAP CRUISES', receivedAt: '2026-05-31T08:00:00.000Z' });
    expect(await w.blockList.isBlocked(customerId, SENDER)).toBe(true);
    expect(caseOf(w)?.reportCount).toBe(1);
  });

  it("answers 404 for another tenant's fax, and for any fax named without a token, storing nothing", async () => {
    // Prepare
    const { w } = await withClient();
    const customerId = await w.signUp('cora@customer.test', '+15551110000');
    const otherId = await w.signUp('otto@other.test', '+15552220000');
    w.inbox.faxes.push(faxOf(otherId));
    pinClock(DAY0);

    // Act
    const theirs = report(w, { faxId: 'fax_01KB0000000000000000000001' }, { accountId: customerId, sourceIp: '192.0.2.1' });
    const anonymous = report(w, { faxId: 'fax_01KB0000000000000000000001' });

    // Assess
    await expect(theirs).rejects.toBeInstanceOf(NotFound);
    await expect(anonymous).rejects.toBeInstanceOf(NotFound);
    expect(w.reports.reports).toEqual([]);
  });

  it('refuses to block for a reporter without a token (422), storing nothing', async () => {
    // Prepare
    const w = junkWorld();
    pinClock(DAY0);

    // Act
    const blocked = report(w, { blockSender: true });

    // Assess
    await expect(blocked).rejects.toBeInstanceOf(BusinessRuleViolation);
    expect(w.reports.reports).toEqual([]);
  });
});
