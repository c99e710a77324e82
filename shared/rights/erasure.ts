import type { Account } from '../accounts/account';
import type { AccountStore } from '../accounts/account-store';
import type { LoginDirectory } from '../accounts/logins';
import { now, nowIso } from '../clock';
import type { SuppressionList } from '../email/ports';
import { suppressionKeyOf } from '../email/suppression';
import { quarantineEndOf } from '../numbers/number';
import { isRegisteredKind, personalDataRegistry } from '../privacy/registry';
import type { ReporterIdentity } from '../junk/case';
import type { Pseudonymiser } from '../pseudonyms';
import type { ReferralStore } from '../referrals/ports';
import type { AccountItemRef, AccountPartitions, DocumentBulkDeletes, ErasureReceipts, PersonRequests } from './erasure-ports';
import { exportKeyOf } from './export-link';
import type { Fulfil } from './fulfilment';
import type { RightsRequest } from './request';

type Registry = typeof personalDataRegistry;
type Erased<Group> = { [Name in keyof Group]: Group[Name] extends { erasure: { action: 'delete' | 'anonymise' } } ? Name & string : never }[keyof Group];

/** Every registered thing erasure deletes or anonymises, as `<group>.<name>` of the registry. */
type ErasedThing =
  | `items.${Erased<Registry['items']>}`
  | `objects.${Erased<Registry['objects']>}`
  | `exportObjects.${Erased<Registry['exportObjects']>}`
  | `outsideStores.${Erased<Registry['outsideStores']>}`;

/** The steps of an erasure, in the order they run (see `eraseAccount`, `erasePerson`). */
type ErasureStep = 'login' | 'number' | 'partition' | 'junkReports' | 'account' | 'requests' | 'referrals';

/**
 * The step that erases each registered thing the registry says to delete or anonymise. A newly
 * registered one without its step fails to compile here (and shared/rights/erasure.test.ts).
 */
export const erasureStepOf: Readonly<Record<ErasedThing, ErasureStep>> = {
  'outsideStores.userPoolLogins': 'login',
  'items.fax_number': 'number',
  'items.fax': 'partition',
  'objects.faxes': 'partition',
  'items.consent': 'partition',
  'items.blocked_sender': 'partition',
  'items.fax_gone': 'partition',
  'items.policy_notice': 'partition',
  'items.usage_counter': 'partition',
  'items.account': 'account',
  'items.email_claim': 'account',
  'items.referral_code_claim': 'account',
  'items.rights_request': 'requests',
  'exportObjects.exports': 'requests',
  'items.junk_report': 'junkReports',
  // Those the person made go with their partition; this step deletes those that invited them.
  'items.referral': 'referrals',
};

/** Items per page of an account's partition: one S3 DeleteObjects call (its limit) and 40 BatchWriteItem calls. */
const ERASURE_PAGE_SIZE = 1000;

export interface ErasureDependencies {
  accounts: AccountStore;
  logins: LoginDirectory;
  partitions: AccountPartitions;
  documents: DocumentBulkDeletes;
  requests: PersonRequests;
  suppressions: SuppressionList;
  receipts: ErasureReceipts;
  pseudonymiser: Pseudonymiser;
  /** The junk-fax reports the person filed: their reporter's identity removed. */
  reporters: { forgetReporter(reporter: ReporterIdentity): Promise<number> };
  /** The exports of the person's access and portability requests. */
  exports: { removeAll(keys: readonly string[]): Promise<void> };
  /** The referrals that invited the person, whoever made them. */
  referrals: Pick<ReferralStore, 'forgetFriend'>;
}

type Tally = (counts: Readonly<Record<string, number>>) => Promise<void>;

/** What one page of the partition held, by kind (`items.<type>`), and the documents it named. */
const countsOf = (items: readonly AccountItemRef[], documents: number): Record<string, number> => {
  const counts: Record<string, number> = documents > 0 ? { 'objects.faxes': documents } : {};
  for (const { kind } of items) counts[`items.${kind}`] = (counts[`items.${kind}`] ?? 0) + 1;
  return counts;
};

/**
 * Deletes everything under the account's partition but its profile, a page at a time (memory
 * stays bounded however many faxes): the documents a page names first, then its items, so a
 * crash in between leaves the items that lead a later run to what is left.
 */
const sweepPartition = async (deps: ErasureDependencies, accountId: string, tally: Tally) => {
  let cursor: string | undefined;
  do {
    const page = await deps.partitions.page(accountId, ERASURE_PAGE_SIZE, cursor);
    // Everything under the account is its person's; a kind the registry does not know is a bug to stop at.
    const unknown = page.items.find(({ kind }) => !isRegisteredKind(kind));
    if (unknown) throw new Error(`An erased account holds an unregistered kind of item: ${unknown.kind}`);
    const documents = page.items.flatMap(({ documentKey }) => (documentKey ? [documentKey] : []));
    if (documents.length > 0) await deps.documents.deleteAll(documents);
    if (page.items.length > 0) await deps.partitions.deleteAll(page.items);
    await tally(countsOf(page.items, documents.length));
    cursor = page.cursor;
  } while (cursor);
};

