import { referralOptOuts } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { optOutOfReferrals } from '../../shared/communications/choices';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { optOuts: referralOptOuts(), pseudonymiser: pseudonymiser() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) => ok(await optOutOfReferrals(deps, query.token)));
