import { Conflict } from '../errors';

/** The pool's custom attribute holding a login's accountId; tokens carry it as the `custom:accountId` claim. */
export const ACCOUNT_ID_ATTRIBUTE = 'accountId';

/** The pool group whose members' tokens pass `admin` routes (`cognito:groups`). */
export const ADMIN_GROUP = 'admin';

/**
 * Customers' logins in the user pool (username = accountId, `custom:accountId` set by the backend
 * only). Every operation is idempotent: doing it again, or on a login already in the wanted state,
 * succeeds and changes nothing more.
 */
export interface LoginDirectory {
  /**
   * Creates the login with this temporary password (the pool's own invitation suppressed), or, when
   * it exists and was never signed into, sets this temporary password on it. `signedIn` when its
   * owner already chose a password: nothing was changed then.
   */
  provision(login: { accountId: string; email: string; temporaryPassword: string }): Promise<'invited' | 'signedIn'>;
  // provision and changeEmail: the pool lets one login only hold an email as its sign-in alias.
  // When another holds it, the directory takes it from that login if the directory's
  // `AliasRelease` allows, else throws `EmailAliasHeld`.
  /** Disables the login and signs it out everywhere (its refresh tokens revoked); a missing login is success. */
  disable(accountId: string): Promise<void>;
  /** Deletes the login; a missing login is success. */
  remove(accountId: string): Promise<void>;
  /** Makes `email` the login's (verified) email (see provision on an email another login holds). */
  changeEmail(accountId: string, email: string): Promise<void>;
  /** What the pool holds of the login (an access export's `userPoolLogins`), or undefined when there is none. Reads only. */
  describe(accountId: string): Promise<LoginDescription | undefined>;
}

/** A login as the pool holds it: never its password. */
export interface LoginDescription {
  username: string;
  email?: string;
  emailVerified: boolean;
  enabled: boolean;
  /** The pool's status of the login (`FORCE_CHANGE_PASSWORD` until its first sign-in, then `CONFIRMED`). */
  status?: string;
  createdAt?: string;
}

/** A login of the pool holding an email as its sign-in alias; `accountId` when the backend made it (an administrator's has none). */
export interface AliasHolder {
  username: string;
  accountId?: string;
}

/** Whether the login `holder` may lose `email` as its sign-in alias, so that another login can have it. */
export type AliasRelease = (holder: AliasHolder, email: string) => Promise<boolean>;

/**
 * Another login holds the email as its sign-in alias and may keep it: an administrator's, or a
 * live account's. Needs a person (docs: README, "Logins"); a retry succeeds once it is resolved.
 */
export class EmailAliasHeld extends Conflict {
  constructor() {
    super('Another login of the user pool signs in with this email; it cannot be given to this login.');
  }
}
