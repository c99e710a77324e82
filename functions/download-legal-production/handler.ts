import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { exportStore } from '../../shared/adapters/s3/stores';
import { now } from '../../shared/clock';
import { found, httpRoute } from '../../shared/http/route';
import { productionLinks } from '../../shared/legal/production';
import declaration from './function';

const deps = { pseudonymiser: pseudonymiser(), exports: exportStore() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ pathParameters, query }) =>
  found(await productionLinks.open(deps, pathParameters.id, query.token, now())),
);
