import { accountCreatedV1 } from '../../events/account-created';
import { staleAliasRelease } from '../../shared/accounts/email-aliases';
import { provisionLogin } from '../../shared/accounts/provisioning';
import { temporaryPassword } from '../../shared/accounts/password-policy';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { accountStore } from '../../shared/adapters/dynamo/stores';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';

const accounts = accountStore();
const deps = { accounts, logins: loginDirectory(staleAliasRelease(accounts)), emails: emailOutbox(), newPassword: temporaryPassword };

export const handler = sqsConsumer(accountCreatedV1, (message, _metrics, requestId) => provisionLogin(deps, message, requestId));
