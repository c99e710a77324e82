import * as z from 'zod/mini';
import { ConfigurationError, Conflict, TooManyRequests } from '../errors';
import { adminClaims, customerClaims, httpEvent, invoke, lambdaContext, type EventInit } from '../../test/support/http';
import { captureOutput } from '../../test/support/output';
import { resourceId } from './path';
import { created, httpRoute, ok } from './route';
import type { HttpRequest, HttpTrigger, RouteAuth } from './types';

// A small route of each kind, built with the house edge exactly as the functions build theirs.
const BODY_LIMIT = 200;
const CARD = '5555-5555-5555-4444';
const EMAIL = 'private.person@example.test';
const WIDGET_ID = 'wdg_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const widget = z.strictObject({
  name: z.string().check(z.minLength(1)),
  quantity: z.int().check(z.gte(1)),
  tags: z.optional(z.array(z.string())),
});
type Widget = z.infer<typeof widget>;

const trigger = (auth: RouteAuth, method: HttpTrigger['method'] = 'GET', path = '/widgets'): HttpTrigger => ({
  kind: 'http',
  method,
  path,
  auth,
  ...(method === 'POST' ? { bodyLimitBytes: BODY_LIMIT } : {}),
});

const readWidget = jest.fn(async ({ pathParameters }: HttpRequest<undefined>) => ok(pathParameters));
const createWidget = jest.fn(async ({ body }: HttpRequest<Widget>) => created({ widget: body }, '/widgets/1'));
const routes = {
  createWidget: httpRoute({ trigger: { ...trigger('public', 'POST'), body: widget } }, createWidget),
  createWidgetFromLargeBody: httpRoute({ trigger: { ...trigger('public', 'POST'), bodyLimitBytes: 1_000_000, body: widget } }, createWidget),
  whoAmI: httpRoute({ trigger: trigger('customer') }, async ({ caller, requestId }) => ok({ accountId: caller?.accountId, requestId })),
  adminOnly: httpRoute({ trigger: trigger('admin') }, async () => ok({ admin: true })),
  echoPath: httpRoute({ trigger: { ...trigger('public', 'GET', '/widgets/{widgetId}'), pathParameters: z.object({ widgetId: z.string() }) } }, async ({ pathParameters }) =>
    ok(pathParameters),
  ),
  widgetById: httpRoute({ trigger: { ...trigger('customer', 'GET', '/widgets/{widgetId}'), pathParameters: z.object({ widgetId: resourceId('wdg', 'widget') }) } }, readWidget),
  taggedWidgets: httpRoute({ trigger: { ...trigger('public', 'GET', '/tags/{tag}'), pathParameters: z.object({ tag: z.string().check(z.regex(/^[a-z]{1,20}$/, 'Must be a tag.')) }) } }, readWidget),
  conflicting: httpRoute({ trigger: trigger('public') }, async () => {
    throw new Conflict('That widget already exists.');
  }),
  limited: httpRoute({ trigger: trigger('public') }, async () => {
    throw new TooManyRequests('At most 3 widgets an hour.', 1200);
  }),
  crashing: httpRoute({ trigger: trigger('public') }, async () => {
    throw Object.assign(new Error('ECONNRESET talking to arn:aws:dynamodb:us-east-1:123456789012:table/Secret (password hunter2)'), {
      name: 'InternalServerError',
    });
  }),
};

const postWidget = (init: EventInit = {}) => httpEvent({ method: 'POST', path: '/widgets', ...init });
const validWidget: Widget = { name: 'Sprocket', quantity: 3 };

beforeEach(() => {
  createWidget.mockClear();
  readWidget.mockClear();
});

