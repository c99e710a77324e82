import { NotFound } from '../../shared/errors';
import { httpRoute } from '../../shared/http/route';
import declaration from './function';

export const handler = httpRoute({ trigger: declaration.trigger }, async () => {
  throw new NotFound('No such route.');
});
