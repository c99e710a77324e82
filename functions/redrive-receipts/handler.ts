import { redriveLoginEmails } from '../../shared/accounts/email-change';
import { redriveSignUps } from '../../shared/accounts/provisioning';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { accountStore, receiptStore, referralStore, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { accountEvents } from '../../shared/adapters/sqs/account-events';
import { faxQueue } from '../../shared/adapters/sqs/fax-queue';
import { referralQueue } from '../../shared/adapters/sqs/referral-queue';
import { rightsRequestQueue } from '../../shared/adapters/sqs/rights-request-queue';
import { redriveStranded } from '../../shared/faxes/redrive';
import { scheduledJob } from '../../shared/jobs/scheduled-job';
import { redriveReferrals } from '../../shared/referrals/hand-over';
import { redriveRightsRequests } from '../../shared/rights/redrive';

const faxes = { receipts: receiptStore(), queue: faxQueue() };
const signUps = { accounts: accountStore(), events: accountEvents() };
const rightsRequests = { requests: rightsRequestStore(), queue: rightsRequestQueue() };
const loginEmails = { accounts: signUps.accounts, logins: loginDirectory() };
const referrals = { referrals: referralStore(), queue: referralQueue() };

// The outboxes one after the other: the faxes' first (a fax waits on it, a login can wait
// longer, a rights request has a month), then the logins' emails that did not follow a change,
// then the referrals' invitations (nobody waits on one).
export const handler = scheduledJob(async (hasTimeLeft) => ({
  ...(await redriveStranded(faxes, hasTimeLeft)),
  ...(await redriveSignUps(signUps, hasTimeLeft)),
  ...(await redriveRightsRequests(rightsRequests, hasTimeLeft)),
  ...(await redriveLoginEmails(loginEmails, hasTimeLeft)),
  ...(await redriveReferrals(referrals, hasTimeLeft)),
}));
