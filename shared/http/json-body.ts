import type { $ZodType } from 'zod/v4/core';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { findCardData } from '../card-data';
import { declaredKeys } from './declared-keys';
import { InvalidInput, PayloadTooLarge, UnsupportedMediaType, fieldPath } from '../errors';
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

/** No request of ours nests deeper; deeper bodies are refused before anything walks them. */
const MAX_JSON_DEPTH = 32;

const isJson = (contentType: string | undefined): boolean =>
  /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/** True when arrays and objects nest deeper than `maxDepth` levels; iterative, so any depth is safe. */
const nestedDeeperThan = (value: unknown, maxDepth: number): boolean => {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: here, depth } = pending.pop()!;
    if (here === null || typeof here !== 'object') continue;
    if (depth === maxDepth) return true;
    for (const item of Object.values(here)) pending.push({ value: item, depth: depth + 1 });
  }
  return false;
};

/**
 * Reads, size-checks, parses, depth-checks, card-screens and validates a JSON body, in that order,
 * so that nothing is parsed past its limit and card data is refused before any schema sees it.
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
  if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) throw new InvalidInput(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  const cardData = spec.screenCardData ? findCardData(parsed, declaredKeys(spec.schema)) : [];
  if (cardData.length > 0) throw new InvalidInput('Card data is never accepted.', cardData);
  return validate(spec.schema, parsed);
};

// zod names unknown keys in its message; a key may be an email or a card number, so it never is.
const issueMessage = (issue: z.core.$ZodIssue): string => (issue.code === 'unrecognized_keys' ? 'Unknown field.' : issue.message);

/**
 * The value as the schema's type, or a 400 listing each problem's path and message (never the
 * value, nor a key the schema does not declare). `name` names the value in the problem: the body, a
 * path parameter, a header.
 */
export const validate = <T>(schema: $ZodType<T>, value: unknown, name = '(body)'): T => {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    const declared = declaredKeys(schema);
    throw new InvalidInput(
      name === '(body)' ? 'The request body does not match the schema.' : `The ${name} is not valid.`,
      result.error.issues.map((issue) => ({ path: fieldPath(issue.path, (key) => declared.has(key), name), message: issueMessage(issue) })),
    );
  }
  return result.data;
};
