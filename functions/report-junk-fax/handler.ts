import { idTokenVerifier } from '../../shared/adapters/cognito/id-tokens';
import { accountStore, blockList, inbox, junkReportStore, junkReportThrottle, recipients } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { EnvNames, positiveIntEnv, requiredEnv } from '../../shared/config';
import { accepted, httpRoute } from '../../shared/http/route';
import { DEFAULT_JUNK_FAX_THRESHOLD } from '../../shared/junk/case';
import { fileJunkReport } from '../../shared/junk/reporting';
import declaration from './function';

const deps = {
  reports: junkReportStore(),
  throttle: junkReportThrottle(),
  accounts: accountStore(),
  inbox: inbox(),
  blockList: blockList(),
  recipients: recipients(),
  pseudonymiser: pseudonymiser(),
  emails: emailOutbox(),
  adminEmail: requiredEnv(EnvNames.adminEmail),
  threshold: positiveIntEnv(EnvNames.junkFaxThreshold, DEFAULT_JUNK_FAX_THRESHOLD),
};

export const handler = httpRoute({ trigger: declaration.trigger, verifyBearer: idTokenVerifier() }, async ({ caller, body, sourceIp, requestId }) =>
  accepted(await fileJunkReport(deps, body, { ...(caller?.accountId ? { accountId: caller.accountId } : {}), sourceIp }, requestId)),
);
