import { personalDataRegistry, type Registration } from '../privacy/registry';
import { COMPLAINT_AUTHORITIES } from './authorities';
import { RIGHTS_TYPES } from './request';

// The facts GDPR Art. 15(1) owes a person besides their data, from the privacy policy
// (../shared/POLICY.md) and the personal-data registry. Only the retention comes from the
// registry itself, so it cannot drift from what the code keeps.

const PURPOSES = [
  'providing the fax service: receiving faxes to the customer’s number and keeping them in the inbox',
  'the customer account: sign-up, sign-in, billing and customer care',
  'communicating with customers: service emails, and marketing only with consent',
  'security and abuse prevention: blocked senders, junk-fax reports, deactivating abusers',
  'complying with the law: privacy rights requests, legal requests (subpoenas, court orders)',
] as const;

const CATEGORIES = [
  'contact details: company, contact name, phone, email',
  'the fax number the customer holds, and the faxes received on it (sender and recipient numbers, sender station id, pages, the document)',
  'billing details: card brand, last four digits and expiry (the card itself stays with the payment processor)',
  'consents and preferences, and the restrictions or objections the person made',
  'the login in the user pool',
  'privacy rights requests and their outcomes',
  'that an address refused email (a keyed digest of it, never the address)',
] as const;

const RECIPIENTS = [
  'Amazon Web Services, as processor: hosting, storage, email delivery (Amazon SES) and sign-in (Amazon Cognito)',
  'the fax gateways (telecommunications carriers) that deliver faxes to the customer’s number',
  'the payment processor, which bills the card (it keeps the card details)',
  'legal and regulatory authorities, only when the law requires it (a subpoena, a court order or a warrant)',
] as const;

const SOURCE =
  'from the person (sign-up, profile, preferences, requests), from the senders of the faxes received on their number (through the fax gateways), and from the service itself (times, ids, statuses)';

/** What the person may ask, in API.md's terms (`POST /rights-requests`), and what each type does. */
const RIGHTS: Record<(typeof RIGHTS_TYPES)[number], string> = {
  access: 'a copy of the personal data held about you (this export)',
  portability: 'the same export, machine-readable, to take to another controller',
  rectification: 'correcting inaccurate profile data',
  erasure: 'deleting your data (a minimal, non-identifying receipt stays)',
  restriction: 'restricting processing: no marketing, profiling or aggregates',
  objection: 'objecting to marketing and profiling',
  withdraw_consent: 'withdrawing consent given, such as to marketing',
  complaint: 'lodging a complaint, with the service or a data protection authority',
};

/** Every personal registration's retention, under its registry name. */
const retentionOf = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(personalDataRegistry).flatMap(([section, entries]) =>
      Object.entries(entries as Record<string, Registration>)
        .filter(([, registration]) => registration.personal)
        .map(([name, registration]) => [`${section}.${name}`, registration.retention]),
    ),
  );

/** The Art. 15 facts an export carries. */
export const art15Facts = () => ({
  controller: 'WestFax, Inc.',
  purposes: PURPOSES,
  categories: CATEGORIES,
  recipients: RECIPIENTS,
  retention: retentionOf(),
  source: SOURCE,
  rights: RIGHTS_TYPES.map((type) => ({ type, what: RIGHTS[type], how: 'POST /rights-requests' })),
  complaints: COMPLAINT_AUTHORITIES,
  automatedDecisions: 'none: no decision about a person is made by automated means alone',
});
