import type { FaxContentType } from './document';
import type { FaxSummary } from './inbox-schemas';

/** Stored faxes expire this long after the backend received them; the bucket lifecycle reads it too. */
export const RETENTION_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_MS = RETENTION_DAYS * DAY_MS;

export const expiryOf = (receivedByBackendAt: Date): Date => new Date(receivedByBackendAt.getTime() + RETENTION_MS);

/** A fax in a customer's inbox: its metadata; the document itself is in the document store. */
export interface Fax {
  faxId: string;
  accountId: string;
  from: string;
  to: string;
  remoteStationId?: string;
  pages: number;
  contentType: FaxContentType;
  sizeBytes: number;
  /** When the gateway says the fax arrived. */
  receivedAt: string;
  /** When the backend accepted it; retention counts from here. */
  acceptedAt: string;
  expiresAt: string;
  documentKey: string;
}

export const isExpired = (fax: Pick<Fax, 'expiresAt'>, at: Date): boolean => Date.parse(fax.expiresAt) <= at.getTime();

/** A fax as the inbox routes show it. */
export const faxView = (fax: Fax): FaxSummary => ({
  faxId: fax.faxId,
  from: fax.from,
  to: fax.to,
  ...(fax.remoteStationId === undefined ? {} : { remoteStationId: fax.remoteStationId }),
  pages: fax.pages,
  contentType: fax.contentType,
  sizeBytes: fax.sizeBytes,
  receivedAt: fax.receivedAt,
  expiresAt: fax.expiresAt,
});

/**
 * An upload may be named by a fax event for a day after it was created; then it is removed (by
 * the sweep, and by the bucket lifecycle, which counts in whole days).
 */
export const UPLOAD_LIFETIME_DAYS = 1;
export const UPLOAD_LIFETIME_MS = UPLOAD_LIFETIME_DAYS * DAY_MS;

/** Where uploads wait for their fax event, in the fax bucket. */
export const UPLOADS_PREFIX = 'uploads/';

/** Where fax documents live, in the fax bucket. */
export const FAXES_PREFIX = 'faxes/';

export const documentKeyOf = (faxId: string): string => `${FAXES_PREFIX}${faxId}`;

/**
 * The object tag the fax bucket's lifecycle expires documents by (infra/stateful-stack.ts): every
 * document is written `standard` (expired after RETENTION_DAYS); one a legal hold keeps is
 * re-tagged `legal-hold`, which no rule expires, until the hold ends (shared/legal/holds.ts).
 */
export const RETENTION_TAG = { key: 'retention', standard: 'standard', legalHold: 'legal-hold' } as const;
export type RetentionTagValue = typeof RETENTION_TAG.standard | typeof RETENTION_TAG.legalHold;
export const uploadKeyOf = (uploadId: string): string => `${UPLOADS_PREFIX}${uploadId}`;
