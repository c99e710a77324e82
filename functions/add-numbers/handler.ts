import { numberInventory } from '../../shared/adapters/dynamo/stores';
import { httpRoute, ok } from '../../shared/http/route';
import { addNumbers } from '../../shared/numbers/inventory';
import declaration from './function';

const numbers = numberInventory();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body }) => ok(await addNumbers(numbers, body.numbers)));
