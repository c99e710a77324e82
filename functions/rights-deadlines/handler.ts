import { rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { EnvNames, requiredEnv } from '../../shared/config';
import { scheduledJob } from '../../shared/jobs/scheduled-job';
import { watchDeadlines } from '../../shared/rights/deadlines';

const deps = { requests: rightsRequestStore(), emails: emailOutbox(), adminEmail: requiredEnv(EnvNames.adminEmail) };

export const handler = scheduledJob((hasTimeLeft) => watchDeadlines(deps, hasTimeLeft));