describe('httpRoute: JSON bodies', () => {
  it('hands the validated body to the handler and answers its result as JSON', async () => {
    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body: validWidget }));

    // Assess
    expect(reply.status).toBe(201);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers.location).toBe('/widgets/1');
    expect(reply.body).toEqual({ widget: validWidget });
  });

  it('reads a base64-encoded body', async () => {
    // Prepare
    const body = Buffer.from(JSON.stringify(validWidget)).toString('base64');

    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body, isBase64Encoded: true }));

    // Assess
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ widget: validWidget });
  });

  it.each(['application/json; charset=utf-8', 'Application/JSON', 'application/merge-patch+json'])('accepts the JSON content type %s', async (contentType) => {
    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body: validWidget, headers: { 'content-type': contentType } }));

    // Assess
    expect(reply.status).toBe(201);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['a look-alike', 'application/jsonp'],
    ['no content type', undefined],
  ])('answers 415 for %s, without calling the handler', async (_case, contentType) => {
    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body: validWidget, headers: { 'content-type': contentType } }));

    // Assess
    expect(reply.status).toBe(415);
    expect(reply.body).toMatchObject({ status: 415, type: expect.stringMatching(/unsupported-media-type$/) });
    expect(createWidget).not.toHaveBeenCalled();
  });

  it.each([
    ['truncated JSON', '{"name": "Sprocket",'],
    ['a bare word', 'sprocket'],
    ['an empty body', ''],
  ])('answers 400 for %s', async (_case, body) => {
    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body }));

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: 400, type: expect.stringMatching(/invalid-input$/) });
    expect(createWidget).not.toHaveBeenCalled();
  });

  it("accepts a body of exactly the route's limit", async () => {
    // Prepare
    const padding = BODY_LIMIT - JSON.stringify({ ...validWidget, name: '' }).length;
    const body = JSON.stringify({ ...validWidget, name: 'x'.repeat(padding) });

    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body }));

    // Assess
    expect(Buffer.byteLength(body)).toBe(BODY_LIMIT);
    expect(reply.status).toBe(201);
  });

  it('answers 413 above the limit, counting bytes, before parsing or screening anything', async () => {
    // Prepare: under the limit in characters, over it in UTF-8 bytes; malformed and holding a card number.
    const body = `{"name": "${'é'.repeat(BODY_LIMIT / 2)}", "note": "${CARD}"`;

    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body }));

    // Assess
    expect(body.length).toBeLessThan(BODY_LIMIT);
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ status: 413, type: expect.stringMatching(/payload-too-large$/) });
    expect(createWidget).not.toHaveBeenCalled();
  });

  it('answers 400 listing the path and message of every schema violation, unknown fields included', async () => {
    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body: { name: '', quantity: 'three', colour: 'red' } }));

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: expect.any(String) },
        { path: 'quantity', message: expect.any(String) },
        { path: '(body)', message: expect.any(String) },
      ]),
    );
    expect(reply.body.errors).toHaveLength(3);
    expect(createWidget).not.toHaveBeenCalled();
  });

  it('answers 400 for an unknown field alone (schemas are strict)', async () => {
    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body: { ...validWidget, colour: 'red' } }));

    // Assess
    expect(reply.status).toBe(400);
    expect(createWidget).not.toHaveBeenCalled();
  });

  it.each([
    ['in an allowed field', { ...validWidget, tags: ['blue', `paid with ${CARD}`] }, 'tags.1'],
    ['in an unknown field', { ...validWidget, memo: CARD }, '*'],
    ['as a cvv field', { ...validWidget, cvv: '731' }, 'cvv'],
  ])('answers 400 for card data %s, naming where but never echoing or logging it', async (_case, body, path) => {
    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body }));

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path, message: expect.any(String) }]);
    for (const leaked of [CARD, CARD.replaceAll('-', ''), '731']) {
      expect(reply.text).not.toContain(leaked);
      expect(reply.logs).not.toContain(leaked);
    }
    expect(createWidget).not.toHaveBeenCalled();
  });

  it.each([
    ['a card number', '4111111111111111'],
    ['a spaced card number', '4111 1111 1111 1111'],
    ['an email', 'ana.ruiz@acme.test'],
  ])('answers 400 for %s sent as a key, at the top or nested, never echoing or logging it', async (_case, key) => {
    // Act
    const replies = await Promise.all(
      [{ ...validWidget, [key]: 'x' }, { ...validWidget, tags: [{ [key]: 1 }] }, { [key]: { [key]: true } }].map((body) =>
        invoke(routes.createWidget, postWidget({ body })),
      ),
    );

    // Assess
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(key);
      expect(reply.logs).not.toContain(key);
      expect(reply.text).not.toContain(key.replaceAll(' ', ''));
    }
    expect(createWidget).not.toHaveBeenCalled();
  });

  it('reports an unknown field at its parent, with a fixed message and without its name', async () => {
    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body: { ...validWidget, colourOfTheWidget: 'red' } }));

    // Assess
    expect(reply.body.errors).toEqual([{ path: '(body)', message: 'Unknown field.' }]);
    expect(reply.text).not.toContain('colourOfTheWidget');
  });

  it('names a key in the path of card data only when the route declares it, or it names a card field', async () => {
    // Prepare
    const body = { ...validWidget, tags: [CARD], AnaRuiz: { note: CARD }, jane_doe_example_com: { cvv: 1 } };

    // Act
    const reply = await invoke(routes.createWidget, postWidget({ body }));

    // Assess
    expect(reply.body.errors.map((error: { path: string }) => error.path)).toEqual(['tags.0', '*.*', '*.cvv']);
    expect(reply.text).not.toContain('AnaRuiz');
    expect(reply.text).not.toContain('jane_doe');
  });

  it.each([
    ['about 4 KB of nested arrays', 2_000],
    ['100,000 levels of nesting', 100_000],
  ])('answers 400 for %s before screening or validating, without overflowing the stack', async (_case, depth) => {
    // Prepare
    const body = `{"name":"x","quantity":1,"tags":${'['.repeat(depth)}"${CARD}"${']'.repeat(depth)}}`;

    // Act
    const reply = await invoke(routes.createWidgetFromLargeBody, postWidget({ body }));

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toBe('The request body nests deeper than 32 levels.');
    expect(reply.body).not.toHaveProperty('errors');
    expect(createWidget).not.toHaveBeenCalled();
  });

  it('accepts 32 levels of nesting and refuses 33', async () => {
    // Prepare: the body is level 1, so 31 and 32 more levels of arrays.
    const bodyOf = (levels: number) => `{"name":"x","quantity":1,"tags":${'['.repeat(levels)}${']'.repeat(levels)}}`;

    // Act
    const [deepest, tooDeep] = await Promise.all([31, 32].map((levels) => invoke(routes.createWidgetFromLargeBody, postWidget({ body: bodyOf(levels) }))));

    // Assess: the first reaches the schema (tags must hold strings), the second never does.
    expect(deepest.body.detail).toBe('The request body does not match the schema.');
    expect(tooDeep.body.detail).toBe('The request body nests deeper than 32 levels.');
  });

  it('refuses to build a body route without a body limit', () => {
    // Prepare
    const unlimited = { kind: 'http', method: 'POST', path: '/unlimited', auth: 'public', body: widget } as const;

    // Act & Assess
    expect(() => httpRoute({ trigger: unlimited }, createWidget)).toThrow(ConfigurationError);
  });
});

