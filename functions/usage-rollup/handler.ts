import { usageStore } from '../../shared/adapters/dynamo/stores';
import { now } from '../../shared/clock';
import { scheduledJob } from '../../shared/jobs/scheduled-job';
import { rollUpClosedMonths } from '../../shared/usage/rollup';

const usage = usageStore();

export const handler = scheduledJob((hasTimeLeft) => rollUpClosedMonths(usage, now(), hasTimeLeft));
