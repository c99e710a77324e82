import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ACCOUNT_ID_ATTRIBUTE, type LoginDescription, type LoginDirectory } from '../../accounts/logins';
import { EnvNames, requiredEnv } from '../../config';

/** The endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER locally). */
const cognitoClient = new CognitoIdentityProviderClient({});

// An email the backend sets has been proven (sign-up's invitation, the email change's code), and
// only a verified email signs in as an alias of the username.
const verifiedEmail = (email: string) => [
  { Name: 'email', Value: email },
  { Name: 'email_verified', Value: 'true' },
];

/** A login that is not there is what disable and remove want. */
const unlessMissing = async (operation: Promise<unknown>): Promise<void> => {
  try {
    await operation;
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error;
  }
};

/** Customers' logins as users of the Cognito user pool, username = accountId. */
class CognitoLoginDirectory implements LoginDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async provision(login: { accountId: string; email: string; temporaryPassword: string }): Promise<'invited' | 'signedIn'> {
    const { accountId: Username, email, temporaryPassword } = login;
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username,
          TemporaryPassword: temporaryPassword,
          // The backend sends the invitation through its own email pipeline.
          MessageAction: 'SUPPRESS',
          UserAttributes: [...verifiedEmail(email), { Name: `custom:${ACCOUNT_ID_ATTRIBUTE}`, Value: Username }],
        }),
      );
      return 'invited';
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
    }
    // Created before (a redelivery, a resent invitation): only a login never signed into takes a new temporary password.
    const existing = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username }));
    if (existing.UserStatus !== 'FORCE_CHANGE_PASSWORD') return 'signedIn';
    await this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username, Password: temporaryPassword, Permanent: false }));
    return 'invited';
  }

  async disable(accountId: string): Promise<void> {
    const login = { UserPoolId: this.userPoolId, Username: accountId };
    await unlessMissing(this.client.send(new AdminDisableUserCommand(login)));
    // Disabling stops new sign-ins; signing out revokes the refresh tokens already handed out.
    await unlessMissing(this.client.send(new AdminUserGlobalSignOutCommand(login)));
  }

  async remove(accountId: string): Promise<void> {
    await unlessMissing(this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: accountId })));
  }

  async changeEmail(accountId: string, email: string): Promise<void> {
    await this.client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: this.userPoolId, Username: accountId, UserAttributes: verifiedEmail(email) }),
    );
  }

  async describe(accountId: string): Promise<LoginDescription | undefined> {
    try {
      const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: accountId }));
      const attribute = (name: string) => user.UserAttributes?.find((candidate) => candidate.Name === name)?.Value;
      const email = attribute('email');
      return {
        username: user.Username ?? accountId,
        ...(email === undefined ? {} : { email }),
        emailVerified: attribute('email_verified') === 'true',
        enabled: user.Enabled ?? false,
        ...(user.UserStatus === undefined ? {} : { status: user.UserStatus }),
        ...(user.UserCreateDate === undefined ? {} : { createdAt: user.UserCreateDate.toISOString() }),
      };
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }
}

/** The logins of the user pool the function is bound to. */
export const loginDirectory = (): LoginDirectory => new CognitoLoginDirectory(cognitoClient, requiredEnv(EnvNames.userPoolId));
