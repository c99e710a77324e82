import { ONE_TIME_CODE_LIFETIME_MINUTES } from '../one-time-codes';
import type { EmailContent, PolicyNoticeParams } from './outbox';

/** A header of the message itself (SES v2 simple content's `Headers`). */
interface EmailHeader {
  name: string;
  value: string;
}

/** An email ready to send: its subject, plain text and HTML bodies, and any headers of its own. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers?: readonly EmailHeader[];
}

/**
 * A bulk email's one-click unsubscribe (RFC 8058; large mailbox providers require it of bulk
 * senders): mail clients show an unsubscribe button that POSTs `List-Unsubscribe=One-Click` to
 * the link. Every notice and referral invitation carries it; codes, receipts and invitations to
 * sign in do not.
 */
export const withOneClickUnsubscribe = (email: RenderedEmail, unsubscribeUrl: string): RenderedEmail => ({
  ...email,
  headers: [
    { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ],
});

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A value made inert in HTML text and attributes. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);

// A template is paragraphs of parts: fixed text, or a parameter (escaped in the HTML, set apart in both).
type Part = string | { value: string };
type Paragraph = Part[];

const asText = (paragraphs: Paragraph[]): string =>
  paragraphs.map((parts) => parts.map((part) => (typeof part === 'string' ? part : part.value)).join('')).join('\n\n') + '\n';

const asHtml = (subject: string, paragraphs: Paragraph[]): string =>
  [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    ...paragraphs.map(
      (parts) => `<p>${parts.map((part) => (typeof part === 'string' ? escapeHtml(part) : `<strong>${escapeHtml(part.value)}</strong>`)).join('')}</p>`,
    ),
    '</body></html>',
  ].join('\n');

/** A rights request's type as a reader reads it (`withdraw_consent` → `withdraw consent`). */
const requestTypeName = (requestType: string) => requestType.replace('_', ' ');

/** How a requester follows their rights request. */
const FOLLOW_YOUR_REQUEST: Paragraph = ['You can follow the request with its id and token, or signed in, in the fax service web client.'];

const render = (subject: string, paragraphs: Paragraph[]): RenderedEmail => ({ subject, text: asText(paragraphs), html: asHtml(subject, paragraphs) });

/**
 * Whether a template's email is one its reader asked for themselves (a sign-up's invitation, a
 * code, the outcome of their own request): an erased person's address gets those and nothing
 * else (shared/email/send.ts). A new template must say (referral invitations, notices, marketing
 * are not).
 */
export const isSolicited: Readonly<Record<EmailContent['template'], boolean>> = {
  'login-invitation': true,
  'email-change-code': true,
  'rights-request-code': true,
  'rights-request-completed': true,
  // The service's notices about the reader's own account or request: owed to them, not marketing.
  'account-deactivated': true,
  'rights-request-extended': true,
  // To the service's administrators, about their work.
  'junk-fax-case-escalated': true,
  'rights-request-overdue': true,
  // A customer's invitation of a friend, who never asked for it.
  'referral-invitation': false,
  // Sent to every customer, unasked: an erased person gets none, and each carries one-click unsubscribe.
  'policy-notice': false,
  // Owed to the customer whose data a subpoena or order seeks (the policy: time to move to quash).
  'legal-request-notice': true,
  'rights-request-on-hold': true,
};

const policyNotice = (params: PolicyNoticeParams): RenderedEmail => {
  const when = ['It takes effect on ', { value: params.effectiveAt }, '.'];
  const readIt: Paragraph[] = params.url === undefined ? [] : [['Read the whole policy at ', { value: params.url }]];
  const unsubscribe: Paragraph = ['To receive no communication from the fax service at all, not even notices like this one, unsubscribe: ', { value: params.unsubscribeUrl }];
  if (params.kind === 'business_transition') {
    return withOneClickUnsubscribe(
      render('The fax service is changing hands', [
        ['The fax service is going through a business transition (such as an acquisition, a merger or a sale of assets). As its privacy policy says, you are told before a change of ownership or control of your personal information.'],
        [{ value: params.summary }],
        when,
        ['Your personal information will be part of the assets transferred. If it is to be used in a way different from the one stated when it was collected, you can choose not to have it used in that way: opt out here, ', { value: params.businessTransitionOptOutUrl ?? '' }, ', or, signed in, in your preferences in the fax service web client. Opting out changes nothing else about your account.'],
        ...readIt,
        unsubscribe,
      ]),
      params.unsubscribeUrl,
    );
  }
  return withOneClickUnsubscribe(
    render('Our privacy policy is changing', [
      ['The fax service has a new version of its privacy policy: ', { value: params.version }, '.'],
      [{ value: params.summary }],
      when,
      ...readIt,
      unsubscribe,
    ]),
    params.unsubscribeUrl,
  );
};

/**
 * The email of a template: only what its reader needs (no name, company or number of theirs),
 * the same words in text and HTML.
 */
