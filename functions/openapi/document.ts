import { openApiDocument } from '../../shared/http/openapi';
import { catalog, routeResponses } from '../catalog';

/** The API's OpenAPI document: every HTTP route of the catalog. */
export const apiDocument = () =>
  openApiDocument(
    catalog.flatMap(({ name, description, trigger }) =>
      trigger.kind === 'http' ? [{ name, description, trigger, responses: routeResponses.get(name) ?? {} }] : [],
    ),
  );
