import type { $ZodType } from 'zod/v4/core';

// The keys a schema declares anywhere (object shapes, through optional, union, array and other
// wrappers): our own vocabulary, which a problem may name. A key the client chose is not among them.

interface SchemaDefinition {
  type: string;
  shape?: Record<string, $ZodType>;
  innerType?: $ZodType;
  element?: $ZodType;
  options?: readonly $ZodType[];
  items?: readonly $ZodType[];
  rest?: $ZodType | null;
  left?: $ZodType;
  right?: $ZodType;
  in?: $ZodType;
  out?: $ZodType;
  valueType?: $ZodType;
  getter?: () => $ZodType;
}

const definitionOf = (schema: $ZodType): SchemaDefinition => schema._zod.def as unknown as SchemaDefinition;

/** The schemas a schema is made of: its shape's values, its wrapped schema, its options or elements. */
const partsOf = (definition: SchemaDefinition): $ZodType[] =>
  [
    ...Object.values(definition.shape ?? {}),
    definition.innerType,
    definition.element,
    ...(definition.options ?? []),
    ...(definition.items ?? []),
    definition.rest ?? undefined,
    definition.left,
    definition.right,
    definition.in,
    definition.out,
    // A record's keys are the client's; only its values' schemas declare ours.
    definition.valueType,
    definition.type === 'lazy' ? definition.getter?.() : undefined,
  ].filter((part): part is $ZodType => part !== undefined);

/** Every field `schema` declares, at any depth: each key with its value's schema. */
export const declaredFields = (schema: $ZodType): [key: string, field: $ZodType][] => {
  const fields: [string, $ZodType][] = [];
  const seen = new Set<$ZodType>();
  const pending = [schema];
  while (pending.length > 0) {
    const here = pending.pop()!;
    if (seen.has(here)) continue;
    seen.add(here);
    const definition = definitionOf(here);
    fields.push(...Object.entries(definition.shape ?? {}));
    pending.push(...partsOf(definition));
  }
  return fields;
};

const computed = new WeakMap<$ZodType, ReadonlySet<string>>();

/** Every key `schema` declares, at any depth; computed once per schema. */
export const declaredKeys = (schema: $ZodType): ReadonlySet<string> => {
  let keys = computed.get(schema);
  if (!keys) {
    keys = new Set(declaredFields(schema).map(([key]) => key));
    computed.set(schema, keys);
  }
  return keys;
};
