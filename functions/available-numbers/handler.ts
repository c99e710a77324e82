import { numberInventory } from '../../shared/adapters/dynamo/stores';
import { validate } from '../../shared/http/json-body';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import { availableNumbers } from '../../shared/numbers/inventory';
import declaration from './function';

const numbers = numberInventory();

// `?areaCode=` left empty (an empty form field) lists every area, as an empty `cursor` starts at the first page.
const areaCodeOf = (query: Record<string, string>) =>
  query.areaCode === '' ? undefined : validate(declaration.trigger.query.shape.areaCode, query.areaCode, 'areaCode');

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) =>
  ok(await availableNumbers(numbers, areaCodeOf(query), pageOf(query))),
);
