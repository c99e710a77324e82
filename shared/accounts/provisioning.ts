import { createHash } from 'node:crypto';
import type { AccountCreatedV1 } from '../../events/account-created';
import { now, nowIso } from '../clock';
import type { EmailOutbox } from '../email/outbox';
import { drain } from '../jobs/drain';
import type { AccountStore } from './account-store';
import type { LoginDirectory } from './logins';
import type { AccountEvents } from './ports';

export const accountCreated = (accountId: string): AccountCreatedV1 => ({ type: 'account.created', version: 1, accountId });

/**
 * One invitation per temporary password: a new password always has a new message id, so the
 * pipeline's exactly-once never swallows the invitation that carries the password that works.
 * A digest of the password, never the password, so the id can be logged.
 */
const invitationId = (accountId: string, temporaryPassword: string) =>
  `login-invitation#${accountId}#${createHash('sha256').update(temporaryPassword).digest('hex').slice(0, 16)}`;

export interface ProvisioningDeps {
  accounts: AccountStore;
  logins: LoginDirectory;
  emails: EmailOutbox;
  newPassword: () => string;
}

export type ProvisioningOutcome = 'invited' | 'signed_in' | 'not_awaiting';

/**
 * The consumer of `account.created`: gives a pending account its login and invites its owner.
 * Steps: login (with a fresh temporary password) → invitation → mark provisioned. A crash or
 * failure anywhere before the mark leaves the account awaiting its login, so the redelivery (or
 * the re-drive) runs every step again with a new password, which the login then has: an
 * invitation with a stale password is never the last one sent. Once marked, or when the account
 * is gone or no longer pending, nothing happens. A login its owner already signed into keeps its
 * password (nothing to send).
 */
export const provisionLogin = async (deps: ProvisioningDeps, event: AccountCreatedV1, requestId: string): Promise<ProvisioningOutcome> => {
  const account = await deps.accounts.get(event.accountId);
  if (!account || account.status !== 'pending' || account.loginProvisionedAt) return 'not_awaiting';
  const temporaryPassword = deps.newPassword();
  const login = await deps.logins.provision({ accountId: account.accountId, email: account.email, temporaryPassword });
  if (login === 'invited') {
    await deps.emails.request(
      {
        template: 'login-invitation',
        messageId: invitationId(account.accountId, temporaryPassword),
        to: account.email,
        params: { username: account.accountId, temporaryPassword },
      },
      requestId,
    );
  }
  await deps.accounts.markLoginProvisioned(account.accountId, nowIso());
  return login === 'invited' ? 'invited' : 'signed_in';
};

/**
 * An account still awaiting its login this long after its event was last sent lost the event (or
 * its consumer keeps failing, and SQS keeps retrying it): well past the consumer's retries of a
 * healthy message, so a slow one is rarely sent twice (harmless: the consumer re-checks).
 */
export const LOGIN_STRANDED_AFTER_MS = 10 * 60 * 1000;

/**
 * The re-drive of sign-ups: sends `account.created` again for every account awaiting its login
 * since before the stranded window, noting each send, so a run walks past it and the next sends
 * it again only after another window. A failing queue fails the run.
 */
export const redriveSignUps = async (deps: { accounts: AccountStore; events: AccountEvents }, hasTimeLeft: () => boolean, batchSize = 100) => {
  const at = now();
  const before = new Date(at.getTime() - LOGIN_STRANDED_AFTER_MS);
  const signUpsRequeued = await drain({
    next: (limit) => deps.accounts.awaitingLogin(before, limit),
    idOf: (accountId) => accountId,
    handle: async (accountId) => {
      await deps.events.send(accountCreated(accountId));
      await deps.accounts.noteLoginRequested(accountId, at.toISOString());
    },
    hasTimeLeft,
    batchSize,
  });
  return { signUpsRequeued };
};
