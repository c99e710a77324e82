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

/** The problem of a cursor that no page of ours handed out. */
export const invalidCursor = () =>
  new InvalidInput('The cursor is not valid.', [{ path: 'cursor', message: 'Use the nextCursor of a previous page.' }]);
