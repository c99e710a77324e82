import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

export const handler = httpRoute({ trigger: declaration.trigger }, async () => ok({ status: 'ok' }));
