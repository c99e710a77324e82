import { accountsWorld, testPseudonymiser } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryExportStore, pagedSource } from '../../test/support/export-fakes';
import { MemoryLegalRequestStore } from '../../test/support/legal-fakes';
import { Conflict } from '../errors';
import type { PersonalDataSources } from '../rights/export';
import { produceLegalRequest } from './production';
import { createLegalRequest, payLegalFee, type NewLegalRequest } from './requests';
import type { LegalCategory } from './rules';

const NOW = '2026-07-01T09:00:00.000Z';
const ADMIN = 'admin-sub-1';
const times = { quashDays: 14, holdDaysAfter: 30 };

const world = async () => {
  const accounts = accountsWorld();
  const accountId = await accounts.signUp('ana@acme.test', '+15551230042');
  const store = new MemoryLegalRequestStore();
  const exports = new MemoryExportStore();
  const lookup = { accounts: accounts.accounts, recipients: { recipient: async () => undefined } };
  const account = { accountId, email: 'ana@acme.test', company: 'Acme', contactName: 'Ana', phone: '+15551230000', faxNumber: '+15551230042', status: 'active', createdAt: NOW, preferences: {}, processing: {}, billing: { brand: 'visa', last4: '4242', expMonth: 1, expYear: 2030 } };
  const none = pagedSource([]);
  const sources = {
    account: pagedSource([account]),
    consent: none,
    fax: pagedSource([
      { faxId: 'fax_in', accountId, from: '+15559870001', to: '+15551230042', pages: 1, contentType: 'application/pdf', sizeBytes: 8, receivedAt: '2026-06-15T00:00:00.000Z', expiresAt: '2026-08-14T00:00:00.000Z', documentKey: 'faxes/fax_in' },
      { faxId: 'fax_old', accountId, from: '+15559870002', to: '+15551230042', pages: 1, contentType: 'application/pdf', sizeBytes: 8, receivedAt: '2026-01-15T00:00:00.000Z', expiresAt: '2026-03-16T00:00:00.000Z', documentKey: 'faxes/fax_old' },
    ]),
    blocked_sender: pagedSource([{ faxNumber: '+15557770001', blockedAt: '2026-06-01T00:00:00.000Z' }]),
    referral: pagedSource([{ referralId: 'ref_1', friendName: 'Bo', friendEmail: 'bo@friend.test', status: 'invited', createdAt: NOW }]),
    referral_opt_out: none,
    policy_notice: none,
    usage_counter: none,
    email_suppression: none,
    rights_request: none,
    junk_report: none,
    audit_entry: none,
    junk_case: none,
    userPoolLogins: none,
  } as unknown as PersonalDataSources;
  const deps = {
    store,
    lookup,
    pseudonymiser: testPseudonymiser,
    sources,
    reportsAbout: async function* () {
      yield [{ reportId: 'jfr_1', senderFaxNumber: '+15551230042', reporterEmail: 'rita@example.test', reporterName: 'Rita', description: 'Spam', createdAt: NOW, counted: true }];
    },
    documents: { read: async (key: string) => Buffer.from(`%PDF ${key}`) },
    exports,
    apiUrl: 'https://api.example.test',
    times,
  };
  const ready = async (categories: LegalCategory[], overrides: Partial<NewLegalRequest> = {}) => {
    const request = await createLegalRequest(
      { store, emails: accounts.emails, times, lookup, pseudonymiser: testPseudonymiser },
      {
        kind: 'civil_subpoena',
        receivedInWriting: true,
        requester: { name: 'P', organization: 'O', email: 'p@law.test', address: 'A' },
        subject: { accountId },
        scope: { categories },
        documentRefs: ['s.pdf'],
        noticeProhibited: true,
        ...overrides,
      },
      ADMIN,
      'req-1',
    );
    await payLegalFee({ store, emails: accounts.emails, times, lookup }, request.legalRequestId, 25_000, ADMIN, 'req-2');
    return request.legalRequestId;
  };
  const packageOf = (id: string) => JSON.parse(exports.objects.get(`legal/${id}.json`)!);
  return { deps, store, ready, packageOf };
};

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

describe('produceLegalRequest', () => {
  it('produces billing alone when only billing is in scope, and the profile without billing when only the account is', async () => {
    // Prepare
    const { deps, ready, packageOf } = await world();
    const billingOnly = await ready(['billing']);
    const accountOnly = await ready(['account']);

    // Act
    await produceLegalRequest(deps, billingOnly, ADMIN);
    await produceLegalRequest(deps, accountOnly, ADMIN);

    // Assess
    expect(packageOf(billingOnly).data.account).toEqual([{ billing: { brand: 'visa', last4: '4242', expMonth: 1, expYear: 2030 } }]);
    expect(packageOf(accountOnly).data.account[0]).toMatchObject({ email: 'ana@acme.test' });
    expect(packageOf(accountOnly).data.account[0].billing).toBeUndefined();
  });

  it("redacts other people's numbers outside fax metadata and the friends the subject invited, and keeps nothing of the people who reported the subject", async () => {
    // Prepare
    const { deps, ready, packageOf } = await world();
    const id = await ready(['account', 'fax_metadata', 'junk_reports']);

    // Act
    const { counts } = await produceLegalRequest(deps, id, ADMIN);

    // Assess
    const { data } = packageOf(id);
    expect(data.blocked_sender).toEqual([{ faxNumber: '[redacted: another person’s data]', blockedAt: '2026-06-01T00:00:00.000Z' }]);
    expect(data.referral).toEqual([{ referralId: 'ref_1', friendName: '[redacted: another person’s data]', friendEmail: '[redacted: another person’s data]', status: 'invited', createdAt: NOW }]);
    expect(JSON.stringify(data)).not.toContain('bo@friend.test');
    expect(data.fax.map(({ from }: { from: string }) => from)).toEqual(['+15559870001', '+15559870002']);
    expect(data.fax[0].document).toBeUndefined();
    expect(data.junk_reports_about_subject).toEqual([{ reportId: 'jfr_1', senderFaxNumber: '+15551230042', createdAt: NOW, counted: true }]);
    expect(counts).toMatchObject({ fax: 2, blocked_sender: 1, junk_reports_about_subject: 1 });
    expect(data.fax_content).toBeUndefined();
  });

  it('keeps to the time range, content included where the table allows it', async () => {
    // Prepare
    const { deps, ready, packageOf } = await world();
    const id = await ready(['fax_metadata', 'fax_content'], { kind: 'search_warrant', scope: { from: '2026-06-01T00:00:00.000Z', categories: ['fax_metadata', 'fax_content'] } });

    // Act
    const { counts } = await produceLegalRequest(deps, id, ADMIN);

    // Assess
    expect(counts).toEqual({ fax: 1, fax_content: 1 });
    expect(packageOf(id).data.fax_content).toEqual([{ faxId: 'fax_in', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF faxes/fax_in').toString('base64') }]);
  });

  it('produces once, starting the hold’s last days: a second production is a 409', async () => {
    // Prepare
    const { deps, store, ready } = await world();
    const id = await ready(['account']);

    // Act
    const { production } = await produceLegalRequest(deps, id, ADMIN);
    const again = produceLegalRequest(deps, id, ADMIN);

    // Assess
    await expect(again).rejects.toBeInstanceOf(Conflict);
    expect(production.url).toMatch(new RegExp(`^https://api.example.test/legal-productions/${id}\\?token=\\d+\\.[\\w-]{43}$`));
    expect(await store.get(id)).toMatchObject({ status: 'produced', producedAt: NOW, holdEndsAt: '2026-07-31T09:00:00.000Z' });
  });
});
