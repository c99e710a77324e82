import { testPseudonymiser } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryExportStore, pagedSource } from '../../test/support/export-fakes';
import { suppressionKeyOf } from '../email/suppression';
import { personalDataRegistry, type Registration } from '../privacy/registry';
import { COMPLAINT_AUTHORITIES } from './authorities';
import { exportDocument, exportPersonalData, exportedRegistrations, type ExportSubject, type PersonalDataSources } from './export';
import { EXPORT_LINK_DAYS, exportKeyOf, openExportLink } from './export-link';
import type { RightsRequest } from './request';

const NOW = '2026-06-15T12:00:00.000Z';
const API = 'https://api.fax.example';
const ACCOUNT_ID = 'acc_01KB0000000000000000000001';
const EMAIL = 'ana@acme.test';
const FAX_ID = 'fax_01KB0000000000000000000001';

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

const request = (overrides: Partial<RightsRequest> = {}): RightsRequest => ({
  requestId: 'rrq_01KB0000000000000000000001',
  type: 'access',
  status: 'in_progress',
  email: EMAIL,
  emailHash: 'person-digest',
  createdAt: '2026-06-15T11:00:00.000Z',
  dueAt: '2026-07-15T11:00:00.000Z',
  verifiedAt: '2026-06-15T11:00:00.000Z',
  ...overrides,
});

/** What the table and the pool hold of Ana, as stored (keys and internal fields included). */
const stored = {
  account: {
    PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE', type: 'account', accountId: ACCOUNT_ID, company: 'Acme Dental', contactName: 'Ana Ruiz', phone: '+15551230000',
    email: EMAIL, faxNumber: '+15551230001', status: 'active', createdAt: '2026-01-01T00:00:00.000Z', version: 3,
    preferences: { marketingOptIn: false }, processing: { restricted: false, objectedToProfiling: false },
    billing: { processorToken: 'pm_secret_token', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 }, referralCode: 'ANA123',
  },
  consent: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'CONSENT#c1', type: 'consent', consentId: 'c1', kind: 'terms', granted: true, version: '2026-01', recordedAt: '2026-01-01T00:00:00.000Z', method: 'sign-up' },
  fax: {
    PK: `ACCOUNT#${ACCOUNT_ID}`, SK: `FAX#${FAX_ID}`, type: 'fax', accountId: ACCOUNT_ID, faxId: FAX_ID, from: '+15559870000', to: '+15551230001', pages: 2,
    contentType: 'application/pdf', sizeBytes: 1234, receivedAt: '2026-06-01T00:00:00.000Z', expiresAt: '2026-07-31T00:00:00.000Z', documentKey: `faxes/${FAX_ID}`,
  },
  blocked_sender: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'BLOCKED#+15550000000', type: 'blocked_sender', faxNumber: '+15550000000', blockedAt: '2026-02-01T00:00:00.000Z' },
  policy_notice: {
    PK: `ACCOUNT#${ACCOUNT_ID}`,
    SK: 'POLICYNOTICE#2026-03',
    type: 'policy_notice',
    version: '2026-03',
    kind: 'policy_change',
    status: 'sent',
    attempts: 1,
    settledAt: '2026-03-01T00:00:00.000Z',
  },
  email_suppression: { PK: 'SUPPRESSED#x', SK: 'SUPPRESSION', type: 'email_suppression', reason: 'complaint', suppressedAt: '2026-03-01T00:00:00.000Z' },
  rights_request: { PK: 'RIGHTS#rrq_1', SK: 'REQUEST', type: 'rights_request', rightsType: 'access', requestId: 'rrq_1', status: 'in_progress', email: EMAIL, emailHash: 'person-digest', createdAt: '2026-06-15T11:00:00.000Z', dueAt: '2026-07-15T11:00:00.000Z', requestTokenHash: 'secret-digest' },
  junk_report: {
    PK: 'SENDER#+15559870000', SK: 'REPORT#jfr_1', type: 'junk_report', reportId: 'jfr_1', senderFaxNumber: '+15559870000', description: 'Unsolicited offers',
    reporterAccountId: ACCOUNT_ID, reporterKey: 'reporter-digest', counted: true, createdAt: '2026-06-02T00:00:00.000Z', GSI1PK: `JUNKREPORTER#${ACCOUNT_ID}`,
  },
  junk_case: {
    PK: 'SENDER#+15551230001', SK: 'CASE', type: 'junk_case', caseId: 'jfc_1', senderFaxNumber: '+15551230001', accountId: ACCOUNT_ID, status: 'open',
    reportCount: 1, distinctReporters: 1, firstReportedAt: '2026-06-03T00:00:00.000Z', lastReportedAt: '2026-06-03T00:00:00.000Z',
  },
  audit_entry: {
    PK: `AUDIT#account:${ACCOUNT_ID}`, SK: '2026-06-04T00:00:00.000Z#d1', type: 'audit_entry', subject: `account:${ACCOUNT_ID}`, action: 'deactivated',
    actor: { kind: 'admin', adminId: 'admin-sub-1' }, at: '2026-06-04T00:00:00.000Z', reason: 'Junk faxes confirmed', expiresAtEpoch: 1_970_000_000,
  },
  referral: {
    PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'REFERRAL#ref_1', type: 'referral', referralId: 'ref_1', referrerId: ACCOUNT_ID, friendName: 'Bo', friendEmail: 'bo@example.test',
    friendEmailHash: 'friend-digest', status: 'invited', createdAt: '2026-06-05T00:00:00.000Z', GSI1PK: 'PERSON#friend-digest',
  },
  referral_opt_out: { PK: 'OPTOUT#person-digest', SK: 'REFERRALS', type: 'referral_opt_out', optedOutAt: '2026-06-06T00:00:00.000Z' },
  usage_counter: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'USAGE#2026-06', type: 'usage_counter', month: '2026-06', faxes: 3 },
  userPoolLogins: { username: ACCOUNT_ID, email: EMAIL, emailVerified: true, enabled: true, status: 'CONFIRMED' },
};

