import type { $ZodType } from 'zod/v4/core';
import * as z from 'zod/mini';
import { findCardData } from '../card-data';
import { InvalidInput, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import type { HttpEvent } from './types';

/** How a route takes its JSON body. */
export interface BodySpec<Body> {
  schema: $ZodType<Body>;
  limitBytes: number;
}

const isJson = (contentType: string | undefined): boolean =>
  /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * Reads, size-checks, parses, card-screens and validates a JSON body, in that order, so that
 * nothing is parsed past its limit and card data is refused before any schema sees it.
 */
export const parseJsonBody = <Body>(event: HttpEvent, spec: BodySpec<Body>): Body => {
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > spec.limitBytes) throw new PayloadTooLarge(spec.limitBytes);
  if (!isJson(event.headers['content-type'])) throw new UnsupportedMediaType();
  if (raw.trim() === '') throw new InvalidInput('A JSON request body is required.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new InvalidInput('The request body is not valid JSON.');
  }
  const cardData = findCardData(parsed);
  if (cardData.length > 0) throw new InvalidInput('Card data is never accepted.', cardData);
  return validate(spec.schema, parsed);
};

/** The value as the schema's type, or a 400 listing each problem's path and message (never the value). */
export const validate = <T>(schema: $ZodType<T>, value: unknown): T => {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw new InvalidInput(
      'The request body does not match the schema.',
      result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message })),
    );
  }
  return result.data;
};
