import { redriveSignUps } from '../../shared/accounts/provisioning';
import { accountStore, receiptStore } from '../../shared/adapters/dynamo/stores';
import { accountEvents } from '../../shared/adapters/sqs/account-events';
import { faxQueue } from '../../shared/adapters/sqs/fax-queue';
import { redriveStranded } from '../../shared/faxes/redrive';
import { scheduledJob } from '../../shared/jobs/scheduled-job';

const faxes = { receipts: receiptStore(), queue: faxQueue() };
const signUps = { accounts: accountStore(), events: accountEvents() };

// Both outboxes, one after the other: the faxes' first (a fax waits on it, a login can wait longer).
export const handler = scheduledJob(async (hasTimeLeft) => ({
  ...(await redriveStranded(faxes, hasTimeLeft)),
  ...(await redriveSignUps(signUps, hasTimeLeft)),
}));
