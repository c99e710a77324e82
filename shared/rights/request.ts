/** The rights the privacy policy grants, one request type each (API.md, "Privacy rights requests"). */
export const RIGHTS_TYPES = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent', 'complaint'] as const;
export type RightsType = (typeof RIGHTS_TYPES)[number];

/**
 * A request's lifecycle: `pending_verification` until the code emailed to its address proves it
 * (or a customer token for that address made it `verified` at once), then fulfilment takes
 * `verified` requests to `in_progress` and `completed`; `rejected` when its proof failed. An
 * erasure of a person whose data a legal request holds waits `on_hold` (GDPR Art. 17(3)(e)) until
 * the hold ends, then is fulfilled (shared/legal/holds.ts).
 */
export const RIGHTS_STATUSES = ['pending_verification', 'verified', 'in_progress', 'on_hold', 'completed', 'rejected'] as const;
export type RightsStatus = (typeof RIGHTS_STATUSES)[number];

/**
 * The statuses of a request owed an answer by its due date: proven, not answered yet. One awaiting
 * its code is not (nothing is owed before the requester is identified), nor a closed one.
 */
export const ANSWER_OWED_STATUSES = ['verified', 'in_progress'] as const satisfies readonly RightsStatus[];

/** What a held erasure answers its requester (`result`) while it waits. */
export const LEGAL_HOLD_RESULT = { reason: 'legal_hold' } as const;

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
  /** The admin (their user-pool subject) who filed the request for someone else (a child-data report). */
  reportedBy?: string;
  createdAt: string;
  dueAt: string;
  verifiedAt?: string;
  rejectedAt?: string;
  /** When fulfilment took the request up (`in_progress`). */
  startedAt?: string;
  /** When a legal hold on its person last put the erasure `on_hold`. */
  heldAt?: string;
  completedAt?: string;
  result?: Record<string, unknown>;
  /** When the deadlines schedule found it past its due date, unanswered (and told the admins). */
  overdueAt?: string;
  /** Its one extension (GDPR Art. 12(3)): when, and the admin's reason, emailed to the requester. */
  extendedAt?: string;
  extensionReason?: string;
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
