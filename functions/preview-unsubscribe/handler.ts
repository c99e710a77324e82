import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { previewLink } from '../../shared/communications/choices';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { pseudonymiser: pseudonymiser() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) => ok(await previewLink(deps, query.token)));
