import type { LoginDirectory } from '../../accounts/logins';

/** A `LoginDirectory` operation; a function's declaration names those it performs. */
export type LoginOperation = keyof LoginDirectory;

/**
 * The user pool actions each operation of the Cognito login directory calls: the stateless stack
 * grants a function exactly those of the operations it declares, on its pool only.
 */
export const LOGIN_ACTIONS: Record<LoginOperation, readonly string[]> = {
  // provision and changeEmail: on an email another login holds, ListUsers finds that login and
  // AdminUpdateUserAttributes takes the alias from it (when the function's policy allows).
  provision: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:ListUsers', 'cognito-idp:AdminUpdateUserAttributes'],
  disable: ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut'],
  remove: ['cognito-idp:AdminDeleteUser'],
  changeEmail: ['cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:ListUsers'],
  describe: ['cognito-idp:AdminGetUser'],
};
