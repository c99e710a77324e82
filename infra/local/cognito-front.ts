import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';

// cognito-local lacks AdminUserGlobalSignOut, which the login directory's `disable` calls: a
// server in front of it answers that action (as a check that the user exists: the emulator keeps
// no revocable sessions), and passes everything else through unchanged.
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const GLOBAL_SIGN_OUT = `${TARGET_PREFIX}AdminUserGlobalSignOut`;
const GET_USER = `${TARGET_PREFIX}AdminGetUser`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const readAll = async (stream: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const forward = (upstream: { host: string; port: number }, incoming: IncomingMessage, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const outgoing = request(
      { ...upstream, method: incoming.method, path: incoming.url, headers: { ...headers, 'content-length': String(body.length) } },
      (response) => {
        readAll(response).then((answer) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: answer }), reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

/** Listens on `port` in front of cognito-local at `upstream.port`. */
export const startCognitoFront = async (host: string, port: number, upstream: { host: string; port: number }): Promise<Server> => {
  const server = createServer((incoming, response) => {
    void (async () => {
      try {
        const body = await readAll(incoming);
        const signOut = incoming.headers['x-amz-target'] === GLOBAL_SIGN_OUT;
        // The same request names the user: AdminGetUser answers UserNotFoundException as AWS's sign-out would.
        const answer = await forward(upstream, incoming, signOut ? { ...incoming.headers, 'x-amz-target': GET_USER } : incoming.headers, body);
        const relayed = signOut && answer.status === 200 ? { ...answer, body: Buffer.from('{}') } : answer;
        const { 'transfer-encoding': _chunked, connection: _connection, 'keep-alive': _keepAlive, ...headers } = relayed.headers;
        response.writeHead(relayed.status, { ...headers, 'content-length': String(relayed.body.length) });
        response.end(relayed.body);
      } catch (error) {
        response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `cognito-local: ${(error as Error).message}` }));
      }
    })();
  });
  server.listen(port, host);
  await once(server, 'listening');
  return server;
};
