import { pathValidator } from '../shared/http/path';
import { catalog } from './catalog';

// The edge checks a route's path parameters against its declaration (shared/http/path.ts); a
// route whose path parameters are not all declared would fail at its handler's first import, so
// the catalog is held to it here, before any function is built.
const routes = catalog.flatMap(({ name, trigger }) => (trigger.kind === 'http' ? [[name, trigger] as const] : []));

it.each(routes)('%s declares a schema of exactly its path parameters', (_name, { path, pathParameters }) => {
  // Act & Assess
  expect(() => pathValidator(path, pathParameters)).not.toThrow();
});
