import { InvalidInput } from '../errors';
import { invalidCursor, type PageRequest } from '../pages';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
// Our cursors are base64url and short; anything longer or else is not one.
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

/** `?limit=` (1..100, default 25) and `?cursor=` of a list route. */
export const pageOf = (query: Record<string, string>): PageRequest => {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (!/^\d{1,3}$/.test(query.limit ?? '1') || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidInput('The limit is not valid.', [{ path: 'limit', message: `Must be a whole number from 1 to ${MAX_LIMIT}.` }]);
  }
  if (query.cursor !== undefined && query.cursor !== '' && !CURSOR.test(query.cursor)) throw invalidCursor();
  return { limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
};
