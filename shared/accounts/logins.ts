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
  /** Disables the login and signs it out everywhere (its refresh tokens revoked); a missing login is success. */
  disable(accountId: string): Promise<void>;
  /** Deletes the login; a missing login is success. */
  remove(accountId: string): Promise<void>;
  /** Makes `email` the login's (verified) email. */
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
