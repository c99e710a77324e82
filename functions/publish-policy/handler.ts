import { policyStore } from '../../shared/adapters/dynamo/stores';
import { noticeQueue } from '../../shared/adapters/sqs/policy-notice-queue';
import { adminId } from '../../shared/http/caller';
import { created, httpRoute } from '../../shared/http/route';
import { publishPolicy } from '../../shared/policies/publication';
import declaration from './function';

const deps = { policies: policyStore(), queue: noticeQueue() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, caller }) =>
  created(await publishPolicy(deps, body, { kind: 'admin', adminId: adminId(caller) })),
);
