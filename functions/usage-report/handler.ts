import { usageStore } from '../../shared/adapters/dynamo/stores';
import { validate } from '../../shared/http/json-body';
import { httpRoute, ok } from '../../shared/http/route';
import { usageReport } from '../../shared/usage/usage';
import declaration from './function';

const usage = usageStore();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) => {
  const by = validate(declaration.trigger.query.shape.by, query.by, 'by');
  return ok(usageReport(await usage.rollups(), by));
});
