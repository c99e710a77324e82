import { junkReportStore } from '../../shared/adapters/dynamo/stores';
import { adminId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import { dismissJunkCase } from '../../shared/junk/admin';
import declaration from './function';

const reports = junkReportStore();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, body, pathParameters }) =>
  ok(
    await dismissJunkCase(reports, pathParameters.caseId, {
      adminId: adminId(caller),
      reason: body.reason,
    }),
  ),
);
