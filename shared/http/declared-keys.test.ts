import * as z from 'zod/mini';
import { declaredKeys } from './declared-keys';

describe('declaredKeys', () => {
  it('lists the keys declared at any depth, through optional, union, array and record wrappers', () => {
    // Prepare
    const schema = z
      .strictObject({
        company: z.optional(z.string()),
        billing: z.strictObject({ processorToken: z.string() }),
        document: z.union([z.strictObject({ contentBase64: z.string() }), z.strictObject({ uploadId: z.string() })]),
        lines: z.array(z.strictObject({ memo: z.nullable(z.string()) })),
        labels: z.record(z.string(), z.strictObject({ colour: z.string() })),
      })
      .check(z.refine(() => true));

    // Act
    const keys = declaredKeys(schema);

    // Assess
    expect([...keys].sort()).toEqual(['billing', 'colour', 'company', 'contentBase64', 'document', 'labels', 'lines', 'memo', 'processorToken', 'uploadId']);
  });

  it('declares no key for a schema of a single value', () => {
    // Act & Assess
    expect([...declaredKeys(z.string())]).toEqual([]);
  });

  it('walks a recursive schema once', () => {
    // Prepare
    const node: z.ZodMiniType = z.strictObject({
      name: z.string(),
      get children() {
        return z.optional(z.array(node));
      },
    });

    // Act
    const keys = declaredKeys(node);

    // Assess
    expect([...keys].sort()).toEqual(['children', 'name']);
  });
});
