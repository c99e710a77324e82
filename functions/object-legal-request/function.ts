import { legalClosingTrigger, legalRequestView } from '../../shared/legal/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'object-legal-request',
  description: 'POST /admin/legal-requests/{id}/object: the service objects to a legal request (vague, overbroad, undue burden); its hold ends',
  trigger: legalClosingTrigger('object'),
  access: { table: 'readWrite', tableKeys: ['LEGAL', 'LEGALHOLD', 'AUDIT'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: legalRequestView }));
