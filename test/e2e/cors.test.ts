import { E2E_WEB_ORIGIN } from './setup/runtime-process';
import { call, newCustomer } from './support/client';

// Browsers over HTTP against the local runtime, started with `CORS_ORIGINS` naming the web client.

const preflight = (origin: string, method: string, path: string) =>
  call('OPTIONS', path, { headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' } });

describe('CORS', () => {
  it("answers the web client's preflight for a protected route with a 204 and the policy", async () => {
    // Act
    const response = await preflight(E2E_WEB_ORIGIN, 'PATCH', '/me');

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(E2E_WEB_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')?.split(',')).toContain('PATCH');
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(response.headers.get('access-control-max-age')).toMatch(/^\d+$/);
  });

  it('lets the web client read the answer to its request and its request id', async () => {
    // Prepare
    const { token } = await newCustomer();

    // Act
    const response = await call('GET', '/me', { token, headers: { origin: E2E_WEB_ORIGIN } });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(E2E_WEB_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')?.split(',')).toContain('x-request-id');
  });

  it.each([
    ['another origin', 'https://evil.test'],
    ['the default origin, which CORS_ORIGINS replaced', 'http://localhost:5173'],
  ])('gives %s no access-control-allow-origin, preflight or not', async (_case, origin) => {
    // Act
    const asked = await preflight(origin, 'DELETE', '/me');
    const sent = await call('GET', '/health', { headers: { origin } });

    // Assess
    expect(asked.headers.get('access-control-allow-origin')).toBeNull();
    expect(sent.headers.get('access-control-allow-origin')).toBeNull();
  });
});
