/**
 * A schema declared at module level, written `export const form = /* @__PURE__ *\/ schema(() => …)`:
 * built when its module loads, like any constant, but left out of a bundle whose function never
 * reads it. esbuild drops an unused call only when the call itself is annotated pure: it does not
 * carry zod's own no-side-effects annotations across modules (evanw/esbuild#4369), and `.check(…)`
 * chains and spread shapes carry none, so without this every schema of a module was built by every
 * function that imported anything from it (README, "Cold-start budget"). The wrapper gives the
 * annotation one call to sit on, however the schema is written; test/lint/module-schemas.test.ts
 * checks that every module-level schema has it.
 */
export const schema = <T>(build: () => T): T => build();
