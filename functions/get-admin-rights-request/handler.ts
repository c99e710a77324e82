import { auditTrail, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { httpRoute, ok } from '../../shared/http/route';
import { adminRightsRequestView } from '../../shared/rights/request-audit';
import declaration from './function';

const deps = { requests: rightsRequestStore(), audit: auditTrail() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ pathParameters }) => ok(await adminRightsRequestView(deps, pathParameters.id)));
