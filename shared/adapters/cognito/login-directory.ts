import type { LoginDirectory } from '../../accounts/logins';

// PLACEHOLDER until the user pool merges: the Cognito helper's adapter of the same name replaces
// this file. There is no user pool on this branch, hence no login: removing or disabling one is
// (truthfully) a no-op, while provisioning a login or changing its email fails loudly (the
// message is retried, then dead-lettered; the request answers 500).
class NoUserPool implements LoginDirectory {
  async provision(): Promise<'invited' | 'signedIn'> {
    throw new Error('No user pool on this branch: logins cannot be provisioned');
  }

  async disable(): Promise<void> {}

  async remove(): Promise<void> {}

  async changeEmail(): Promise<void> {
    throw new Error('No user pool on this branch: a login email cannot change');
  }
}

export const loginDirectory = (): LoginDirectory => new NoUserPool();
