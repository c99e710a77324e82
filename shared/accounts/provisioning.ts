import { createHash } from 'node:crypto';
import type { AccountCreatedV1 } from '../../events/account-created';
import { now, nowIso } from '../clock';
import type { EmailOutbox } from '../email/outbox';
import { drain } from '../jobs/drain';
import type { Account } from './account';
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

export type ProvisioningOutcome = 'invited' | 'signed_in' | 'disabled' | 'withdrawn' | 'not_awaiting';

/**
 * A live account whose login was never provisioned, whatever its status: a pending sign-up, or
 * one already active (locally a `POST /_local/token` activates it before its login exists;
 * deployed an owner who signed in while the mark was lost) or stopped since. Never one whose
 * removal (expiry, erasure) began: that removal deletes the login.
 */
const awaitsLogin = (account: Account | undefined): account is Account => account !== undefined && account.removal === undefined && account.loginProvisionedAt === undefined;

/**
 * The consumer of `account.created`: gives an account that has no login yet its login and invites
 * its owner. Steps: login (with a fresh temporary password) → the account read again → invitation
 * → mark provisioned. A crash or failure anywhere before the mark leaves the account awaiting its
 * login, so the redelivery (or the re-drive) runs every step again with a new password, which the
 * login then has: an invitation with a stale password is never the last one sent. Once marked, or
 * when the account is gone or being removed, nothing happens. A login its owner already signed
 * into keeps its password (nothing to send).
 *
 * The second read closes the race with a removal: an erasure or expiry sets `removal` before it
 * deletes the login, so a login made after the removal's deletion is seen here and deleted again
 * (no invitation), and one made before it is the removal's to delete. Likewise an account stopped
 * meanwhile gets its login disabled, as `stopAccount` would have done, and no invitation.
 */
export const provisionLogin = async (deps: ProvisioningDeps, event: AccountCreatedV1, requestId: string): Promise<ProvisioningOutcome> => {
  const account = await deps.accounts.get(event.accountId);
  if (!awaitsLogin(account)) return 'not_awaiting';
  const { accountId } = account;
  const temporaryPassword = deps.newPassword();
  const login = await deps.logins.provision({ accountId, email: account.email, temporaryPassword });
  const current = await deps.accounts.get(accountId);
  if (current === undefined || current.removal !== undefined) {
    await deps.logins.remove(accountId);
    return 'withdrawn';
  }
  if (current.status === 'deactivated') {
    await deps.logins.disable(accountId);
    await deps.accounts.markLoginProvisioned(accountId, nowIso());
    return 'disabled';
  }
  if (login === 'invited') {
    await deps.emails.request(
      {
        template: 'login-invitation',
        messageId: invitationId(accountId, temporaryPassword),
        to: account.email,
        params: { username: accountId, temporaryPassword },
      },
      requestId,
    );
  }
  await deps.accounts.markLoginProvisioned(accountId, nowIso());
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
