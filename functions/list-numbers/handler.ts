import { numberInventory } from '../../shared/adapters/dynamo/stores';
import { validate } from '../../shared/http/json-body';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import { listNumbers } from '../../shared/numbers/inventory';
import declaration from './function';

const numbers = numberInventory();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) =>
  ok(await listNumbers(numbers, validate(declaration.trigger.query.shape.status, query.status, 'status'), pageOf(query))),
);