describe('httpRoute: form bodies (a one-click unsubscribe)', () => {
  const oneClick = z.strictObject({ 'List-Unsubscribe': z.optional(z.literal('One-Click')) });
  const unsubscribe = jest.fn(async ({ body }: HttpRequest<z.infer<typeof oneClick>>) => ok({ form: body }));
  const formRoute = httpRoute({ trigger: { ...trigger('public', 'POST', '/unsubscribe'), body: oneClick, bodyKind: 'form' } }, unsubscribe);
  const postForm = (body: string | undefined, contentType?: string) =>
    invoke(formRoute, httpEvent({ method: 'POST', path: '/unsubscribe', body, headers: { 'content-type': contentType } }));
  const FORM = 'application/x-www-form-urlencoded';

  beforeEach(() => unsubscribe.mockClear());

  it.each([
    ['the one-click form', 'List-Unsubscribe=One-Click', FORM, { 'List-Unsubscribe': 'One-Click' }],
    ['the one-click form with a charset', 'List-Unsubscribe=One-Click', `${FORM}; charset=utf-8`, { 'List-Unsubscribe': 'One-Click' }],
    ['no body at all, whatever its content type', undefined, 'text/plain', {}],
  ])('hands the handler %s as fields', async (_case, body, contentType, fields) => {
    // Act
    const reply = await postForm(body, contentType);

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ form: fields });
  });

  it.each([
    ['a JSON body', '{"List-Unsubscribe":"One-Click"}', 'application/json', 415],
    ['another field', 'List-Unsubscribe=One-Click&x=1', FORM, 400],
    ['another value', 'List-Unsubscribe=Two-Clicks', FORM, 400],
    ['a field given twice', 'List-Unsubscribe=One-Click&List-Unsubscribe=One-Click', FORM, 400],
    ['card data in a field', `List-Unsubscribe=${encodeURIComponent(CARD)}`, FORM, 400],
    ['a form over the limit', `List-Unsubscribe=${'x'.repeat(BODY_LIMIT)}`, FORM, 413],
  ])('answers a problem to %s, before the handler runs', async (_case, body, contentType, status) => {
    // Act
    const reply = await postForm(body, contentType);

    // Assess
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.text).not.toContain(CARD);
    expect(unsubscribe).not.toHaveBeenCalled();
  });
});

