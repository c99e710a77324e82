import { schema } from '../../shared/schema';
import { usageQuery, usageReportSchema } from '../../shared/usage/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'usage-report',
  description: 'GET /admin/reports/usage: anonymised usage by month or area code, from the monthly rollups (never the faxes)',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/admin/reports/usage',
    auth: 'admin',
    query: usageQuery,
  },
  access: { table: 'read', tableKeys: ['USAGEREPORT'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: usageReportSchema }));
