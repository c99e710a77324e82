import type { $ZodType } from 'zod/v4/core';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { findCardData } from '../card-data';
import { InvalidInput, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import type { HttpEvent } from './types';

// zod/mini ships without messages ("Invalid input"); English ones tell clients what to fix.
z.config(en());

/** How a route takes its JSON body. */
export interface BodySpec<Body> {
  schema: $ZodType<Body>;
  limitBytes: number;
  /** Client routes refuse card data anywhere; gateway routes carry base64 documents instead. */
  screenCardData: boolean;
}

/** The parts of a request that carry its body (an HTTP API event, or the local runtime's own routes). */
type BodyCarrier = Pick<HttpEvent, 'body' | 'isBase64Encoded' | 'headers'>;

/** The request body's bytes exactly as the client sent them. */
export const rawBody = (event: BodyCarrier): Buffer =>
  event.body === undefined ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');

const isJson = (contentType: string | undefined): boolean =>
  /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * Reads, size-checks, parses, card-screens and validates a JSON body, in that order, so that
 * nothing is parsed past its limit and card data is refused before any schema sees it.
 */
export const parseJsonBody = <Body>(event: BodyCarrier, spec: BodySpec<Body>): Body => {
  const bytes = rawBody(event);
  if (bytes.length > spec.limitBytes) throw new PayloadTooLarge(`The request body exceeds this route's limit of ${spec.limitBytes} bytes.`);
  if (!isJson(event.headers['content-type'])) throw new UnsupportedMediaType();
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new InvalidInput('A JSON request body is required.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidInput('The request body is not valid JSON.');
  }
  const cardData = spec.screenCardData ? findCardData(parsed) : [];
  if (cardData.length > 0) throw new InvalidInput('Card data is never accepted.', cardData);
  return validate(spec.schema, parsed);
};

/**
 * The value as the schema's type, or a 400 listing each problem's path and message (never the
 * value). `name` names the value in the problem: the body, or a path parameter.
 */
export const validate = <T>(schema: $ZodType<T>, value: unknown, name = '(body)'): T => {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw new InvalidInput(
      name === '(body)' ? 'The request body does not match the schema.' : `The ${name} in the path is not valid.`,
      result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || name, message: issue.message })),
    );
  }
  return result.data;
};
