import type { FunctionDeclaration } from './declaration';
import createAccount from './create-account/function';
import deactivateAccount from './deactivate-account/function';
import getProfile from './get-profile/function';
import health from './health/function';
import notFound from './not-found/function';
import updatePreferences from './update-preferences/function';
import updateProfile from './update-profile/function';

/** Every function of the backend. The CDK stacks and the local runtime both deploy exactly these. */
export const catalog: readonly FunctionDeclaration[] = [
  health,
  notFound,
  createAccount,
  getProfile,
  updateProfile,
  updatePreferences,
  deactivateAccount,
];
