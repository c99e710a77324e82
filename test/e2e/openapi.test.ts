import { call } from './support/client';
import { contractViolations, document } from './support/contract';

describe('GET /openapi.json', () => {
  it('serves the OpenAPI document generated from the declarations, to anyone', async () => {
    // Act
    const response = await call('GET', '/openapi.json');

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.body).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe('the e2e tiers’ contract check', () => {
  const PROBLEM = { type: 'https://westfax.com/problems/not-found', title: 'Not found', status: 404, detail: 'There is no such fax.' };

  it('passes an answer the document describes', () => {
    // Act
    const violations = contractViolations('GET', '/faxes/fax_1', { status: 404, contentType: 'application/problem+json', text: JSON.stringify(PROBLEM) });

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    ['an undocumented status', 'GET', '/faxes/fax_1', { status: 409, contentType: 'application/problem+json', text: JSON.stringify({ ...PROBLEM, status: 409 }) }],
    ['a field the schema does not have', 'GET', '/health', { status: 200, contentType: 'application/json', text: '{"status":"ok","debug":true}' }],
    ['a problem of another status than its own', 'GET', '/faxes/fax_1', { status: 404, contentType: 'application/problem+json', text: JSON.stringify({ ...PROBLEM, status: 400 }) }],
    ['an error that is not problem+json', 'GET', '/me', { status: 401, contentType: 'application/json', text: JSON.stringify({ ...PROBLEM, status: 401 }) }],
    ['a body where the document has none', 'DELETE', '/faxes/fax_1', { status: 204, contentType: 'application/json', text: '{}' }],
    ['a success of an unrouted request', 'GET', '/nowhere', { status: 200, contentType: 'application/json', text: '{}' }],
  ])('refuses %s', (_name, method, target, answer) => {
    // Act
    const violations = contractViolations(method, target, answer);

    // Assess
    expect(violations).not.toEqual([]);
  });
});
