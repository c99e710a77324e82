/**
 * Who did something the service must be able to prove later: the requester (proved by a code or
 * a request token), a customer (by their token), an admin (by their token: their user-pool
 * subject), or the service itself (a named function). Never an email, a name or a number.
 */
export type Actor = { kind: 'requester' } | { kind: 'customer'; accountId: string } | { kind: 'admin'; adminId: string } | { kind: 'service'; name: string };

/**
 * One entry of an append-only audit trail: who did what, when, and why when a person decided it.
 * Entries carry ids, actions and reasons only, never the personal data the action concerned, so
 * they outlive an erasure without keeping what was erased.
 */
export interface AuditEntry {
  /** What the entry is about: `<kind>:<id>` (`rights-request:rrq_…`, `junk-case:…`, `account:acc_…`). */
  subject: string;
  /** What happened, in kebab-case (`received`, `verified`, `extended`, `deactivated`). */
  action: string;
  actor: Actor;
  at: string;
  /** Why, where a person decided it (an extension, a dismissal, a deactivation). */
  reason?: string;
}

/** The audit trails: appended to, listed, never changed. */
export interface AuditTrail {
  /** Appends an entry; appending the same entry again (a retried step) adds nothing. */
  append(entry: AuditEntry): Promise<void>;
  /** A subject's entries, oldest first. */
  list(subject: string): Promise<AuditEntry[]>;
}
