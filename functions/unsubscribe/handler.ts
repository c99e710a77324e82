import { accountStore, referralOptOuts } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { recordLinkChoice } from '../../shared/communications/choices';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), optOuts: referralOptOuts(), pseudonymiser: pseudonymiser() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) => ok(await recordLinkChoice(deps, query.token)));
