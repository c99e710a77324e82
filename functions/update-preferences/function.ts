import { preferenceChanges } from '../../shared/accounts/preference-changes';
import { preferenceSettings } from '../../shared/accounts/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'update-preferences',
  description: 'PUT /me/preferences: marketing and communication choices',
  trigger: {
    kind: 'http',
    method: 'PUT',
    path: '/me/preferences',
    auth: 'customer',
    bodyLimitBytes: 1024,
    body: preferenceChanges,
    problems: [404, 409, 422],
  },
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'AUDIT'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: preferenceSettings }));
