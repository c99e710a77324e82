import * as z from 'zod/mini';
import { schema } from '../schema';
import { InvalidInput } from '../errors';
import { invalidCursor, type PageRequest } from '../pages';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const limit = /* @__PURE__ */ schema(() => z.int().check(z.gte(1), z.lte(MAX_LIMIT)));
// Our cursors are base64url and short; anything longer or else is not one.
const cursor = /* @__PURE__ */ schema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,512}$/)));

/** The query of a list route (API.md's list convention): what `pageOf` accepts, and the OpenAPI document shows. */
export const pageQuery = /* @__PURE__ */ schema(() => z.object({
  limit: z._default(limit, DEFAULT_LIMIT).check(z.describe(`Items per page, 1 to ${MAX_LIMIT}.`)),
  cursor: z.optional(cursor.check(z.describe('The nextCursor of the previous page.'))),
}));

/** `?limit=` (1..100, default 25) and `?cursor=` of a list route. */
export const pageOf = (query: Record<string, string>): PageRequest => {
  const requested = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (!/^\d{1,3}$/.test(query.limit ?? '1') || !z.safeParse(limit, requested).success) {
    throw new InvalidInput('The limit is not valid.', [{ path: 'limit', message: `Must be a whole number from 1 to ${MAX_LIMIT}.` }]);
  }
  if (query.cursor !== undefined && query.cursor !== '' && !z.safeParse(cursor, query.cursor).success) throw invalidCursor();
  return { limit: requested, ...(query.cursor ? { cursor: query.cursor } : {}) };
};
