import { now } from '../clock';
import { suppressionKeyOf } from '../email/suppression';
import { personalDataRegistry, type ExportLinks, type Registration } from '../privacy/registry';
import { personEmailHash, type Pseudonymiser } from '../pseudonyms';
import type { ExportSubject, PersonalDataSource, PersonalDataSources } from '../rights/export';
import { signedObjectLinks } from '../rights/export-link';
import type { ExportStore } from '../rights/ports';
import type { LegalRequestStore } from './ports';
import { readyForProduction, recordProduction, resolveSubject, type LegalTimes, type SubjectLookup } from './requests';
import type { LegalRequest } from './request';
import { producibleOf, type LegalCategory } from './rules';

// POST /admin/legal-requests/{id}/produce (API.md, "Legal requests"): the personal-data registry's
// kinds, for the subject, in the categories the table lets out of the request's scope and within
// its time range; other people's data redacted; written to its own prefix of the exports bucket
// (the bucket's lifecycle expires it with its link) behind a signed link, as rights exports are.

/** The exports bucket's prefix of legal productions. */
const PRODUCTIONS_PREFIX = 'legal';

const productionKeyOf = (legalRequestId: string): string => `${PRODUCTIONS_PREFIX}/${legalRequestId}.json`;

/** `GET /legal-productions/{id}?token=`: the requester's download, signed for `EXPORT_LINK_DAYS`. */
export const productionLinks = signedObjectLinks({
  purpose: 'legal-production-link-v1',
  route: (apiUrl, legalRequestId) => `${apiUrl}/legal-productions/${encodeURIComponent(legalRequestId)}`,
  keyOf: productionKeyOf,
  expired: 'This production link has expired: ask the fax service for a new one.',
});

type Stored = Readonly<Record<string, unknown>>;

/** What a kind's records are dated by, for the scope's time range; a kind not named is a standing record (the profile, the login), produced as it stands. */
const DATED_BY: Readonly<Partial<Record<string, string>>> = {
  fax: 'receivedAt',
  consent: 'recordedAt',
  blocked_sender: 'blockedAt',
  rights_request: 'createdAt',
  junk_report: 'createdAt',
  junk_case: 'firstReportedAt',
  audit_entry: 'at',
};

/** Fields of a kind that belong to another of its categories (the rest belong to its first). */
const FIELDS_OF_CATEGORY: Readonly<Partial<Record<string, Partial<Record<LegalCategory, readonly string[]>>>>> = {
  account: { billing: ['billing'] },
};

const REDACTED = '[redacted: another person’s data]';

/**
 * Other people's data, by kind: redacted whatever the request. A fax's sender number and station
 * id are not: they are the record of the subject's own communication (`fax_metadata`, non-content
 * records, 18 U.S.C. § 2702(c)). Elsewhere a third party's number is redacted: the senders the
 * subject blocked or reported. A fax's `document` link is for the customer's own token: dropped.
 */
const REDACTIONS: Readonly<Partial<Record<string, readonly string[]>>> = {
  blocked_sender: ['faxNumber'],
  junk_report: ['senderFaxNumber', 'remoteStationId'],
  // The friends a customer invited are other people: their name and email never leave in a production.
  referral: ['friendName', 'friendEmail'],
};
const DROPPED: Readonly<Partial<Record<string, readonly string[]>>> = { fax: ['document'] };

/** Reports of junk faxes from the subject's number: the reporters are other people, so only the report's facts are kept. */
const REPORT_ABOUT_SUBJECT_FIELDS = ['reportId', 'senderFaxNumber', 'receivedAt', 'counted', 'createdAt'] as const;

const within = (stored: Stored, kind: string, { from, to }: LegalRequest['scope']): boolean => {
  const field = DATED_BY[kind];
  const at = field === undefined ? undefined : stored[field];
  if (typeof at !== 'string') return true;
  return (from === undefined || at >= from) && (to === undefined || at <= to);
};

const omit = (record: Record<string, unknown>, fields: readonly string[]) => Object.fromEntries(Object.entries(record).filter(([field]) => !fields.includes(field)));
const pick = (record: Record<string, unknown>, fields: readonly string[]) => Object.fromEntries(Object.entries(record).filter(([field]) => fields.includes(field)));

/** How one registered kind is produced: which of its fields, or not at all. */
const shaperOf = (kind: string, categories: readonly LegalCategory[], allowed: ReadonlySet<LegalCategory>) => {
  const split = FIELDS_OF_CATEGORY[kind] ?? {};
  const partial = Object.keys(split) as LegalCategory[];
  const mainAllowed = categories.some((category) => !partial.includes(category) && allowed.has(category));
  const keptPartial = partial.filter((category) => allowed.has(category)).flatMap((category) => split[category] ?? []);
  const droppedPartial = partial.filter((category) => !allowed.has(category)).flatMap((category) => split[category] ?? []);
  if (!mainAllowed && keptPartial.length === 0) return undefined;
  const redacted = REDACTIONS[kind] ?? [];
  return (record: Record<string, unknown>) => {
    const shaped = mainAllowed ? omit(record, [...droppedPartial, ...(DROPPED[kind] ?? [])]) : pick(record, keptPartial);
    return { ...shaped, ...Object.fromEntries(redacted.filter((field) => shaped[field] !== undefined).map((field) => [field, REDACTED])) };
  };
};