describe('httpRoute: every response', () => {
  const cases: [string, keyof typeof routes, EventInit, number][] = [
    ['a success', 'createWidget', { method: 'POST', body: validWidget }, 201],
    ['a refused body', 'createWidget', { method: 'POST', body: '{' }, 400],
    ['a missing token', 'whoAmI', {}, 401],
    ['a domain error', 'conflicting', {}, 409],
    ['an unknown error', 'crashing', {}, 500],
  ];

  it.each(cases)('carries the request id and the house headers on %s', async (_case, route, init, status) => {
    // Prepare
    const requestId = `req-${status}-${route}`;

    // Act
    const reply = await invoke(routes[route], httpEvent({ path: '/widgets', ...init, requestId }));

    // Assess
    expect(reply.status).toBe(status);
    expect(reply.headers).toMatchObject({
      'x-request-id': requestId,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });

  it.each(cases.filter(([, , , status]) => status >= 400))('answers %s as problem+json (RFC 9457)', async (_case, route, init, status) => {
    // Act
    const reply = await invoke(routes[route], httpEvent({ path: '/widgets', ...init }));

    // Assess
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.body).toEqual(
      expect.objectContaining({ type: expect.stringMatching(/^https:\/\//), title: expect.any(String), status, detail: expect.any(String) }),
    );
  });

  it('maps a domain error to its status with its detail', async () => {
    // Act
    const reply = await invoke(routes.conflicting, httpEvent());

    // Assess
    expect(reply.body).toMatchObject({ status: 409, title: 'Conflict', detail: 'That widget already exists.' });
  });

  it('answers a limit refused with when to retry (Retry-After, in seconds)', async () => {
    // Act
    const reply = await invoke(routes.limited, httpEvent());

    // Assess
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('1200');
  });

  it('gives no Retry-After to any other problem', async () => {
    // Act
    const reply = await invoke(routes.conflicting, httpEvent());

    // Assess
    expect(reply.headers).not.toHaveProperty('retry-after');
  });

  it("turns an unknown error into a generic 500 that reveals nothing of the error", async () => {
    // Act
    const reply = await invoke(routes.crashing, httpEvent());

    // Assess
    expect(reply.status).toBe(500);
    for (const leaked of ['ECONNRESET', 'arn:aws', '123456789012', 'hunter2', 'InternalServerError', 'route.test']) {
      expect(reply.text).not.toContain(leaked);
    }
    expect(Object.keys(reply.body).sort()).toEqual(['detail', 'status', 'title', 'type']);
  });

  it('answers a logged 500 problem just before the function would time out, rather than being cut off', async () => {
    // Prepare: a handler that never answers, 50 ms before the function's timeout
    const stuck = httpRoute({ trigger: trigger('public') }, () => new Promise<never>(() => undefined));
    const output = captureOutput();

    // Act
    const response = await stuck(httpEvent({ path: '/widgets', requestId: 'req-stuck' }), lambdaContext('unit-test', 50)).finally(() =>
      output.restore(),
    );

    // Assess
    expect(response).toMatchObject({ statusCode: 500, headers: { 'content-type': 'application/problem+json', 'x-request-id': 'req-stuck' } });
    expect(JSON.parse(output.text())).toMatchObject({ level: 'ERROR', message: 'request failed', requestId: 'req-stuck', error: { name: 'TimeoutError' } });
  });
});

describe('httpRoute: authentication and authorization', () => {
  it('answers 401 on a customer route without JWT claims', async () => {
    // Act
    const reply = await invoke(routes.whoAmI, httpEvent());

    // Assess
    expect(reply.status).toBe(401);
  });

  it('answers 401 when the claims carry no subject', async () => {
    // Act
    const reply = await invoke(routes.whoAmI, httpEvent({ claims: { 'custom:accountId': 'acc_1' } }));

    // Assess
    expect(reply.status).toBe(401);
  });

  it("serves a customer with the account of the token", async () => {
    // Act
    const reply = await invoke(routes.whoAmI, httpEvent({ claims: customerClaims('acc_1'), requestId: 'req-me' }));

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ accountId: 'acc_1', requestId: 'req-me' });
  });

  it('answers 403 on a customer route called with an admin token that has no account', async () => {
    // Act
    const reply = await invoke(routes.whoAmI, httpEvent({ claims: adminClaims() }));

    // Assess
    expect(reply.status).toBe(403);
  });

  it('answers 403 on an admin route called by a customer', async () => {
    // Act
    const reply = await invoke(routes.adminOnly, httpEvent({ claims: customerClaims('acc_1') }));

    // Assess
    expect(reply.status).toBe(403);
  });

  it.each([
    ['the HTTP API string form', '[admin]'],
    ['several groups in string form', '[ops admin]'],
    ['an array', ['support', 'admin']],
  ])('recognises an admin from cognito:groups in %s', async (_case, groups) => {
    // Act
    const reply = await invoke(routes.adminOnly, httpEvent({ claims: { ...adminClaims(), 'cognito:groups': groups } }));

    // Assess
    expect(reply.status).toBe(200);
  });

  it('does not take a group that merely contains "admin" for the admin group', async () => {
    // Act
    const reply = await invoke(routes.adminOnly, httpEvent({ claims: adminClaims('[administrators]') }));

    // Assess
    expect(reply.status).toBe(403);
  });
});

describe('httpRoute: optional routes (no authorizer in AWS: the function checks a token itself)', () => {
  const VALID = 'valid.id.token';
  const verifyBearer = jest.fn(async (token: string) => (token === VALID ? customerClaims('acc_7') : undefined));
  const whoMaybe = httpRoute({ trigger: trigger('optional'), verifyBearer }, async ({ caller }) => ok({ accountId: caller?.accountId ?? null }));

  it('serves anyone without a token, verifying nothing', async () => {
    // Act
    const reply = await invoke(whoMaybe, httpEvent());

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ accountId: null });
    expect(verifyBearer).not.toHaveBeenCalled();
  });

  it('serves the caller of a token the verifier accepts', async () => {
    // Act
    const reply = await invoke(whoMaybe, httpEvent({ headers: { authorization: `Bearer ${VALID}` } }));

    // Assess
    expect(reply.body).toEqual({ accountId: 'acc_7' });
  });

  it('takes claims an authorizer already verified (the local runtime) without verifying again', async () => {
    // Prepare
    verifyBearer.mockClear();

    // Act
    const reply = await invoke(whoMaybe, httpEvent({ claims: customerClaims('acc_9'), headers: { authorization: 'Bearer checked.by.runtime' } }));

    // Assess
    expect(reply.body).toEqual({ accountId: 'acc_9' });
    expect(verifyBearer).not.toHaveBeenCalled();
  });

  it.each([
    ['a token the verifier refuses', 'Bearer forged.id.token'],
    ['credentials that are not a bearer token', 'Basic YW5hOnB3'],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 to %s', async (_case, authorization) => {
    // Act
    const reply = await invoke(whoMaybe, httpEvent({ headers: { authorization } }));

    // Assess
    expect(reply.status).toBe(401);
  });

  it('refuses to build an optional route without a token verifier', () => {
    // Act & Assess
    expect(() => httpRoute({ trigger: trigger('optional') }, async () => ok({}))).toThrow(ConfigurationError);
  });
});

