import {
  CognitoIdentityProviderClient,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { USER_POOL_NAME, WEB_CLIENT_NAME } from '../../../infra/local/provision';

// The local runtime's emulated user pool (cognito-local), reached as a web client reaches it.

export const cognitoEndpoint = (): string => {
  const value = process.env.E2E_COGNITO_ENDPOINT;
  if (!value) throw new Error('E2E_COGNITO_ENDPOINT is not set: run the e2e tests through jest (globalSetup starts the runtime)');
  return value;
};

/** A client of the emulator, with the local region and (unchecked) credentials. */
export const cognitoClient = (): CognitoIdentityProviderClient =>
  new CognitoIdentityProviderClient({
    endpoint: cognitoEndpoint(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** The pool the runtime provisioned and its web client (ids are the emulator's, made at start). */
export const localUserPool = async (client: CognitoIdentityProviderClient): Promise<{ id: string; clientId: string }> => {
  const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const pool = UserPools.find((candidate) => candidate.Name === USER_POOL_NAME);
  if (!pool?.Id) throw new Error(`no user pool ${USER_POOL_NAME} on the emulator`);
  const { UserPoolClients = [] } = await client.send(new ListUserPoolClientsCommand({ UserPoolId: pool.Id, MaxResults: 60 }));
  const web = UserPoolClients.find((candidate) => candidate.ClientName === WEB_CLIENT_NAME);
  if (!web?.ClientId) throw new Error('no web client on the emulated pool');
  return { id: pool.Id, clientId: web.ClientId };
};
