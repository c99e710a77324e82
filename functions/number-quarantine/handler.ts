import { numberInventory } from '../../shared/adapters/dynamo/stores';
import { scheduledJob } from '../../shared/jobs/scheduled-job';
import { endQuarantines } from '../../shared/numbers/inventory';

const numbers = numberInventory();

export const handler = scheduledJob((hasTimeLeft) => endQuarantines(numbers, hasTimeLeft));
