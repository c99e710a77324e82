import type { $ZodObject, $ZodType } from 'zod/v4/core';
import * as z from 'zod/mini';
import { ConfigurationError, NotFound } from '../errors';
import { idShape } from '../ids';
import { validate } from './json-body';

// Every path parameter of every route is checked by the edge against its route's declared schema
// before any handler reads it, so no route can pass a value of another shape (a 3,000-character
// id, a traversal) to a store. One rule for ids: an id that could never have been issued names no
// resource, so it is a 404, as an unknown id is; any other parameter (a fax number) is a 400.

/** The 404 detail of each resource id schema (`resourceId`): its parameter names a resource. */
const resourceIds = new WeakMap<$ZodType, string>();

/** A path parameter that names a resource by a key of `shape` (a policy version): any other shape names no such resource. */
export const resourceKey = (shape: RegExp, noun: string) => {
  const id = z.string().check(z.regex(shape));
  resourceIds.set(id, `There is no such ${noun}.`);
  return id;
};

/** A path parameter that is the id of a resource (`fax_01J…`): any other shape names no such resource. */
export const resourceId = (prefix: string, noun: string) => resourceKey(idShape(prefix), noun);

/** Whether a route's path names a resource by id (its path's malformed ids answer 404). */
export const namesResourceById = (schema: $ZodObject | undefined): boolean =>
  Object.values(schema?._zod.def.shape ?? {}).some((parameter) => resourceIds.has(parameter));

/** The `{name}` parameters of an API Gateway route path (`/faxes/{faxId}`). */
const pathParameterNames = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);

/**
 * The checker of a route's path parameters, built once: it fails unless the declared schema names
 * exactly the path's parameters, so a route cannot leave one unchecked.
 */
export const pathValidator = (path: string, schema: $ZodObject | undefined) => {
  const names = pathParameterNames(path);
  const shape = schema?._zod.def.shape ?? {};
  const declared = Object.keys(shape);
  if (names.length !== declared.length || names.some((name) => !(name in shape))) {
    throw new ConfigurationError(`the pathParameters schema of ${path} (it must declare exactly ${names.join(', ') || 'none'})`);
  }
  /** The parameters as their schemas read them; a 404 for a malformed id, a 400 for any other value. */
  return (parameters: Record<string, string>): Record<string, string> =>
    Object.fromEntries(
      names.map((name) => {
        const parameter = shape[name];
        const notFound = resourceIds.get(parameter);
        if (notFound === undefined) return [name, validate(parameter, parameters[name], name) as string];
        const id = z.safeParse(parameter, parameters[name]);
        if (!id.success) throw new NotFound(notFound);
        return [name, id.data as string];
      }),
    );
};
