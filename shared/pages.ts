/** A page of a list: at most `limit` items, continuing after `cursor` (API.md's list convention). */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
