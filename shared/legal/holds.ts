import type { AccountStore } from '../accounts/account-store';
import { nowIso } from '../clock';
import type { PageRequest } from '../pages';
import { queueFulfilment } from '../rights/fulfilment';
import type { RightsDeadlineStore, RightsRequestQueue } from '../rights/ports';
import type { RightsRequest } from '../rights/request';
import { RETENTION_TAG } from '../faxes/fax';
import type { HeldFaxStore, LegalHold, LegalHolds, LegalRequestStore, RetentionTags } from './ports';
import type { LegalRequest } from './request';
import type { LegalCategory } from './rules';

// What a legal hold keeps (API.md, "Legal hold"): from a request's receipt until it is produced
// plus LEGAL_HOLD_DAYS_AFTER, objected or rejected, its subject's data in scope. An erasure of the
// person waits whole (`on_hold`: the erasure is one act, and deleting part of the person's data
// around what is held would still destroy the context a court asked for); a fax in scope (its
// category, its time range) outlives its retention and cannot be deleted by its customer.

const FAX_CATEGORIES: readonly LegalCategory[] = ['fax_metadata', 'fax_content'];

/** Whether a scope of these categories holds faxes. */
export const coversFaxes = (categories: readonly LegalCategory[]): boolean => categories.some((category) => FAX_CATEGORIES.includes(category));

/** Whether one of `holds` keeps a fax received at `receivedAt`. */
export const holdsFax = (holds: readonly Pick<LegalHold, 'categories' | 'from' | 'to'>[], { receivedAt }: { receivedAt: string }): boolean =>
  holds.some(({ categories, from, to }) => coversFaxes(categories) && (from === undefined || receivedAt >= from) && (to === undefined || receivedAt <= to));

/** Which of an account's faxes are held now: one read of its holds, a predicate over its faxes. */
export const faxHoldsOf =
  (holds: LegalHolds) =>
  async (accountId: string): Promise<(fax: { receivedAt: string }) => boolean> => {
    const found = await holds.holdsOn({ accountId }, nowIso());
    return (fax) => holdsFax(found, fax);
  };

/** Whether an erasure request's person (the account holding its email, and the email's digest) is held now. */
export const erasureHeld =
  (deps: { holds: LegalHolds; accounts: Pick<AccountStore, 'accountIdByEmail'> }) =>
  async ({ email, emailHash }: Pick<RightsRequest, 'email' | 'emailHash'>): Promise<boolean> => {
    const accountId = await deps.accounts.accountIdByEmail(email);
    const holds = await deps.holds.holdsOn({ ...(accountId === undefined ? {} : { accountId }), emailHash }, nowIso());
    return holds.length > 0;
  };

/**
 * The hold-release step (the `legal-holds` schedule): every erasure waiting `on_hold` whose person
 * no hold keeps any more is queued again; fulfilment resumes it (and checks the holds again).
 * Idempotent: a request queued twice is fulfilled once.
 */
export const resumeReleasedErasures = async (
  deps: { requests: Pick<RightsDeadlineStore, 'listByStatus'>; queue: RightsRequestQueue; isHeld: (request: RightsRequest) => Promise<boolean> },
  hasTimeLeft: () => boolean,
  pageSize = 100,
) => {
  let resumed = 0;
  let stillHeld = 0;
  let page: PageRequest = { limit: pageSize };
  for (;;) {
    const { items, nextCursor } = await deps.requests.listByStatus('on_hold', undefined, page);
    for (const request of items) {
      if (await deps.isHeld(request)) stillHeld += 1;
      else {
        await queueFulfilment(deps.queue, request.requestId);
        resumed += 1;
      }
    }
    if (!nextCursor || !hasTimeLeft()) break;
    page = { limit: pageSize, cursor: nextCursor };
  }
  return { erasuresResumed: resumed, erasuresStillHeld: stillHeld, checkedAt: nowIso() };
};

export interface FaxHoldDeps {
  store: Pick<LegalRequestStore, 'markFaxHolds' | 'listAllHolds'>;
  faxes: HeldFaxStore;
  documents: RetentionTags;
}

