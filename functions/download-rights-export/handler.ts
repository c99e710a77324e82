import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { exportStore } from '../../shared/adapters/s3/stores';
import { now } from '../../shared/clock';
import { found, httpRoute } from '../../shared/http/route';
import { openExportLink } from '../../shared/rights/export-link';
import declaration from './function';

const deps = { pseudonymiser: pseudonymiser(), exports: exportStore() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ pathParameters, query }) =>
  found(await openExportLink(deps, pathParameters.id, query.token, now())),
);