/** The junk-fax reports the person filed (as a customer, or with their email) keep the report, not the reporter. */
const forgetReports = async (deps: ErasureDependencies, reporter: ReporterIdentity, tally: Tally) => {
  const forgotten = await deps.reporters.forgetReporter(reporter);
  await tally(forgotten > 0 ? { 'items.junk_report': forgotten } : {});
};

/**
 * Erases what an account holds, each step idempotent, the account itself aside: removes its login,
 * quarantines its number (no new fax arrives for it), deletes its faxes, documents and every
 * other item of its partition, and forgets the reports it filed. The account was marked being
 * erased first: from then on no token reaches it and no writer adds to it (they write on
 * condition that it is not being removed).
 */
const eraseHoldings = async (deps: ErasureDependencies, account: Account, tally: Tally) => {
  await deps.logins.remove(account.accountId);
  const releasedAt = now();
  await deps.accounts.quarantineNumber(account, releasedAt.toISOString(), quarantineEndOf(releasedAt));
  await sweepPartition(deps, account.accountId, tally);
  await forgetReports(deps, { accountId: account.accountId }, tally);
};

/**
 * Anonymises the person's other rights requests filed under one of their emails' digests and
 * deletes their exports; the one being fulfilled forgets its requester as it completes.
 */
const anonymiseOtherRequests = async (deps: ErasureDependencies, request: RightsRequest, emailHash: string, tally: Tally) => {
  const { fields } = personalDataRegistry.items.rights_request.erasure;
  let cursor: string | undefined;
  do {
    const page = await deps.requests.page(emailHash, cursor);
    // Every request's export key: only access and portability requests have one; a missing key deletes nothing.
    const exportKeys = page.requestIds.map(exportKeyOf);
    // Before the requests are anonymised (which drops them from this listing, so a resumed run
    // still finds their exports), and again after: an export racing this one (shared/rights/export.ts)
    // is deleted then, or finds its request anonymised and deletes itself.
    if (exportKeys.length > 0) await deps.exports.removeAll(exportKeys);
    let anonymised = 0;
    for (const requestId of page.requestIds) {
      if (requestId !== request.requestId && (await deps.requests.anonymise(requestId, fields))) anonymised += 1;
    }
    if (anonymised > 0) await deps.exports.removeAll(exportKeys);
    await tally(anonymised > 0 ? { 'items.rights_request': anonymised } : {});
    cursor = page.cursor;
  } while (cursor);
};

/** Every email the person is known by, as digests: the request's, and those their account held before (`formerEmailHashes`). */
const emailHashesOf = (request: RightsRequest, account: Account | undefined): string[] => [
  ...new Set([request.emailHash, ...(account?.formerEmailHashes ?? [])]),
];

/**
 * The `erasure` fulfilment: the person's account and all it holds (when the email has one), and
 * under every email they held (the request's, and the account's former ones) their other rights
 * requests' personal fields, their junk-fax reports' reporter and the referrals that invited them; kept are a hashed-email
 * suppression entry (no unsolicited email ever again; the person may still sign up and get what
 * they ask for) and the receipt (ids, when, counts per kind: nothing of the person).
 *
 * The account is marked being erased first, and its item goes last: until then it leads a
 * resumed run back here with its former emails, and every writer refuses it. Its partition is
 * swept again just before it goes, for anything written beside a writer's condition (a document
 * stored before its fax item was refused). The digests' index (GSI1) is read after the whole
 * partition sweep; what it could still miss was written within the index's lag (well under a
 * second) before that read: not a verified request (its code or token took longer than that),
 * and an unverified request or a public report expires on its own (DATA-MODEL.md, "Erasure").
 *
 * Resumable: a run that failed midway is run again by the redelivered message and finishes; once
 * the request completed, a redelivery finds it closed and nothing runs. The receipt's counts are
 * tallied as each step ends, so a crash between a step and its tally leaves that step uncounted.
 */
export const erasure =
  (deps: ErasureDependencies): Fulfil =>
  async (request) => {
    const tally: Tally = (counts) => deps.receipts.tally(request.requestId, nowIso(), counts);
    const accountId = await deps.accounts.accountIdByEmail(request.email);
    const account = accountId === undefined ? undefined : await deps.accounts.beginErasure(accountId);
    if (account) await eraseHoldings(deps, account, tally);
    for (const emailHash of emailHashesOf(request, account)) {
      await anonymiseOtherRequests(deps, request, emailHash, tally);
      await forgetReports(deps, { emailHash }, tally);
      const referrals = await deps.referrals.forgetFriend(emailHash);
      await tally(referrals > 0 ? { 'items.referral': referrals } : {});
    }
    if (account) {
      await sweepPartition(deps, account.accountId, tally);
      await deps.accounts.removeErased(account);
      await tally({ 'outsideStores.userPoolLogins': 1, 'items.fax_number': 1, 'items.account': 1, 'items.email_claim': 1, 'items.referral_code_claim': 1 });
    }
    await deps.suppressions.suppress(await suppressionKeyOf(deps.pseudonymiser, request.email), 'erasure', now());
    await tally({});
    return undefined;
  };
