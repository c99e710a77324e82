import { junkFaxReportForm, junkFaxReportReceipt } from '../../shared/junk/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'report-junk-fax',
  description: 'POST /junk-fax-reports: a junk-fax report from anyone or a customer; counts towards its sender case, escalates it to the admins at the threshold',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/junk-fax-reports',
    auth: 'optional',
    bodyLimitBytes: 16 * 1024,
    body: junkFaxReportForm,
    problems: [404, 422, 429],
  },
  // The sender's case, reports and reporter windows (SENDER); each reporter identity's hour (THROTTLE);
  // the `closed` audit entry of a case whose number changed hands; the number's holder (NUMBER, then
  // ACCOUNT). A customer's account, the fax they name and the sender they block are under ACCOUNT,
  // which their first request also activates (shared/accounts/profile.ts).
  access: {
    table: 'readWrite',
    tableKeys: ['SENDER', 'THROTTLE', 'AUDIT', 'NUMBER', 'ACCOUNT'],
    sendTo: ['emails'],
    hashKey: true,
    notifyAdmins: true,
    idTokens: true,
  },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 202: junkFaxReportReceipt }));
