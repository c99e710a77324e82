import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  AliasExistsException,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ACCOUNT_ID_ATTRIBUTE, EmailAliasHeld, type AliasHolder, type AliasRelease, type LoginDescription, type LoginDirectory } from '../../accounts/logins';
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

const attributeOf = (attributes: { Name?: string; Value?: string }[] | undefined, name: string) =>
  attributes?.find((candidate) => candidate.Name === name)?.Value;

/** A ListUsers filter's quoted value: quotes and backslashes escaped. */
const filterValue = (value: string) => `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`;

const NEVER: AliasRelease = async () => false;

/** Customers' logins as users of the Cognito user pool, username = accountId. */
class CognitoLoginDirectory implements LoginDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly mayRelease: AliasRelease,
  ) {}

  async provision(login: { accountId: string; email: string; temporaryPassword: string }): Promise<'invited' | 'signedIn'> {
    const { accountId: Username, email, temporaryPassword } = login;
    try {
      const create = {
        UserPoolId: this.userPoolId,
        Username,
        TemporaryPassword: temporaryPassword,
        // The backend sends the invitation through its own email pipeline.
        MessageAction: 'SUPPRESS' as const,
        UserAttributes: [...verifiedEmail(email), { Name: `custom:${ACCOUNT_ID_ATTRIBUTE}`, Value: Username }],
      };
      await this.withEmailAlias(email, () => this.client.send(new AdminCreateUserCommand(create)));
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
    await this.withEmailAlias(email, () =>
      this.client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: this.userPoolId, Username: accountId, UserAttributes: verifiedEmail(email) })),
    );
  }

  async describe(accountId: string): Promise<LoginDescription | undefined> {
    try {
      const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: accountId }));
      const attribute = (name: string) => attributeOf(user.UserAttributes, name);
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

  /**
   * Runs `write`, which gives a login `email` verified. Deployed, Cognito refuses it
   * (`AliasExistsException`) while another login holds the email as its verified alias
   * (cognito-local never does): the holder then loses the alias (its email left unverified, so
   * it no longer signs in with it) if `mayRelease` allows, and `write` runs again; otherwise
   * `EmailAliasHeld`. Explicit rather than `ForceAliasCreation`, which AdminUpdateUserAttributes
   * lacks and which would move the alias from whichever login holds it by then, unchecked.
   */
  private async withEmailAlias(email: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
      return;
    } catch (error) {
      if (!(error instanceof AliasExistsException)) throw error;
    }
    const holder = await this.aliasHolder(email);
    if (holder === undefined || !(await this.mayRelease(holder, email))) throw new EmailAliasHeld();
    await this.client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: this.userPoolId, Username: holder.username, UserAttributes: [{ Name: 'email_verified', Value: 'false' }] }),
    );
    await write();
  }

  /** The login whose verified email is `email`, if one is. */
  private async aliasHolder(email: string): Promise<AliasHolder | undefined> {
    const { Users = [] } = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Filter: `email = ${filterValue(email)}` }));
    const holder = Users.find((user) => attributeOf(user.Attributes, 'email_verified') === 'true');
    if (holder?.Username === undefined) return undefined;
    const accountId = attributeOf(holder.Attributes, `custom:${ACCOUNT_ID_ATTRIBUTE}`);
    return { username: holder.Username, ...(accountId === undefined ? {} : { accountId }) };
  }
}

/**
 * The logins of the user pool the function is bound to. `mayRelease` decides whether a login
 * holding an email as its alias gives it up to the login being given that email (by default none does).
 */
export const loginDirectory = (mayRelease: AliasRelease = NEVER): LoginDirectory =>
  new CognitoLoginDirectory(cognitoClient, requiredEnv(EnvNames.userPoolId), mayRelease);
