import { inbox, legalRequestStore } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { scheduledJob } from '../../shared/jobs/scheduled-job';
import { sweepExpired } from '../../shared/faxes/retention';
import { faxHoldsOf } from '../../shared/legal/holds';

const deps = { inbox: inbox(), documents: faxDocuments(), heldFaxesOf: faxHoldsOf(legalRequestStore()) };

export const handler = scheduledJob(async (hasTimeLeft, metrics) => {
  const summary = await sweepExpired(deps, hasTimeLeft);
  // Counted every run, nought included: the metric also shows that the sweep runs.
  metrics.count('FaxesExpired', summary.faxesRemoved);
  return summary;
});
