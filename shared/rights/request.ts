/** The rights the privacy policy grants, one request type each (API.md, "Privacy rights requests"). */
export const RIGHTS_TYPES = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent', 'complaint'] as const;
export type RightsType = (typeof RIGHTS_TYPES)[number];

/**
 * A request's lifecycle: `pending_verification` until the code emailed to its address proves it
 * (or a customer token for that address made it `verified` at once), then fulfilment takes
 * `verified` requests to `in_progress` and `completed`; `rejected` when its proof failed.
 */
export const RIGHTS_STATUSES = ['pending_verification', 'verified', 'in_progress', 'completed', 'rejected'] as const;
export type RightsStatus = (typeof RIGHTS_STATUSES)[number];

/** The profile fields a rectification corrects. */
interface Corrections {
  company?: string;
  contactName?: string;
  phone?: string;
}

/** The proof a request awaiting verification waits for: its emailed code, kept only as a keyed digest. */
interface PendingCode {
  codeHash: string;
  codeExpiresAt: string;
  attempts: number;
}

export interface RightsRequest {
  requestId: string;
  type: RightsType;
  status: RightsStatus;
  /** The requester's address, canonical: where the code and the outcome go, whose data it is about. */
  email: string;
  /** The email's keyed digest: the person's records are listed under it. */
  emailHash: string;
  details?: string;
  corrections?: Corrections;
  /** The account whose customer token verified the request at once. */
  accountId?: string;
  /** The admin who filed it on a person's behalf (a child-data report): it needs no proof from the person. */
  reportedBy?: string;
  createdAt: string;
  dueAt: string;
  verifiedAt?: string;
  rejectedAt?: string;
  completedAt?: string;
  result?: Record<string, unknown>;
  /** Digest of the token that opens this request alone (requests made without a customer token). */
  requestTokenHash?: string;
  /** Only while `pending_verification`. */
  pendingCode?: PendingCode;
}

/** What the requester sees of a request (GET /rights-requests/{id}). */
export const rightsRequestView = ({ requestId, type, status, createdAt, dueAt, completedAt, result }: RightsRequest) => ({
  requestId,
  type,
  status,
  createdAt,
  dueAt,
  ...(completedAt ? { completedAt } : {}),
  ...(result ? { result } : {}),
});