const isInForce = ({ holdEndsAt }: Pick<LegalRequest, 'holdEndsAt'>, at: string) => holdEndsAt === undefined || holdEndsAt > at;

/** Holds the subject's faxes in scope that the request does not hold yet (document re-tagged first, then TTL off); how many. */
const holdFaxesInScope = async (deps: FaxHoldDeps, request: LegalRequest, accountId: string): Promise<number> => {
  let held = 0;
  for await (const page of deps.faxes.faxesOf(accountId)) {
    for (const fax of page) {
      if (!holdsFax([request.scope], fax) || fax.legalHolds?.includes(request.legalRequestId)) continue;
      await deps.documents.tagRetention(fax.documentKey, RETENTION_TAG.legalHold);
      await deps.faxes.hold(accountId, fax, request.legalRequestId);
      held += 1;
    }
  }
  return held;
};

/**
 * Places a request's hold on its subject's faxes in scope, so neither DynamoDB's TTL nor the fax
 * bucket's lifecycle removes them: each document is re-tagged `legal-hold` first, then its item
 * marked held (TTL off). Idempotent: a failed run is finished by the next (the hold-release step
 * retries `pending` ones); the sweep and the fax deletion check the holds themselves meanwhile.
 */
export const placeFaxHolds = async (deps: FaxHoldDeps, request: LegalRequest): Promise<void> => {
  if (request.faxHolds !== 'pending' || request.accountId === undefined) return;
  await holdFaxesInScope(deps, request, request.accountId);
  await deps.store.markFaxHolds(request.legalRequestId, 'pending', 'placed');
};

/**
 * Gives the faxes back once the hold ended: the request's mark is dropped from each item (its TTL
 * back when no other request holds it), then the document re-tagged `standard`, which the lifecycle
 * expires (at once if it is past its retention). The sweep removes what expired meanwhile.
 */
const releaseFaxHolds = async (deps: FaxHoldDeps, request: LegalRequest): Promise<void> => {
  if (request.accountId === undefined) return;
  for await (const page of deps.faxes.faxesOf(request.accountId)) {
    for (const fax of page) {
      if (!fax.legalHolds?.includes(request.legalRequestId)) continue;
      if (await deps.faxes.release(request.accountId, fax, request.legalRequestId)) await deps.documents.tagRetention(fax.documentKey, RETENTION_TAG.standard);
    }
  }
  await deps.store.markFaxHolds(request.legalRequestId, 'placed', 'released');
};

/**
 * The hold-release step's fax work (hourly): places the holds still pending, holds the faxes that
 * arrived in scope since a hold was placed (written tagged `standard` with a TTL, which a 60-day
 * retention would reach long after the next run), and gives back those whose hold ended.
 */
export const settleFaxHolds = async (deps: FaxHoldDeps, hasTimeLeft: () => boolean, pageSize = 100) => {
  const at = nowIso();
  let placed = 0;
  let released = 0;
  let heldSincePlaced = 0;
  let page: PageRequest = { limit: pageSize };
  for (;;) {
    const { items, nextCursor } = await deps.store.listAllHolds(page);
    for (const request of items) {
      if (request.faxHolds === 'pending' && isInForce(request, at)) {
        await placeFaxHolds(deps, request);
        placed += 1;
      } else if (request.faxHolds === 'placed' && isInForce(request, at) && request.accountId !== undefined) {
        heldSincePlaced += await holdFaxesInScope(deps, request, request.accountId);
      } else if (request.faxHolds !== undefined && request.faxHolds !== 'released' && !isInForce(request, at)) {
        // A hold that ended before its placement finished: give back what was placed.
        if (request.faxHolds === 'pending') await deps.store.markFaxHolds(request.legalRequestId, 'pending', 'placed');
        await releaseFaxHolds(deps, { ...request, faxHolds: 'placed' });
        released += 1;
      }
    }
    if (!nextCursor || !hasTimeLeft()) break;
    page = { limit: pageSize, cursor: nextCursor };
  }
  return { faxHoldsPlaced: placed, faxHoldsReleased: released, faxesHeldSincePlaced: heldSincePlaced };
};
