import { timingSafeEqual } from 'node:crypto';
import { Gone, InvalidInput, NotFound } from '../errors';
import type { Pseudonymiser } from '../pseudonyms';
import type { ExportStore } from './ports';

/**
 * How long an export's emailed link works, in days; the exports bucket's lifecycle expires the
 * export itself after as long (infra/stateful-stack.ts), so nothing outlives its link.
 */
export const EXPORT_LINK_DAYS = 7;

/** How long the presigned URL the link redirects to works: long enough to start the download. */
export const EXPORT_DOWNLOAD_SECONDS = 300;

/** The pseudonymiser's purpose label of link signatures: no digest of another use signs a link. */
const LINK_PURPOSE = 'rights-export-link-v1';

/** The exports bucket's one key prefix (its grants name it). */
export const EXPORTS_PREFIX = 'exports';

/** The export's object key: one per request, so a redelivered request overwrites its own export. */
export const exportKeyOf = (requestId: string): string => `${EXPORTS_PREFIX}/${requestId}.json`;

/** `<expiry in epoch seconds>.<HMAC-SHA256, base64url>`: a token of ours, whatever its signature. */
const TOKEN_FORMAT = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const signatureOf = (pseudonymiser: Pseudonymiser, requestId: string, expiresEpoch: number) =>
  pseudonymiser.pseudonym(LINK_PURPOSE, [requestId, expiresEpoch]);

/** The export's API route (`GET /rights-requests/{id}/export`) under the API's base URL. */
const exportRoute = (apiUrl: string, requestId: string) => `${apiUrl}/rights-requests/${encodeURIComponent(requestId)}/export`;

/**
 * The export's link, signed for `EXPORT_LINK_DAYS` from `from`: an API route, not a presigned S3
 * URL, since one signed with a Lambda role's session credentials dies with the session.
 */
export const signExportLink = async (
  pseudonymiser: Pseudonymiser,
  apiUrl: string,
  requestId: string,
  from: Date,
): Promise<{ url: string; expiresAt: string }> => {
  const expiresEpoch = Math.floor(from.getTime() / 1000) + EXPORT_LINK_DAYS * 24 * 60 * 60;
  const token = `${expiresEpoch}.${await signatureOf(pseudonymiser, requestId, expiresEpoch)}`;
  return { url: `${exportRoute(apiUrl, requestId)}?token=${token}`, expiresAt: new Date(expiresEpoch * 1000).toISOString() };
};

const linkNotFound = () => new NotFound('No export at this link.');

/**
 * Opens an export link: a fresh, short-lived presigned URL of the export. A token that is not of
 * our format is a 400; one not signed for this request (forged, another request's) a 404, which
 * says nothing about the request; a genuine one past its expiry a 410; an export gone a 404.
 */
export const openExportLink = async (
  deps: { pseudonymiser: Pseudonymiser; exports: ExportStore },
  requestId: string,
  token: string | undefined,
  at: Date,
): Promise<string> => {
  const parts = TOKEN_FORMAT.exec(token ?? '');
  if (!parts) throw new InvalidInput('The link is not valid.', [{ path: 'token', message: 'Use the link exactly as it was emailed.' }]);
  const expiresEpoch = Number(parts[1]);
  const expected = Buffer.from(await signatureOf(deps.pseudonymiser, requestId, expiresEpoch));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw linkNotFound();
  if (at.getTime() >= expiresEpoch * 1000) throw new Gone('This link has expired: make a new access request.');
  const key = exportKeyOf(requestId);
  if (!(await deps.exports.exists(key))) throw linkNotFound();
  return deps.exports.downloadUrl(key, EXPORT_DOWNLOAD_SECONDS);
};
