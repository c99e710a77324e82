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
// Each person of these tests calls from an address of their own (an address counts once, whatever email it claims).
const sources = new Map<string, string>();
const sourceOf = (email: string) => {
  const person = email.trim().toLowerCase();
  if (!sources.has(person)) sources.set(person, `198.51.100.${sources.size + 1}`);
  return { sourceIp: sources.get(person)! };
};
const byEmail = (w: World, email: string, form: Partial<JunkFaxReportForm> = {}) => report(w, { reporterEmail: email, ...form }, sourceOf(email));
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

  it('counts a customer once by their account and their own email, whatever email they type, and anyone else by email', async () => {
    // Prepare
    const { w } = await withClient();
    const customerId = await w.signUp('cora@customer.test', '+15551110000');
    pinClock(DAY0);

    // Act: one customer under two emails and from two addresses, then their own email with no token; then someone else.
    await report(w, { reporterEmail: 'cora@customer.test' }, { accountId: customerId, sourceIp: '192.0.2.1' });
    await report(w, { reporterEmail: 'other@customer.test' }, { accountId: customerId, sourceIp: '192.0.2.2' });
    await report(w, { reporterEmail: 'Cora+junk@customer.test' }, { sourceIp: '192.0.2.3' });
    await byEmail(w, 'someone@example.test');

    // Assess
    expect(w.reports.reports.map(({ counted }) => counted)).toEqual([true, false, false, true]);
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

  it('counts one person once however many +tags, dotted spellings and addresses they use: no escalation', async () => {
    // Prepare
    const { w } = await withClient();
    pinClock(DAY0);

    // Act: +tag variants from one address, the same mailbox from others, a Gmail address dotted two ways.
    for (const tag of ['a', 'b', 'c']) await report(w, { reporterEmail: `mallory+${tag}@example.test` }, { sourceIp: '203.0.113.7' });
    await report(w, { reporterEmail: 'Mallory+d@Example.test' }, { sourceIp: '203.0.113.8' });
    await report(w, { reporterEmail: 'mal.lory@gmail.com' }, { sourceIp: '203.0.113.9' });
    await report(w, { reporterEmail: 'mallory+x@googlemail.com' }, { sourceIp: '203.0.113.10' });

    // Assess: one person by the first address's mailbox, one by the Gmail mailbox.
    expect(caseOf(w)).toMatchObject({ status: 'open', distinctReporters: 2 });
    expect(adminEmails(w)).toEqual([]);
  });

  it('counts one person once as a customer, by their email and anonymously from one address: no escalation', async () => {
    // Prepare
    const { w } = await withClient();
    const customerId = await w.signUp('mallory@customer.test', '+15551110000');
    pinClock(DAY0);

    // Act: anonymously first, then by email (new), then as the customer (their own email); a day later all three again.
    for (const day of [0, 1]) {
      pinClock(atDay(day));
      await report(w, {}, { sourceIp: '203.0.113.7' });
      await report(w, { reporterEmail: 'mallory@customer.test' }, { sourceIp: '203.0.113.7' });
      await report(w, { reporterEmail: 'mallory@customer.test' }, { accountId: customerId, sourceIp: '203.0.113.7' });
    }

    // Assess
    expect(caseOf(w)).toMatchObject({ status: 'open', distinctReporters: 1, reportCount: 2 });
    expect(adminEmails(w)).toEqual([]);
  });

  it('limits the address a report comes from whatever fresh email it claims (429)', async () => {
    // Prepare
    const w = junkWorld();
    pinClock(DAY0);
    for (let n = 0; n < REPORTS_PER_REPORTER_PER_HOUR; n += 1) await report(w, { reporterEmail: `fresh${n}@example.test` }, { sourceIp: '203.0.113.7' });

    // Act
    const refused = report(w, { reporterEmail: 'fresh-again@example.test' }, { sourceIp: '203.0.113.7' });

    // Assess
    await expect(refused).rejects.toBeInstanceOf(TooManyRequests);
    expect(w.reports.reports).toHaveLength(REPORTS_PER_REPORTER_PER_HOUR);
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

  it('gives a recycled number a fresh case: its former holder’s escalated case closes (audited) and its reports never count toward the new holder', async () => {
    // Prepare: the former holder's case escalated by three reporters.
    const { w, clientId } = await withClient();
    pinClock(DAY0);
    for (const name of ['one', 'two', 'three']) await byEmail(w, `${name}@example.test`);
    const former = caseOf(w)!;
    expect(former).toMatchObject({ status: 'escalated', accountId: clientId });

    // Act: the number leaves its holder (reported while it is no one's), then a new customer takes it; the same three report again.
    pinClock(atDay(1));
    w.owners.delete(SENDER);
    await byEmail(w, 'one@example.test');
    const between = caseOf(w)!;
    const newHolder = await w.signUp('new@holder.test', '+15553330000');
    w.owners.set(SENDER, newHolder);
    pinClock(atDay(1, 1));
    await byEmail(w, 'two@example.test');

    // Assess
    expect(between).toMatchObject({ status: 'open', reportCount: 1, distinctReporters: 1 });
    expect(between.accountId).toBeUndefined();
    expect(caseOf(w)).toMatchObject({ status: 'open', accountId: newHolder, reportCount: 1, distinctReporters: 1, openedAt: atDay(1, 1) });
    expect(new Set([former.caseId, between.caseId, caseOf(w)!.caseId]).size).toBe(3);
    expect(w.reports.audit).toEqual([
      { subject: `junk-case:${former.caseId}`, action: 'closed', actor: { kind: 'service', name: 'report-junk-fax' }, at: atDay(1), reason: 'The number changed hands.' },
      { subject: `junk-case:${between.caseId}`, action: 'closed', actor: { kind: 'service', name: 'report-junk-fax' }, at: atDay(1, 1), reason: 'The number changed hands.' },
    ]);
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

  it('answers 404, storing nothing, when the customer’s erasure begins after their account was read (the report raced it)', async () => {
    // Prepare: the erasure begins while the report looks up the sender's holder, after the customer's account was read.
    const { w } = await withClient();
    const customerId = await w.signUp('cora@customer.test', '+15551110000');
    await w.accounts.activate(customerId, DAY0);
    const lookUp = w.reporting.recipients.recipient;
    jest.spyOn(w.reporting.recipients, 'recipient').mockImplementationOnce(async (faxNumber) => {
      await w.accounts.beginErasure(customerId);
      return lookUp(faxNumber);
    });
    pinClock(DAY0);

    // Act
    const filing = report(w, {}, { accountId: customerId, sourceIp: '192.0.2.1' });

    // Assess
    await expect(filing).rejects.toBeInstanceOf(NotFound);
    expect(w.reports.reports).toEqual([]);
    expect(caseOf(w)).toBeUndefined();
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
