import type { LoginDirectory } from '../../accounts/logins';

/** A `LoginDirectory` operation; a function's declaration names those it performs. */
export type LoginOperation = keyof LoginDirectory;

/**
 * The user pool actions each operation of the Cognito login directory calls: the stateless stack
 * grants a function exactly those of the operations it declares, on its pool only.
 */
export const LOGIN_ACTIONS: Record<LoginOperation, readonly string[]> = {
  provision: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminSetUserPassword'],
  disable: ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut'],
  remove: ['cognito-idp:AdminDeleteUser'],
  changeEmail: ['cognito-idp:AdminUpdateUserAttributes'],
  describe: ['cognito-idp:AdminGetUser'],
};
