import { validateOpenApi } from '../../test/support/openapi-validator';
import * as z from 'zod/mini';
import { openApiDocument } from '../../shared/http/openapi';
import { resourceId } from '../../shared/http/path';
import type { HttpTrigger } from '../../shared/http/types';
import { catalog, routeResponses } from '../catalog';
import { apiDocument } from './document';

// The served document: valid OpenAPI 3.1, and a true account of every declared route.

const document = apiDocument();
const routes = catalog.flatMap(({ name, trigger }) => (trigger.kind === 'http' && trigger.path !== '$default' ? [{ name, trigger }] : []));
const operationOf = (trigger: HttpTrigger): any => (document.paths[trigger.path] as any)?.[trigger.method.toLowerCase()];

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    // Act
    const validation = validateOpenApi(document);

    // Assess
    expect(validation).toMatchObject({ valid: true, version: '3.1' });
  });

  it('is refused by the validator when broken (the check can fail)', () => {
    // Prepare
    const { info: _info, ...withoutInfo } = document;

    // Act
    const validation = validateOpenApi(withoutInfo);

    // Assess
    expect(validation.valid).toBe(false);
  });

  it('lists every HTTP route of the catalog, and nothing else', () => {
    // Act
    const listed = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));

    // Assess
    expect(listed.sort()).toEqual(routes.map(({ trigger }) => `${trigger.method} ${trigger.path}`).sort());
    expect(routes.map(({ name }) => name)).toContain('openapi');
  });

  it('has the responses of every route but the catch-all', () => {
    // Assess
    expect(routes.filter(({ name }) => !routeResponses.has(name))).toEqual([]);
  });

  it.each(routes)('describes $name: its security, parameters, body and responses', ({ name, trigger }) => {
    // Act
    const operation = operationOf(trigger);

    // Assess
    const security = { public: [], optional: [{}, { cognitoJwt: [] }], customer: [{ cognitoJwt: [] }], admin: [{ cognitoJwt: [] }], gateway: [{ gatewaySignature: [] }] }[trigger.auth];
    expect(operation.security).toEqual(security);
    const pathNames = [...trigger.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
    const pathParameters = (operation.parameters ?? []).filter((parameter: any) => parameter.in === 'path');
    expect(pathParameters.map((parameter: any) => parameter.name)).toEqual(pathNames);
    expect(pathParameters.every((parameter: any) => parameter.required)).toBe(true);
    if (trigger.body) {
      // A JSON body is required; a form (the one-click unsubscribe) is optional.
      const mediaType = trigger.bodyKind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
      expect(operation.requestBody).toMatchObject({ required: trigger.bodyKind !== 'form' });
      expect(operation.requestBody.content[mediaType].schema).toMatchObject({ type: 'object', additionalProperties: false });
    } else {
      expect(operation.requestBody).toBeUndefined();
    }
    const statuses = Object.keys(operation.responses).map(Number);
    expect(statuses).toEqual(expect.arrayContaining([...Object.keys(routeResponses.get(name)!).map(Number), ...(trigger.problems ?? []), 400, 500]));
    if (trigger.auth !== 'public') expect(statuses).toContain(401);
    if (trigger.auth === 'customer' || trigger.auth === 'admin') expect(statuses).toContain(403);
    if (trigger.body) expect(statuses).toEqual(expect.arrayContaining([413, 415]));
    for (const status of statuses.filter((status) => status >= 400)) {
      expect(operation.responses[status].content['application/problem+json'].schema.allOf[0]).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });

  it('describes the sign-up form as its schema does: strict at every level, its required fields required', () => {
    // Act
    const schema = operationOf(catalog.find(({ name }) => name === 'create-account')!.trigger as HttpTrigger).requestBody.content['application/json'].schema;

    // Assess
    expect(schema.required).toEqual(expect.arrayContaining(['company', 'email', 'faxNumber', 'billing']));
    expect(schema.required).not.toContain('referralCode');
    expect(schema.properties.billing).toMatchObject({ additionalProperties: false });
    expect(schema.properties.billing.properties).not.toHaveProperty('cardNumber');
  });

  it('describes the list routes’ page query and the customer’s profile without the processor token', () => {
    // Act
    const listFaxes = operationOf(catalog.find(({ name }) => name === 'list-faxes')!.trigger as HttpTrigger);
    const getProfile = operationOf(catalog.find(({ name }) => name === 'get-profile')!.trigger as HttpTrigger);

    // Assess
    expect(listFaxes.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ default: 25, minimum: 1, maximum: 100 }) }),
      expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
    ]);
    const billing = getProfile.responses[200].content['application/json'].schema.properties.billing;
    expect(billing).toMatchObject({ additionalProperties: false });
    expect(Object.keys(billing.properties)).not.toContain('processorToken');
  });

  it('describes the number inventory’s queries: a required status, an optional NANP area code, and at most 1,000 numbers to add', () => {
    // Act
    const [listNumbers, availableNumbers, addNumbers] = ['list-numbers', 'available-numbers', 'add-numbers'].map((name) =>
      operationOf(catalog.find((declaration) => declaration.name === name)!.trigger as HttpTrigger),
    );

    // Assess
    expect(listNumbers.parameters).toContainEqual(
      expect.objectContaining({ name: 'status', in: 'query', required: true, schema: expect.objectContaining({ enum: ['available', 'assigned', 'quarantined'] }) }),
    );
    const areaCode = availableNumbers.parameters.find((parameter: any) => parameter.name === 'areaCode');
    expect(areaCode).toMatchObject({ in: 'query', required: false, description: expect.stringMatching(/NANP/) });
    expect(new RegExp(areaCode.schema.pattern).test('212')).toBe(true);
    expect(['12', '1212', '112', '+1212'].some((value) => new RegExp(areaCode.schema.pattern).test(value))).toBe(false);
    expect(availableNumbers.security).toEqual([]);
    expect(addNumbers.requestBody.content['application/json'].schema.properties.numbers).toMatchObject({ minItems: 1, maxItems: 1000 });
  });

  it('lists the 404 the edge gives a malformed id of a route that names a resource by id, even where the route lists none', () => {
    // Prepare
    const trigger: HttpTrigger = { kind: 'http', method: 'GET', path: '/widgets/{widgetId}', auth: 'public', pathParameters: z.object({ widgetId: resourceId('wdg', 'widget') }) };

    // Act
    const generated = openApiDocument([{ name: 'get-widget', description: 'GET /widgets/{widgetId}: a widget', trigger, responses: { 200: null } }]);

    // Assess
    expect(Object.keys((generated.paths['/widgets/{widgetId}'] as any).get.responses)).toContain('404');
  });

  it('declares the security schemes the routes name', () => {
    // Act
    const { securitySchemes } = document.components;

    // Assess
    expect(securitySchemes.cognitoJwt).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(securitySchemes.gatewaySignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'webhook-signature' });
  });
});
