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

/** What one kind of signed link names: its signatures' purpose, its API route and the object it opens. */
export interface SignedObjectLinkSpec {
  /** The pseudonymiser's purpose label of its signatures: no digest of another use signs such a link. */
  purpose: string;
  /** The route under the API's base URL that opens it. */
  route: (apiUrl: string, id: string) => string;
  /** The object of the exports bucket it opens. */
  keyOf: (id: string) => string;
  /** The 410's detail: what to do once it expired. */
  expired: string;
}

/**
 * Links to an object of the exports bucket that work for `EXPORT_LINK_DAYS` whoever holds them: an
 * API route signed with an HMAC under the pseudonymisation key, not a presigned S3 URL (one signed
 * with a Lambda role's session credentials dies with the session). Opening one answers a fresh,
 * short-lived presigned URL of the object.
 */
export const signedObjectLinks = ({ purpose, route, keyOf, expired }: SignedObjectLinkSpec) => {
  const signatureOf = (pseudonymiser: Pseudonymiser, id: string, expiresEpoch: number) => pseudonymiser.pseudonym(purpose, [id, expiresEpoch]);
  const linkNotFound = () => new NotFound('No export at this link.');
  return {
    /** The link, signed for `EXPORT_LINK_DAYS` from `from`. */
    sign: async (pseudonymiser: Pseudonymiser, apiUrl: string, id: string, from: Date): Promise<{ url: string; expiresAt: string }> => {
      const expiresEpoch = Math.floor(from.getTime() / 1000) + EXPORT_LINK_DAYS * 24 * 60 * 60;
      const token = `${expiresEpoch}.${await signatureOf(pseudonymiser, id, expiresEpoch)}`;
      return { url: `${route(apiUrl, id)}?token=${token}`, expiresAt: new Date(expiresEpoch * 1000).toISOString() };
    },
    /**
     * Opens a link: a fresh, short-lived presigned URL of its object. A token that is not of our
     * format is a 400; one not signed for this id (forged, another's) a 404, which says nothing
     * about the id; a genuine one past its expiry a 410; an object gone a 404.
     */
    open: async (deps: { pseudonymiser: Pseudonymiser; exports: ExportStore }, id: string, token: string | undefined, at: Date): Promise<string> => {
      const parts = TOKEN_FORMAT.exec(token ?? '');
      if (!parts) throw new InvalidInput('The link is not valid.', [{ path: 'token', message: 'Use the link exactly as it was emailed.' }]);
      const expiresEpoch = Number(parts[1]);
      const expected = Buffer.from(await signatureOf(deps.pseudonymiser, id, expiresEpoch));
      const given = Buffer.from(parts[2]);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw linkNotFound();
      if (at.getTime() >= expiresEpoch * 1000) throw new Gone(expired);
      const key = keyOf(id);
      if (!(await deps.exports.exists(key))) throw linkNotFound();
      return deps.exports.downloadUrl(key, EXPORT_DOWNLOAD_SECONDS);
    },
  };
};

const exportLinks = signedObjectLinks({
  purpose: LINK_PURPOSE,
  route: (apiUrl, requestId) => `${apiUrl}/rights-requests/${encodeURIComponent(requestId)}/export`,
  keyOf: exportKeyOf,
  expired: 'This link has expired: make a new access request.',
});

/** The export's link (`GET /rights-requests/{id}/export`), signed for `EXPORT_LINK_DAYS` from `from`. */
export const signExportLink = exportLinks.sign;

/** Opens an export link: a fresh, short-lived presigned URL of the export (see `signedObjectLinks`). */
export const openExportLink = exportLinks.open;
