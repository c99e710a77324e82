import type { AccountStore } from '../accounts/account-store';
import { activeOwnAccount } from '../accounts/profile';
import type { PageRequest } from '../pages';
import type { ReferralStore } from './ports';
import { referralView } from './referral';

/** `GET /referrals`: the customer's own referrals, newest first, a page at a time. */
export const listReferrals = async (deps: { accounts: AccountStore; referrals: ReferralStore }, accountId: string, page: PageRequest) => {
  await activeOwnAccount(deps.accounts, accountId);
  const { items, nextCursor } = await deps.referrals.listOf(accountId, page);
  return { items: items.map(referralView), ...(nextCursor === undefined ? {} : { nextCursor }) };
};
