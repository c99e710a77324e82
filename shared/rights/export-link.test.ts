import { testPseudonymiser } from '../../test/support/account-fakes';
import { MemoryExportStore } from '../../test/support/export-fakes';
import { Gone, InvalidInput, NotFound } from '../errors';
import { EXPORT_DOWNLOAD_SECONDS, EXPORT_LINK_DAYS, exportKeyOf, openExportLink, signExportLink } from './export-link';

const API = 'https://api.fax.example';
const REQUEST_ID = 'rrq_01KB0000000000000000000001';
const OTHER_REQUEST_ID = 'rrq_01KB0000000000000000000002';
const SIGNED_AT = new Date('2026-06-15T12:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

const world = async () => {
  const exports = new MemoryExportStore();
  await exports.save(exportKeyOf(REQUEST_ID), (async function* () {
    yield '{}';
  })());
  const link = await signExportLink(testPseudonymiser, API, REQUEST_ID, SIGNED_AT);
  const token = new URL(link.url).searchParams.get('token')!;
  return { exports, link, token, deps: { pseudonymiser: testPseudonymiser, exports } };
};

describe('signExportLink', () => {
  it(`links the API's export route with a token that expires ${EXPORT_LINK_DAYS} days later`, async () => {
    // Act
    const { link, token } = await world();

    // Assess
    expect(EXPORT_LINK_DAYS).toBe(7);
    expect(link.expiresAt).toBe('2026-06-22T12:00:00.000Z');
    expect(link.url).toBe(`${API}/rights-requests/${REQUEST_ID}/export?token=${token}`);
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
  });
});

describe('openExportLink', () => {
  it("answers a fresh presigned URL of the request's export, short-lived, until the link expires", async () => {
    // Prepare
    const { deps, token } = await world();

    // Act
    const url = await openExportLink(deps, REQUEST_ID, token, new Date(SIGNED_AT.getTime() + EXPORT_LINK_DAYS * DAY_MS - 1000));

    // Assess
    expect(url).toBe(`https://exports.example.test/exports/${REQUEST_ID}.json?expires=${EXPORT_DOWNLOAD_SECONDS}`);
    expect(EXPORT_DOWNLOAD_SECONDS).toBeLessThanOrEqual(600);
  });

  it('refuses a genuine link once expired (410)', async () => {
    // Prepare
    const { deps, token } = await world();

    // Act
    const opening = openExportLink(deps, REQUEST_ID, token, new Date(SIGNED_AT.getTime() + EXPORT_LINK_DAYS * DAY_MS));

    // Assess
    await expect(opening).rejects.toBeInstanceOf(Gone);
  });

  it.each([
    ['a forged signature', (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
    ['a later expiry under the old signature', (token: string) => `${Number(token.split('.')[0]) + DAY_MS / 1000}.${token.split('.')[1]}`],
  ])('answers 404 to %s, saying nothing about the request', async (_case, tamper) => {
    // Prepare
    const { deps, token } = await world();

    // Act
    const opening = openExportLink(deps, REQUEST_ID, tamper(token), SIGNED_AT);

    // Assess
    await expect(opening).rejects.toBeInstanceOf(NotFound);
  });

  it("answers 404 to another request's genuine token", async () => {
    // Prepare
    const { deps } = await world();
    const other = await signExportLink(testPseudonymiser, API, OTHER_REQUEST_ID, SIGNED_AT);

    // Act
    const opening = openExportLink(deps, REQUEST_ID, new URL(other.url).searchParams.get('token')!, SIGNED_AT);

    // Assess
    await expect(opening).rejects.toBeInstanceOf(NotFound);
  });

  it('answers 404 when the export is gone (its lifecycle removed it)', async () => {
    // Prepare
    const { deps, exports, token } = await world();
    exports.objects.clear();

    // Act
    const opening = openExportLink(deps, REQUEST_ID, token, SIGNED_AT);

    // Assess
    await expect(opening).rejects.toBeInstanceOf(NotFound);
  });

  it.each([undefined, '', 'abc', '123', '1.short', `${'9'.repeat(13)}.${'A'.repeat(43)}`, `123.${'A'.repeat(44)}`, `123.${'+'.repeat(43)}`])(
    'answers 400 to a token not of our format (%p), never echoing it',
    async (token) => {
      // Prepare
      const { deps } = await world();

      // Act
      const opening = openExportLink(deps, REQUEST_ID, token, SIGNED_AT);

      // Assess
      await expect(opening).rejects.toBeInstanceOf(InvalidInput);
      await expect(opening).rejects.toThrow('The link is not valid.');
    },
  );
});
