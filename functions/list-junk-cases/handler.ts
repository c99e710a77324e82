import { junkReportStore } from '../../shared/adapters/dynamo/stores';
import { validate } from '../../shared/http/json-body';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import { listJunkCases } from '../../shared/junk/admin';
import declaration from './function';

const reports = junkReportStore();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) =>
  ok(await listJunkCases(reports, validate(declaration.trigger.query.shape.status, query.status, 'status'), pageOf(query))),
);
