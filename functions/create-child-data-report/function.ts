import { childDataReport, childDataReportReceipt } from '../../shared/rights/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'create-child-data-report',
  description: "POST /admin/child-data-reports: an admin reports a child's data; its erasure is queued without verification",
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/child-data-reports',
    auth: 'admin',
    bodyLimitBytes: 1024,
    body: childDataReport,
  },
  // The verified request with its `received` and `verified` audit entries, in one transaction.
  access: { table: 'readWrite', tableKeys: ['RIGHTS', 'AUDIT'], sendTo: ['rightsRequests'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 202: childDataReportReceipt }));
