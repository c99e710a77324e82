/**
 * The emails the backend sends, by template. Each names only what its reader needs; the email
 * pipeline renders text and HTML from the template and its parameters.
 */
export type EmailContent =
  /** A new customer's login: their username and temporary password (the first sign-in proves the email). */
  | { template: 'login-invitation'; params: { username: string; temporaryPassword: string } }
  /** The code that proves a new email address of an account (`POST /me/email/verify`). */
  | { template: 'email-change-code'; params: { code: string } }
  /** The code that proves a privacy rights request comes from the owner of its email (`POST /rights-requests/{id}/verify`). */
  | { template: 'rights-request-code'; params: { code: string } }
  /** A privacy rights request is fulfilled: which right, and for an access or portability request the export's link. */
  | { template: 'rights-request-completed'; params: { requestType: string; exportUrl?: string; exportExpiresAt?: string } }
  /** To the admins: a junk-fax case reached the threshold of distinct reporters (ids and the count only). */
  | { template: 'junk-fax-case-escalated'; params: { caseId: string; accountId: string; distinctReporters: string } }
  /** To a client an admin deactivated: why (the admin's reason). */
  | { template: 'account-deactivated'; params: { reason: string } }
  /** A privacy rights request's deadline is extended (once, by an admin): the new due date and the admin's reason. */
  | { template: 'rights-request-extended'; params: { requestType: string; dueAt: string; reason: string } }
  /** To the admins: a privacy rights request is past its due date, unanswered. Its id, type and due date only, never its requester. */
  | { template: 'rights-request-overdue'; params: { requestId: string; requestType: string; dueAt: string } }
  /**
   * A customer's invitation of a friend (not solicited by its reader): the friend's name as the
   * customer gave it, the customer's referral code (never the customer's name or company: the
   * reader never asked for mail, and the customer may tell them themselves), the opt-out link (`GET /referrals/opt-out`) and the one-click unsubscribe link
   * (`POST /unsubscribe`, its List-Unsubscribe header), both with the friend's signed token.
   */
  | { template: 'referral-invitation'; params: { friendName: string; referralCode: string; optOutUrl: string; unsubscribeUrl: string } }
  /**
   * A new version of the privacy policy (or a business transition), to every active account not
   * opted out of all communication: what changes and when, its one-click unsubscribe link, and for
   * a business transition the link that opts out of the new use.
   */
  | { template: 'policy-notice'; params: PolicyNoticeParams }
  /** An erasure waits: a legal obligation holds the person's data (GDPR Art. 17(3)(e)); it completes by itself when the hold ends. */
  | { template: 'rights-request-on-hold'; params: { requestType: string } }
  /** To a customer whose data a subpoena or order seeks: who asks, for what, and until when they may move to quash. */
  | { template: 'legal-request-notice'; params: { legalRequestId: string; requestKind: string; organization: string; categories: string; quashEndsAt: string } };

/** What a policy notice says: the version as published, and its signed links (shared/communications/links.ts). */
export interface PolicyNoticeParams {
  kind: 'policy_change' | 'business_transition';
  version: string;
  effectiveAt: string;
  summary: string;
  url?: string;
  unsubscribeUrl: string;
  businessTransitionOptOutUrl?: string;
}

/** One email to send: exactly once per `messageId`, never to a suppressed address. */
export type EmailRequest = EmailContent & {
  /** The idempotency key: a request repeated with the same id sends nothing more. */
  messageId: string;
  to: string;
};

/** The one email pipeline's entrance: an `email.requested` event on the emails queue. */
export interface EmailOutbox {
  /** Hands the email to the pipeline; fails loudly when the pipeline cannot take it. */
  request(email: EmailRequest, requestId: string): Promise<void>;
}
