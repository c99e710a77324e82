import { findCardData } from '../card-data';
import { InvalidInput, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import { declaredKeys } from './declared-keys';
import { rawBody, validate, type BodySpec } from './json-body';
import type { HttpEvent } from './types';

const isForm = (contentType: string | undefined): boolean => /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '');

/**
 * Reads an optional HTML form body (`application/x-www-form-urlencoded`), in the order of a JSON
 * body: size, media type, parse, card screen, schema. No body at all is the empty form `{}` (a
 * one-click unsubscribe may come bodiless, RFC 8058); a field given twice is a 400 (the schema
 * could not tell which one counts).
 */
export const parseFormBody = <Body>(event: Pick<HttpEvent, 'body' | 'isBase64Encoded' | 'headers'>, spec: BodySpec<Body>): Body => {
  const bytes = rawBody(event);
  if (bytes.length > spec.limitBytes) throw new PayloadTooLarge(`The request body exceeds this route's limit of ${spec.limitBytes} bytes.`);
  const fields: Record<string, string> = {};
  if (bytes.length > 0) {
    if (!isForm(event.headers['content-type'])) throw new UnsupportedMediaType('The request body must be a form (content-type: application/x-www-form-urlencoded), or none.');
    for (const [name, value] of new URLSearchParams(bytes.toString('utf8'))) {
      if (Object.hasOwn(fields, name)) throw new InvalidInput('A form field is given more than once.');
      fields[name] = value;
    }
  }
  const cardData = spec.screenCardData ? findCardData(fields, declaredKeys(spec.schema)) : [];
  if (cardData.length > 0) throw new InvalidInput('Card data is never accepted.', cardData);
  return validate(spec.schema, fields);
};
