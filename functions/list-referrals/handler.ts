import { accountStore, referralStore } from '../../shared/adapters/dynamo/stores';
import { customerAccountId } from '../../shared/http/caller';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import { listReferrals } from '../../shared/referrals/listing';
import declaration from './function';

const deps = { accounts: accountStore(), referrals: referralStore() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, query }) =>
  ok(await listReferrals(deps, customerAccountId(caller), pageOf(query))),
);
