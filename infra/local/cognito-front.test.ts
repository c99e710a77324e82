import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCognitoFront } from './cognito-front';
import { freePort } from './ports';

// A stand-in for cognito-local: records what reaches it, knows one user.
const KNOWN_USER = 'acc_known';
const received: { target: string | undefined; body: string }[] = [];
let upstream: Server;
let front: Server;
let frontUrl: string;

const amzCall = (action: string, body: unknown) =>
  fetch(frontUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  upstream = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const target = request.headers['x-amz-target'] as string | undefined;
    received.push({ target, body });
    if (target?.endsWith('.AdminGetUser') && (JSON.parse(body) as { Username: string }).Username !== KNOWN_USER) {
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ __type: 'UserNotFoundException', message: 'User does not exist.' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-upstream': 'yes' }).end(JSON.stringify({ echoed: target ?? request.url }));
  });
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  const port = await freePort();
  front = await startCognitoFront('127.0.0.1', port, { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port });
  frontUrl = `http://127.0.0.1:${port}`;
});

beforeEach(() => {
  received.length = 0;
});

afterAll(async () => {
  front.closeAllConnections();
  upstream.closeAllConnections();
  await Promise.all([new Promise((resolve) => front.close(resolve)), new Promise((resolve) => upstream.close(resolve))]);
});

describe('the cognito-local front', () => {
  it('answers AdminUserGlobalSignOut of an existing user with success, asking the emulator whether the user exists', async () => {
    // Act
    const response = await amzCall('AdminUserGlobalSignOut', { UserPoolId: 'local_pool', Username: KNOWN_USER });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(received.map((request) => request.target)).toEqual(['AWSCognitoIdentityProviderService.AdminGetUser']);
  });

  it('answers AdminUserGlobalSignOut of a missing user with the emulator\'s UserNotFoundException', async () => {
    // Act
    const response = await amzCall('AdminUserGlobalSignOut', { UserPoolId: 'local_pool', Username: 'acc_missing' });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('passes every other call through unchanged, body and answer', async () => {
    // Prepare
    const body = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'web', AuthParameters: { USERNAME: KNOWN_USER, PASSWORD: 'x' } };

    // Act
    const [call, jwks] = await Promise.all([amzCall('InitiateAuth', body), fetch(`${frontUrl}/local_pool/.well-known/jwks.json`)]);

    // Assess
    expect(await call.json()).toEqual({ echoed: 'AWSCognitoIdentityProviderService.InitiateAuth' });
    expect(call.headers.get('x-upstream')).toBe('yes');
    expect(await jwks.json()).toEqual({ echoed: '/local_pool/.well-known/jwks.json' });
    expect(received.find((request) => request.target?.endsWith('.InitiateAuth'))?.body).toBe(JSON.stringify(body));
  });
});
