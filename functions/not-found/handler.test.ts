import { httpEvent, invoke } from '../../test/support/http';
import { handler } from './handler';

const unrouted = (method: string, headers: Record<string, string> = {}) =>
  invoke(handler, httpEvent({ method, path: '/faxes/fax_01', routeKey: '$default', headers }));

describe('the $default route', () => {
  it('lets a CORS preflight pass with a 204 and no body, for API Gateway to add the CORS headers', async () => {
    // Act
    const reply = await unrouted('OPTIONS', { origin: 'http://localhost:5173', 'access-control-request-method': 'DELETE' });

    // Assess
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect(reply.headers['x-request-id']).toBe('req-0001-unit');
  });

  it.each([
    ['an OPTIONS that is no preflight', 'OPTIONS', {}],
    ['an OPTIONS without the method it asks for', 'OPTIONS', { origin: 'http://localhost:5173' }],
    ['another method carrying preflight headers', 'GET', { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' }],
  ])('answers %s with a problem+json 404', async (_what, method, headers: Record<string, string>) => {
    // Act
    const reply = await unrouted(method, headers);

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
  });
});
