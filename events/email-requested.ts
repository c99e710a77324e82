import * as z from 'zod/mini';
import { schema } from '../shared/schema';
import type { EmailRequest } from '../shared/email/outbox';

const envelope = /* @__PURE__ */ schema(() => ({
  type: z.literal('email.requested'),
  version: z.literal(1),
  /** The idempotency key: one email per id, however often the message arrives. */
  messageId: z.string().check(z.minLength(1), z.maxLength(200)),
  to: z.email(),
}));

/**
 * `email.requested` v1: a feature asks the email pipeline for one email (the `EmailOutbox` port
 * puts it on the emails queue); the `send-email` consumer renders its template and sends it
 * through SES, exactly once per `messageId`, never to a suppressed address. One member per
 * template, each with exactly its template's parameters.
 */
export const emailRequestedV1 = /* @__PURE__ */ schema(() => z.discriminatedUnion('template', [
  z.strictObject({
    ...envelope,
    template: z.literal('login-invitation'),
    params: z.strictObject({ username: z.string().check(z.minLength(1)), temporaryPassword: z.string().check(z.minLength(1)) }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('email-change-code'),
    params: z.strictObject({ code: z.string().check(z.minLength(1)) }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('rights-request-code'),
    params: z.strictObject({ code: z.string().check(z.minLength(1)) }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('rights-request-completed'),
    params: z.strictObject({
      requestType: z.string().check(z.minLength(1)),
      exportUrl: z.optional(z.url({ protocol: /^https?$/ })),
      exportExpiresAt: z.optional(z.iso.datetime()),
    }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('junk-fax-case-escalated'),
    params: z.strictObject({
      caseId: z.string().check(z.minLength(1)),
      accountId: z.string().check(z.minLength(1)),
      distinctReporters: z.string().check(z.regex(/^\d+$/)),
    }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('account-deactivated'),
    params: z.strictObject({ reason: z.string().check(z.minLength(1)) }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('rights-request-extended'),
    params: z.strictObject({ requestType: z.string().check(z.minLength(1)), dueAt: z.iso.datetime(), reason: z.string().check(z.minLength(1)) }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('rights-request-overdue'),
    params: z.strictObject({ requestId: z.string().check(z.minLength(1)), requestType: z.string().check(z.minLength(1)), dueAt: z.iso.datetime() }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('referral-invitation'),
    params: z.strictObject({
      friendName: z.string().check(z.minLength(1)),
      referralCode: z.string().check(z.minLength(1)),
      optOutUrl: z.url({ protocol: /^https?$/ }),
      unsubscribeUrl: z.url({ protocol: /^https?$/ }),
    }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('policy-notice'),
    params: z.strictObject({
      kind: z.enum(['policy_change', 'business_transition']),
      version: z.string().check(z.minLength(1)),
      effectiveAt: z.iso.datetime(),
      summary: z.string().check(z.minLength(1)),
      url: z.optional(z.url({ protocol: /^https?$/ })),
      unsubscribeUrl: z.url({ protocol: /^https?$/ }),
      businessTransitionOptOutUrl: z.optional(z.url({ protocol: /^https?$/ })),
    }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('rights-request-on-hold'),
    params: z.strictObject({ requestType: z.string().check(z.minLength(1)) }),
  }),
  z.strictObject({
    ...envelope,
    template: z.literal('legal-request-notice'),
    params: z.strictObject({
      legalRequestId: z.string().check(z.minLength(1)),
      requestKind: z.string().check(z.minLength(1)),
      organization: z.string().check(z.minLength(1)),
      categories: z.string().check(z.minLength(1)),
      quashEndsAt: z.iso.datetime(),
    }),
  }),
]));
export type EmailRequestedV1 = z.infer<typeof emailRequestedV1>;

/** The event that carries a request: the port's shape plus the contract's type and version. */
export const emailRequestedEvent = (email: EmailRequest): EmailRequestedV1 => ({ type: 'email.requested', version: 1, ...email });