describe('httpRoute: path parameters', () => {
  it('hands the handler percent-decoded path parameters, and raw ones unchanged', async () => {
    const encoded = await invoke(routes.echoPath, httpEvent({ path: '/widgets/%2B15551234567', pathParameters: { widgetId: '%2B15551234567' } }));
    const raw = await invoke(routes.echoPath, httpEvent({ path: '/widgets/+15551234567', pathParameters: { widgetId: '+15551234567' } }));
    const malformed = await invoke(routes.echoPath, httpEvent({ path: '/widgets/%E0%A4%A', pathParameters: { widgetId: '%E0%A4%A' } }));

    expect(encoded.body).toEqual({ widgetId: '+15551234567' });
    expect(raw.body).toEqual({ widgetId: '+15551234567' });
    expect(malformed.body).toEqual({ widgetId: '%E0%A4%A' });
  });

  it('hands the handler a resource id of its declared shape', async () => {
    // Act
    const reply = await invoke(routes.widgetById, httpEvent({ path: `/widgets/${WIDGET_ID}`, pathParameters: { widgetId: WIDGET_ID }, claims: customerClaims('acc_1') }));

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ widgetId: WIDGET_ID });
  });

  it.each([
    ['of 3,000 characters', `wdg_${'0'.repeat(2996)}`],
    ['of another kind', 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH'],
    ['with a path in it', `../${WIDGET_ID}`],
    ['holding an email', EMAIL],
  ])('answers 404 to a resource id %s, before the handler runs and without echoing it', async (_case, widgetId) => {
    // Act
    const reply = await invoke(routes.widgetById, httpEvent({ path: `/widgets/${encodeURIComponent(widgetId)}`, pathParameters: { widgetId }, claims: customerClaims('acc_1') }));

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.body.detail).toBe('There is no such widget.');
    expect(JSON.stringify(reply.body)).not.toContain(widgetId);
    expect(readWidget).not.toHaveBeenCalled();
  });

  it('checks the caller before the path: a malformed id without a token is a 401', async () => {
    // Act
    const reply = await invoke(routes.widgetById, httpEvent({ path: '/widgets/x', pathParameters: { widgetId: 'x' } }));

    // Assess
    expect(reply.status).toBe(401);
  });

  it('answers 400 naming the parameter to any other parameter its schema refuses, before the handler runs', async () => {
    // Act
    const reply = await invoke(routes.taggedWidgets, httpEvent({ path: `/tags/${encodeURIComponent(EMAIL)}`, pathParameters: { tag: EMAIL } }));

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'tag', message: 'Must be a tag.' }]);
    expect(JSON.stringify(reply.body)).not.toContain(EMAIL);
    expect(readWidget).not.toHaveBeenCalled();
  });

  it('refuses to build a route whose path has parameters and no schema of them', () => {
    // Act & Assess
    expect(() => httpRoute({ trigger: trigger('public', 'GET', '/widgets/{widgetId}') }, readWidget)).toThrow(ConfigurationError);
  });

  it('refuses to build a route whose path schema names other parameters than its path', () => {
    // Act & Assess
    expect(() => httpRoute({ trigger: { ...trigger('public', 'GET', '/widgets/{widgetId}'), pathParameters: z.object({ id: z.string() }) } }, readWidget)).toThrow(
      ConfigurationError,
    );
    expect(() => httpRoute({ trigger: { ...trigger('public', 'GET', '/widgets'), pathParameters: z.object({ id: z.string() }) } }, readWidget)).toThrow(ConfigurationError);
  });
});
