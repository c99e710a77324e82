import { httpRoute, ok } from '../../shared/http/route';
import { apiDocument } from './document';
import declaration from './function';

// Generated once per cold start: the declarations it describes cannot change while it runs.
const document = apiDocument();

export const handler = httpRoute({ trigger: declaration.trigger }, async () => ok(document));
