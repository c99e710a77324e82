import type { AccountStore } from '../accounts/account-store';
import { nowIso } from '../clock';
import type { PageRequest } from '../pages';
import { queueFulfilment } from '../rights/fulfilment';
import type { RightsDeadlineStore, RightsRequestQueue } from '../rights/ports';
import type { RightsRequest } from '../rights/request';
import type { LegalHold, LegalHolds } from './ports';
import type { LegalCategory } from './rules';

// What a legal hold keeps (API.md, "Legal hold"): from a request's receipt until it is produced
// plus LEGAL_HOLD_DAYS_AFTER, objected or rejected, its subject's data in scope. An erasure of the
// person waits whole (`on_hold`: the erasure is one act, and deleting part of the person's data
// around what is held would still destroy the context a court asked for); a fax in scope (its
// category, its time range) outlives its retention and cannot be deleted by its customer.

const FAX_CATEGORIES: readonly LegalCategory[] = ['fax_metadata', 'fax_content'];

/** Whether one of `holds` keeps a fax received at `receivedAt`. */
export const holdsFax = (holds: readonly LegalHold[], { receivedAt }: { receivedAt: string }): boolean =>
  holds.some(
    ({ categories, from, to }) =>
      categories.some((category) => FAX_CATEGORIES.includes(category)) && (from === undefined || receivedAt >= from) && (to === undefined || receivedAt <= to),
  );

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
