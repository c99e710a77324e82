import { notifiableAccounts, policyStore } from '../../shared/adapters/dynamo/stores';
import { noticeQueue } from '../../shared/adapters/sqs/policy-notice-queue';
import { scheduledJob } from '../../shared/jobs/scheduled-job';
import { planUnfinished } from '../../shared/policies/planner';

const deps = { plans: policyStore(), index: notifiableAccounts(), queue: noticeQueue() };

export const handler = scheduledJob((hasTimeLeft) => planUnfinished(deps, hasTimeLeft));
