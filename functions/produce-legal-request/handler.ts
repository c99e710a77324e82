import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { tablePersonalData } from '../../shared/adapters/dynamo/person-data';
import { accountStore, legalRequestStore, recipients } from '../../shared/adapters/dynamo/stores';
import { exportStore, faxDocuments } from '../../shared/adapters/s3/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { EnvNames, requiredEnv } from '../../shared/config';
import { adminId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import { produceLegalRequest } from '../../shared/legal/production';
import { legalTimesFromEnv } from '../../shared/legal/requests';
import { loginSource } from '../../shared/rights/export';
import declaration from './function';

const store = legalRequestStore();
const deps = {
  store,
  lookup: { accounts: accountStore(), recipients: recipients() },
  pseudonymiser: pseudonymiser(),
  sources: { ...tablePersonalData(documentClient, requiredEnv(EnvNames.table)), userPoolLogins: loginSource(loginDirectory()) },
  reportsAbout: (faxNumber: string) => store.reportsAbout(faxNumber),
  documents: faxDocuments(),
  exports: exportStore(),
  apiUrl: requiredEnv(EnvNames.apiUrl),
  times: legalTimesFromEnv(),
};

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ pathParameters, caller }) => ok(await produceLegalRequest(deps, pathParameters.id, adminId(caller))));