const exportWorld = (sourceOverrides: Partial<PersonalDataSources> = {}) => {
  const asked: ExportSubject[] = [];
  const sources = {
    ...(Object.fromEntries(Object.entries(stored).map(([kind, item]) => [kind, pagedSource([item], 100, asked)])) as PersonalDataSources),
    ...sourceOverrides,
  };
  const exports = new MemoryExportStore();
  const accounts = { accountIdByEmail: async (email: string) => (email === EMAIL ? ACCOUNT_ID : undefined) };
  // The request as it stands when read again after its export: its requester still there, unless a test erases them.
  const requests = { get: jest.fn(async (requestId: string): Promise<RightsRequest | undefined> => request({ requestId })) };
  const fulfil = exportPersonalData({ accounts, requests, pseudonymiser: testPseudonymiser, sources, exports, apiUrl: API });
  const documentOf = (requestId = request().requestId) => JSON.parse(exports.objects.get(exportKeyOf(requestId))!);
  return { asked, exports, requests, fulfil, documentOf };
};

describe('exportPersonalData', () => {
  it('deletes the export it wrote, and answers no link, when an erasure of the person anonymised the request meanwhile', async () => {
    // Prepare
    const { fulfil, exports, requests } = exportWorld();
    const { email: _erased, emailHash: _digest, ...anonymised } = request();
    requests.get.mockResolvedValueOnce(anonymised as RightsRequest);

    // Act
    const result = await fulfil(request(), 'req-1');

    // Assess
    expect(result).toEqual({ requesterErased: true });
    expect(exports.objects.has(exportKeyOf(request().requestId))).toBe(false);
    expect(requests.get).toHaveBeenCalledWith(request().requestId);
  });

  it('exports every registered kind found for the email through its mapper, faxes with their download link', async () => {
    // Prepare
    const { fulfil, documentOf, asked } = exportWorld();

    // Act
    await fulfil(request(), 'req-1');

    // Assess
    const document = documentOf();
    expect(document).toMatchObject({ format: 'fax-service-personal-data-export', version: 1, requestId: request().requestId, requestType: 'access', generatedAt: NOW, subject: { email: EMAIL } });
    expect(document.data.account).toEqual([expect.objectContaining({ accountId: ACCOUNT_ID, company: 'Acme Dental', faxNumber: '+15551230001', billing: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 } })]);
    expect(document.data.consent).toEqual([{ kind: 'terms', granted: true, version: '2026-01', recordedAt: '2026-01-01T00:00:00.000Z', method: 'sign-up' }]);
    expect(document.data.fax).toEqual([expect.objectContaining({ faxId: FAX_ID, from: '+15559870000', pages: 2, document: `${API}/faxes/${FAX_ID}/document` })]);
    expect(document.data.blocked_sender).toEqual([{ faxNumber: '+15550000000', blockedAt: '2026-02-01T00:00:00.000Z' }]);
    // The notices of policy versions it was sent, without the sender's bookkeeping.
    expect(document.data.policy_notice).toEqual([{ version: '2026-03', kind: 'policy_change', status: 'sent', settledAt: '2026-03-01T00:00:00.000Z' }]);
    expect(document.data.email_suppression).toEqual([{ reason: 'complaint', suppressedAt: '2026-03-01T00:00:00.000Z' }]);
    expect(document.data.rights_request).toEqual([{ requestId: 'rrq_1', type: 'access', status: 'in_progress', createdAt: '2026-06-15T11:00:00.000Z', dueAt: '2026-07-15T11:00:00.000Z' }]);
    // An admin's decision about the account and its reason; never the admin's id.
    expect(document.data.audit_entry).toEqual([{ action: 'deactivated', at: '2026-06-04T00:00:00.000Z', reason: 'Junk faxes confirmed', by: 'admin' }]);
    expect(document.data.referral).toEqual([{ referralId: 'ref_1', friendName: 'Bo', friendEmail: 'bo@example.test', status: 'invited', createdAt: '2026-06-05T00:00:00.000Z' }]);
    expect(document.data.referral_opt_out).toEqual([{ optedOutAt: '2026-06-06T00:00:00.000Z' }]);
    expect(document.data.usage_counter).toEqual([{ month: '2026-06', faxes: 3 }]);
    expect(document.data.userPoolLogins).toEqual([{ username: ACCOUNT_ID, email: EMAIL, emailVerified: true, enabled: true, status: 'CONFIRMED' }]);
    // Keys, internal fields and secrets stay out.
    const text = JSON.stringify(document);
    for (const internal of ['pm_secret_token', 'secret-digest', '"PK"', 'documentKey', 'person-digest', 'friend-digest', 'admin-sub-1']) expect(text).not.toContain(internal);
    // Every source was asked about the same person: the email, its digests and its account.
    expect(new Set(asked.map((subject) => JSON.stringify(subject)))).toEqual(
      new Set([JSON.stringify({ email: EMAIL, emailHash: 'person-digest', suppressionKey: await suppressionKeyOf(testPseudonymiser, EMAIL), accountId: ACCOUNT_ID })]),
    );
  });

  it('carries the Art. 15 facts: purposes, categories, recipients, retention from the registry, source, rights and where to complain', async () => {
    // Prepare
    const { fulfil, documentOf } = exportWorld();

    // Act
    await fulfil(request(), 'req-1');

    // Assess
    const { art15 } = documentOf();
    expect(art15.purposes.length).toBeGreaterThan(0);
    expect(art15.categories.length).toBeGreaterThan(0);
    expect(art15.recipients).toEqual(expect.arrayContaining([expect.stringContaining('Amazon Web Services, as processor'), expect.stringContaining('fax gateways')]));
    expect(art15.retention['items.fax']).toBe(personalDataRegistry.items.fax.retention);
    expect(art15.retention['exportObjects.exports']).toContain(`${EXPORT_LINK_DAYS} days`);
    expect(art15.source).toEqual(expect.any(String));
    expect(art15.rights.map(({ type }: { type: string }) => type)).toEqual(['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent', 'complaint']);
    expect(art15.complaints).toEqual(COMPLAINT_AUTHORITIES);
  });

  it('exports a person without an account: every source is asked with no account', async () => {
    // Prepare
    const { fulfil, documentOf, asked } = exportWorld();

    // Act
    await fulfil(request({ email: 'stranger@acme.test' }), 'req-1');

    // Assess
    expect(asked.every((subject) => subject.accountId === undefined)).toBe(true);
    expect(documentOf().subject).toEqual({ email: 'stranger@acme.test' });
  });

  it("answers the export's link, which opens the export for 7 days", async () => {
    // Prepare
    const { fulfil, exports } = exportWorld();

    // Act
    const result = await fulfil(request(), 'req-1');

    // Assess
    const link = result?.export as { url: string; expiresAt: string };
    expect(link.expiresAt).toBe('2026-06-22T12:00:00.000Z');
    expect(link.url.startsWith(`${API}/rights-requests/${request().requestId}/export?token=`)).toBe(true);
    const token = new URL(link.url).searchParams.get('token')!;
    await expect(openExportLink({ pseudonymiser: testPseudonymiser, exports }, request().requestId, token, new Date(NOW))).resolves.toContain(exportKeyOf(request().requestId));
  });

  it('exported again (a redelivery) replaces its own export under the same key', async () => {
    // Prepare
    const { fulfil, exports } = exportWorld();
    await fulfil(request(), 'req-1');

    // Act
    await fulfil(request(), 'req-1');

    // Assess
    expect(exports.saves.map(({ key }) => key)).toEqual([exportKeyOf(request().requestId), exportKeyOf(request().requestId)]);
    expect([...exports.objects.keys()]).toEqual([`exports/${request().requestId}.json`]);
  });

  it('fails, writing nothing, when a registered kind has no source (never a silently partial export)', async () => {
    // Prepare
    const { fulfil, exports } = exportWorld({ fax: undefined });

    // Act
    const exporting = fulfil(request(), 'req-1');

    // Assess
    await expect(exporting).rejects.toThrow('no export source for fax');
    expect(exports.objects.size).toBe(0);
  });

  it('fails when a source fails', async () => {
    // Prepare
    const { fulfil, exports } = exportWorld({
      consent: async function* () {
        throw new Error('table unavailable');
      },
    });

    // Act / Assess
    await expect(fulfil(request(), 'req-1')).rejects.toThrow('table unavailable');
    expect(exports.objects.size).toBe(0);
  });

  it('streams 10,000 faxes page by page: the export never holds more than a page the store has not taken', async () => {
    // Prepare
    const faxCount = 10_000;
    const pageSize = 100;
    let produced = 0;
    const faxes = { ...stored.fax };
    const { fulfil, exports, documentOf } = exportWorld({
      fax: async function* () {
        for (let page = 0; page < faxCount / pageSize; page += 1) {
          const items = Array.from({ length: pageSize }, (_, index) => ({ ...faxes, faxId: `fax_${page * pageSize + index}` }));
          produced += items.length;
          yield items;
        }
      },
    });
    let widestLag = 0;
    exports.onChunk = (readSoFar) => {
      const taken = readSoFar.split('"faxId"').length - 1;
      widestLag = Math.max(widestLag, produced - taken);
    };

    // Act
    await fulfil(request(), 'req-1');

    // Assess
    expect(documentOf().data.fax).toHaveLength(faxCount);
    expect(widestLag).toBeLessThanOrEqual(pageSize);
    expect(exports.saves[0].chunks).toBeGreaterThan(faxCount / pageSize);
  });
});

