import { rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { validate } from '../../shared/http/json-body';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import { listRightsRequests } from '../../shared/rights/deadlines';
import declaration from './function';

const requests = rightsRequestStore();
const { status, overdue } = declaration.trigger.query.shape;

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) =>
  ok(
    await listRightsRequests(
      requests,
      { status: validate(status, query.status, 'status'), ...(query.overdue === undefined ? {} : { overdue: validate(overdue, query.overdue, 'overdue') }) },
      pageOf(query),
    ),
  ),
);
