import { junkReportStore } from '../../shared/adapters/dynamo/stores';
import { adminId } from '../../shared/http/caller';
import { validate } from '../../shared/http/json-body';
import { httpRoute, ok } from '../../shared/http/route';
import { dismissJunkCase } from '../../shared/junk/admin';
import declaration from './function';

const reports = junkReportStore();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, body, pathParameters }) =>
  ok(
    await dismissJunkCase(reports, validate(declaration.trigger.pathParameters.shape.caseId, pathParameters.caseId, 'caseId'), {
      adminId: adminId(caller),
      reason: body.reason,
    }),
  ),
);