describe('exportedRegistrations', () => {
  it('is every personal registration of the registry that has an export mapper, and only those', () => {
    // Prepare
    const withMapper = Object.values(personalDataRegistry).flatMap((section) =>
      Object.entries(section as Record<string, Registration>).filter(([, registration]) => registration.personal && 'mapper' in registration.export).map(([kind]) => kind),
    );

    // Act
    const exported = exportedRegistrations().map(([kind]) => kind);

    // Assess
    expect(exported).toEqual(withMapper);
    expect(exported).toEqual(expect.arrayContaining(['account', 'consent', 'fax', 'blocked_sender', 'email_suppression', 'rights_request', 'userPoolLogins']));
  });
});

describe('exportDocument', () => {
  it('is valid JSON with an empty array for every kind that holds nothing', async () => {
    // Prepare
    const empty = Object.fromEntries(exportedRegistrations().map(([kind]) => [kind, pagedSource([])]));
    let text = '';

    // Act
    for await (const chunk of exportDocument(empty, { email: EMAIL, emailHash: 'h', suppressionKey: 's' }, { requestId: 'r', requestType: 'portability', generatedAt: NOW }, { faxDocument: () => '' })) text += chunk;

    // Assess
    expect(JSON.parse(text).data).toEqual(Object.fromEntries(exportedRegistrations().map(([kind]) => [kind, []])));
  });
});