export const renderEmail = (content: EmailContent): RenderedEmail => {
  switch (content.template) {
    case 'login-invitation':
      return render('Your fax service login', [
        ['Your fax service account is ready. Sign in at the fax service web client with:'],
        ['Username: ', { value: content.params.username }],
        ['Temporary password: ', { value: content.params.temporaryPassword }],
        ['At your first sign-in you choose your own password; signing in also confirms this email address.'],
        ['If you did not sign up for the fax service, ignore this email.'],
      ]);
    case 'email-change-code':
      return render('Your email verification code', [
        ['Your verification code: ', { value: content.params.code }],
        [`Enter it in the fax service web client to make this your account's email address. It expires in ${ONE_TIME_CODE_LIFETIME_MINUTES} minutes.`],
        ['If you did not ask to change your email address, ignore this email.'],
      ]);
    case 'rights-request-code':
      return render('Your privacy request verification code', [
        ['Your verification code: ', { value: content.params.code }],
        [`Someone asked the fax service to act on the personal data held about this email address. Enter the code to confirm the request is yours. It expires in ${ONE_TIME_CODE_LIFETIME_MINUTES} minutes.`],
        ['If you did not make this request, ignore this email: nothing happens without the code.'],
      ]);
    case 'rights-request-completed':
      return render('Your privacy request is complete', [
        ['The fax service has completed your privacy request: ', { value: requestTypeName(content.params.requestType) }, '.'],
        ...(content.params.exportUrl
          ? [
              ['Download the personal data the fax service holds about you (a JSON file) here: ', { value: content.params.exportUrl }],
              ['The link works until ', { value: content.params.exportExpiresAt ?? '' }, '.'],
            ]
          : []),
        FOLLOW_YOUR_REQUEST,
      ]);
    case 'rights-request-extended':
      return render('Your privacy request needs more time', [
        ['The fax service needs more time to complete your privacy request: ', { value: requestTypeName(content.params.requestType) }, '.'],
        ['It will be completed by ', { value: content.params.dueAt }, ' at the latest, for this reason:'],
        [{ value: content.params.reason }],
        FOLLOW_YOUR_REQUEST,
      ]);
    case 'rights-request-overdue':
      return render('A privacy request is overdue', [
        ['The privacy request ', { value: content.params.requestId }, ' (', { value: requestTypeName(content.params.requestType) }, ') was due on ', { value: content.params.dueAt }, ' and is not answered yet.'],
        ['The overdue requests are listed by GET /admin/rights-requests?status=…&overdue=true.'],
      ]);
    case 'junk-fax-case-escalated':
      return render('A junk-fax case is escalated', [
        ['Junk-fax case ', { value: content.params.caseId }, ' reached ', { value: content.params.distinctReporters }, ' distinct reporters within 30 days.'],
        ['The sender number belongs to account ', { value: content.params.accountId }, '.'],
        ['Review it with GET /admin/junk-fax-cases?status=escalated, then dismiss the case or deactivate the account.'],
      ]);
    case 'referral-invitation':
      return withOneClickUnsubscribe(
        render('An invitation to the fax service', [
          ['Hello ', { value: content.params.friendName }, ','],
          ['A customer of the fax service invites you to try it.'],
          ['Sign up with the referral code ', { value: content.params.referralCode }, ' to let them know it was their invitation.'],
          ['Not interested? This link stops every referral invitation to this address, from anyone: ', { value: content.params.optOutUrl }],
        ]),
        content.params.unsubscribeUrl,
      );
    case 'rights-request-on-hold':
      return render('Your privacy request is on hold', [
        ['The fax service cannot complete your privacy request (', { value: requestTypeName(content.params.requestType) }, ') yet: a legal obligation requires it to keep some of your data for now (GDPR Art. 17(3)).'],
        ['Your request is kept and will be completed automatically once that obligation ends; you will be emailed then.'],
        FOLLOW_YOUR_REQUEST,
      ]);
    case 'legal-request-notice':
      return render('A legal request for your fax service data', [
        ['The fax service received a legal request (', { value: content.params.requestKind.replace('_', ' ') }, ') from ', { value: content.params.organization }, ' for data about your account: ', { value: content.params.categories }, '.'],
        ['Nothing is produced before ', { value: content.params.quashEndsAt }, ': until then you may move to quash it, or tell us of your objection, quoting the reference ', { value: content.params.legalRequestId }, '.'],
        ['The content of your faxes is never produced under a civil subpoena.'],
      ]);
    case 'account-deactivated':
      return render('Your fax service account is deactivated', [
        ['The fax service has deactivated your account: faxes to your number are no longer received and you can no longer use the service.'],
        ['The reason: ', { value: content.params.reason }],
        ['Your login is disabled. You can still make privacy requests about your data; if you think this is a mistake, contact the fax service.'],
      ]);
    case 'policy-notice':
      return policyNotice(content.params);
  }
};
