import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { InvalidInput } from './errors';

/** A page of a list: at most `limit` items, continuing after `cursor` (API.md's list convention). */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The response schema of a list route whose items `item` describes. */
export const pageSchema = <Item extends $ZodType>(item: Item) => z.strictObject({ items: z.array(item), nextCursor: z.optional(z.string()) });

/** The problem of a cursor that no page of ours handed out. */
export const invalidCursor = () =>
  new InvalidInput('The cursor is not valid.', [{ path: 'cursor', message: 'Use the nextCursor of a previous page.' }]);
