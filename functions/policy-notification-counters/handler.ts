import { policyStore } from '../../shared/adapters/dynamo/stores';
import { httpRoute, ok } from '../../shared/http/route';
import { noticeCounters } from '../../shared/policies/publication';
import declaration from './function';

const counters = policyStore();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ pathParameters }) => ok(await noticeCounters(counters, pathParameters.version)));
