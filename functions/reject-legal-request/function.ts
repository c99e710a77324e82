import { legalClosingTrigger, legalRequestView } from '../../shared/legal/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'reject-legal-request',
  description: 'POST /admin/legal-requests/{id}/reject: the service refuses a legal request (invalid, quashed, withdrawn); its hold ends',
  trigger: legalClosingTrigger('reject'),
  access: { table: 'readWrite', tableKeys: ['LEGAL', 'LEGALHOLD', 'AUDIT'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: legalRequestView }));
