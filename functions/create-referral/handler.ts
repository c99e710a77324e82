import { accountStore, invitationThrottle, referralOptOuts, referralStore, referralThrottle, suppressionList } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { referralQueue } from '../../shared/adapters/sqs/referral-queue';
import { customerAccountId } from '../../shared/http/caller';
import { accepted, httpRoute } from '../../shared/http/route';
import { inviteFriend } from '../../shared/referrals/invite';
import declaration from './function';

const deps = {
  accounts: accountStore(),
  referrals: referralStore(),
  optOuts: referralOptOuts(),
  suppressions: suppressionList(),
  perCustomer: referralThrottle(),
  perFriend: invitationThrottle(),
  pseudonymiser: pseudonymiser(),
  queue: referralQueue(),
};

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, body, requestId }) =>
  accepted(await inviteFriend(deps, customerAccountId(caller), body, requestId)),
);
