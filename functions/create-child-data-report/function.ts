import { childDataReport, childDataReportReceipt } from '../../shared/rights/schemas';
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
    responses: { 202: childDataReportReceipt },
  },
  access: { table: 'readWrite', sendTo: ['rightsRequests'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});