export interface ProductionDeps {
  store: LegalRequestStore;
  lookup: SubjectLookup;
  pseudonymiser: Pseudonymiser;
  /** Where the registry's exported kinds are found for a person (the access export's sources). */
  sources: PersonalDataSources;
  /** Junk-fax reports of a sender number. */
  reportsAbout: (faxNumber: string) => AsyncIterable<readonly Stored[]>;
  documents: { read(key: string): Promise<Buffer | undefined> };
  exports: ExportStore;
  apiUrl: string;
  times: LegalTimes;
}

const NO_LINKS: ExportLinks = { faxDocument: () => '' };

/** The package, as JSON text in chunks, counting what it holds per kind into `counts`. */
async function* productionDocument(
  deps: ProductionDeps,
  request: LegalRequest,
  subject: ExportSubject & { faxNumber?: string },
  producedAt: string,
  counts: Record<string, number>,
): AsyncGenerator<string> {
  const allowed = new Set(producibleOf(request.kind, request.scope.categories));
  const header = {
    format: 'fax-service-legal-production',
    version: 1,
    legalRequestId: request.legalRequestId,
    kind: request.kind,
    producedAt,
    scope: request.scope,
    withheld: request.withheld,
    redacted: "Other people's data (the senders the subject blocked or reported, the people who reported the subject's number) reads " + JSON.stringify(REDACTED) + ' or is left out.',
  };
  yield `${JSON.stringify(header).slice(0, -1)},"data":{`;
  let first = true;
  const section = async function* (name: string, pages: AsyncIterable<readonly Stored[]>, shape: (stored: Stored) => Promise<Record<string, unknown> | undefined>) {
    yield `${first ? '' : ','}${JSON.stringify(name)}:[`;
    first = false;
    let written = 0;
    for await (const page of pages) {
      for (const stored of page) {
        const shaped = await shape(stored);
        if (shaped === undefined) continue;
        yield `${written === 0 ? '' : ','}${JSON.stringify(shaped)}`;
        written += 1;
      }
    }
    counts[name] = written;
    yield ']';
  };
  for (const [group, entries] of Object.entries(personalDataRegistry)) {
    for (const [kind, registration] of Object.entries(entries as Record<string, Registration>)) {
      if (!registration.personal || !('mapper' in registration.export)) continue;
      const shaper = shaperOf(kind, registration.categories, allowed);
      if (shaper === undefined) continue;
      const source = (deps.sources as Record<string, PersonalDataSource | undefined>)[kind];
      if (source === undefined) throw new Error(`no source for ${group}.${kind}`);
      const { mapper } = registration.export;
      yield* section(kind, source(subject), async (stored) => (within(stored, kind, request.scope) ? shaper(mapper(stored, NO_LINKS)) : undefined));
    }
  }
  if (allowed.has('junk_reports') && subject.faxNumber !== undefined) {
    yield* section('junk_reports_about_subject', deps.reportsAbout(subject.faxNumber), async (stored) =>
      within(stored, 'junk_report', request.scope) ? pick({ ...stored }, REPORT_ABOUT_SUBJECT_FIELDS) : undefined,
    );
  }
  if (allowed.has('fax_content')) {
    // The documents themselves (the `faxes` objects), one at a time: only under consent, a warrant or an order.
    yield* section('fax_content', deps.sources.fax(subject), async (stored) => {
      if (!within(stored, 'fax', request.scope)) return undefined;
      const bytes = await deps.documents.read(String(stored.documentKey));
      return bytes === undefined ? undefined : { faxId: stored.faxId, contentType: stored.contentType, contentBase64: bytes.toString('base64') };
    });
  }
  yield '}}';
}

/**
 * Produces a request that is ready (the fee paid, the quash window over: 409 otherwise), once: the
 * package under its own key, then `produced` with its counts and link, which starts the hold's
 * last `LEGAL_HOLD_DAYS_AFTER` days. A concurrent production is a 409 (the move is conditional).
 */
export const produceLegalRequest = async (
  deps: ProductionDeps,
  legalRequestId: string,
  adminId: string,
): Promise<{ production: { url: string; expiresAt: string }; counts: Record<string, number> }> => {
  const request = await readyForProduction(deps.store, legalRequestId, adminId);
  const producedAt = now();
  const resolved = await resolveSubject(deps.lookup, request.accountId === undefined ? request.subject : { accountId: request.accountId });
  const email = resolved.email ?? '';
  const subject = {
    email,
    // No email: the digests find nothing (no item is keyed by the digest of an empty string).
    emailHash: email === '' ? '' : await personEmailHash(deps.pseudonymiser, email),
    suppressionKey: email === '' ? '' : await suppressionKeyOf(deps.pseudonymiser, email),
    ...(resolved.accountId === undefined ? {} : { accountId: resolved.accountId }),
    ...(resolved.faxNumber === undefined ? {} : { faxNumber: resolved.faxNumber }),
  };
  const counts: Record<string, number> = {};
  const key = productionKeyOf(legalRequestId);
  await deps.exports.save(key, productionDocument(deps, request, subject, producedAt.toISOString(), counts));
  const link = await productionLinks.sign(deps.pseudonymiser, deps.apiUrl, legalRequestId, producedAt);
  await recordProduction(deps.store, request, { key, expiresAt: link.expiresAt, counts }, deps.times, adminId, producedAt);
  return { production: link, counts };
};
