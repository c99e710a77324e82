import { rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { adminId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import { extendRightsRequest } from '../../shared/rights/deadlines';
import declaration from './function';

const deps = { requests: rightsRequestStore(), emails: emailOutbox() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, pathParameters, caller, requestId }) =>
  ok(await extendRightsRequest(deps, pathParameters.id, body.reason, adminId(caller), requestId)),
);
