import type { AccountStore } from '../accounts/account-store';
import type { LoginDirectory } from '../accounts/logins';
import { now } from '../clock';
import { suppressionKeyOf } from '../email/suppression';
import { personalDataRegistry, type ExportLinks, type Registration } from '../privacy/registry';
import type { Pseudonymiser } from '../pseudonyms';
import { art15Facts } from './art15';
import { exportKeyOf, signExportLink } from './export-link';
import type { Fulfil } from './fulfilment';
import type { ExportStore, RightsRequestStore } from './ports';

// Access and portability (API.md, "Privacy rights requests"): one machine-readable JSON export of
// everything the personal-data registry finds for the requester's email, with the GDPR Art. 15
// facts, written to the exports bucket as it is read (page by page: memory stays bounded however
// many faxes the person has), and a link that works for EXPORT_LINK_DAYS.

/** Who an export is about: the requester's email and what the registry links a person by. */
export interface ExportSubject {
  /** Canonical. */
  email: string;
  /** Its keyed digest (`PERSON#<emailHash>`): the person's rights requests. */
  emailHash: string;
  /** Its suppression key (shared/email/suppression.ts). */
  suppressionKey: string;
  /** The account that holds the email, if any. */
  accountId?: string;
}

/** A stored thing as its registration's mapper takes it. */
type Stored = Readonly<Record<string, unknown>>;

/** What one registered kind holds of a person, as stored, page by page (a page at a time in memory). */
export type PersonalDataSource = (subject: ExportSubject) => AsyncIterable<readonly Stored[]>;

type Registry = typeof personalDataRegistry;
type ExportedIn<Section> = { [Kind in keyof Section]: Section[Kind] extends { export: { mapper: unknown } } ? Kind : never }[keyof Section];
/** Every registered kind an export holds: those whose registration has an export mapper. */
type ExportedKind = { [Section in keyof Registry]: ExportedIn<Registry[Section]> }[keyof Registry];

/** Where each exported kind is found for a person. */
export type PersonalDataSources = Readonly<Record<ExportedKind, PersonalDataSource>>;

type Mapper = (stored: Stored, links: ExportLinks) => Record<string, unknown>;

/** The registrations an export holds, by kind, in registry order. */
export const exportedRegistrations = (): [string, Mapper][] =>
  Object.values(personalDataRegistry).flatMap((section) =>
    Object.entries(section as Record<string, Registration>).flatMap(([kind, registration]): [string, Mapper][] =>
      registration.personal && 'mapper' in registration.export ? [[kind, registration.export.mapper]] : [],
    ),
  );

/** The person's login in the user pool, as its registration (`userPoolLogins`) maps it. */
export const loginSource =
  (logins: Pick<LoginDirectory, 'describe'>): PersonalDataSource =>
  async function* ({ accountId }) {
    const login = accountId === undefined ? undefined : await logins.describe(accountId);
    if (login) yield [{ ...login }];
  };

/** The format's name and version, first in every export: a reader knows what it holds. */
const FORMAT = { format: 'fax-service-personal-data-export', version: 1 } as const;

/**
 * The export, as JSON text in chunks: the header and Art. 15 facts, then `data`, one array per
 * exported kind, written page by page as each source yields them. A kind without a source fails
 * the export (never a silently partial one).
 */
export async function* exportDocument(
  sources: Partial<Record<string, PersonalDataSource>>,
  subject: ExportSubject,
  header: { requestId: string; requestType: string; generatedAt: string },
  links: ExportLinks,
): AsyncGenerator<string> {
  const registrations = exportedRegistrations();
  const missing = registrations.filter(([kind]) => !sources[kind]).map(([kind]) => kind);
  if (missing.length > 0) throw new Error(`no export source for ${missing.join(', ')}`);
  const opening = { ...FORMAT, ...header, subject: { email: subject.email }, art15: art15Facts() };
  yield `${JSON.stringify(opening).slice(0, -1)},"data":{`;
  for (const [index, [kind, mapper]] of registrations.entries()) {
    yield `${index === 0 ? '' : ','}${JSON.stringify(kind)}:[`;
    let written = 0;
    for await (const page of sources[kind]!(subject)) {
      if (page.length === 0) continue;
      yield `${written === 0 ? '' : ','}${page.map((stored) => JSON.stringify(mapper(stored, links))).join(',')}`;
      written += page.length;
    }
    yield ']';
  }
  yield '}}';
}

export interface ExportDependencies {
  accounts: Pick<AccountStore, 'accountIdByEmail'>;
  /** The request read again once its export is written: an erasure may have forgotten its requester meanwhile. */
  requests: Pick<RightsRequestStore, 'get'>;
  pseudonymiser: Pseudonymiser;
  sources: PersonalDataSources;
  exports: ExportStore;
  /** The API's base URL (no trailing slash): the export's and the faxes' links point at its routes. */
  apiUrl: string;
}

/**
 * Fulfils `access` and `portability` alike: writes the export under the request's own key (a
 * redelivery overwrites it with a fresh one) and answers its signed link, which the completion
 * email carries too. The link expires before the bucket's lifecycle removes the object.
 *
 * An erasure of the same person racing it anonymises the request, then deletes its export: so an
 * export written before that deletion is deleted by it, and one written after finds the request
 * anonymised when read again here, and deletes itself (no link is answered).
 */
export const exportPersonalData =
  (deps: ExportDependencies): Fulfil =>
  async (request) => {
    const startedAt = now();
    const subject: ExportSubject = {
      email: request.email,
      emailHash: request.emailHash,
      suppressionKey: await suppressionKeyOf(deps.pseudonymiser, request.email),
      accountId: await deps.accounts.accountIdByEmail(request.email),
    };
    const links: ExportLinks = { faxDocument: (faxId) => `${deps.apiUrl}/faxes/${encodeURIComponent(faxId)}/document` };
    const header = { requestId: request.requestId, requestType: request.type, generatedAt: startedAt.toISOString() };
    const key = exportKeyOf(request.requestId);
    await deps.exports.save(key, exportDocument(deps.sources, subject, header, links));
    if ((await deps.requests.get(request.requestId))?.email === undefined) {
      await deps.exports.removeAll([key]);
      return { requesterErased: true };
    }
    return { export: await signExportLink(deps.pseudonymiser, deps.apiUrl, request.requestId, startedAt) };
  };
