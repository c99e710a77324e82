import { legalFee, legalRequestPath, legalRequestView } from '../../shared/legal/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'pay-legal-fee',
  description: 'POST /admin/legal-requests/{id}/fee: the requester paid the fee (at least $250); the quash window, or ready',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/legal-requests/{id}/fee',
    auth: 'admin',
    bodyLimitBytes: 1024,
    body: legalFee,
    pathParameters: legalRequestPath,
    problems: [404, 409, 422],
  },
  // The notice is asked for again (sent once): the customer's account by id, email claim or number.
  access: { table: 'readWrite', tableKeys: ['LEGAL', 'LEGALHOLD', 'AUDIT', 'ACCOUNT', 'EMAIL', 'NUMBER'], sendTo: ['emails'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: legalRequestView }));
