import { createServer } from 'node:net';

/** A port nobody listens on right now, for runs that must not clash with another runtime. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Fails with a clear message when a port the runtime needs is taken (say, by another runtime). */
export const assertPortFree = (port: number, setting: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () => reject(new Error(`port ${port} is in use: stop what holds it or set ${setting}`)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
