import { policyStore } from '../../shared/adapters/dynamo/stores';
import { httpRoute, ok } from '../../shared/http/route';
import { currentPolicy } from '../../shared/policies/publication';
import declaration from './function';

const policies = policyStore();

export const handler = httpRoute({ trigger: declaration.trigger }, async () => ok(await currentPolicy(policies)));
