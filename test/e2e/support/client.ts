import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { RUNTIME_LOG } from '../setup/runtime-process';
import { contractViolations } from './contract';

const baseUrl = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the e2e tests through jest (globalSetup starts the runtime)');
  return url;
};

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  /** A raw body, sent as is (with `contentType`), for malformed or non-JSON requests. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The loopback address the request comes from (`127.0.0.2`, …): the source address the runtime sees, as API Gateway sees a client's. */
  from?: string;
}

// fetch cannot choose its source address; node:http can (any of 127.0.0.0/8 reaches the runtime).
const sendFrom = (from: string, url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> =>
  new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: init.method, headers: init.headers, localAddress: from }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        const bytes = Buffer.concat(chunks);
        resolve(new Response(bytes.length === 0 ? null : bytes, { status: answer.statusCode, headers }));
      });
      answer.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(init.body);
  });

/** Calls the local runtime as a web client would; an answer outside the OpenAPI document fails the test. */
export const call = async (method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = options.from === undefined ? await fetch(baseUrl() + path, { method, headers, body }) : await sendFrom(options.from, baseUrl() + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  const violations = contractViolations(method, path, { status: response.status, contentType: response.headers.get('content-type'), text });
  if (violations.length > 0) throw new Error(`${method} ${path}: an answer outside the OpenAPI document:\n${violations.join('\n')}`);
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
};

/** A fax number no other call answers (within a run), not in the inventory yet. */
export const uniqueFaxNumber = () => `+1555${String(randomInt(10_000_000)).padStart(7, '0')}`;

/**
 * Distinct, valid sign-up data per call, so tests never collide on email or fax number; its fax
 * number is not in the inventory (see `signUpForm`), so a sign-up with it as it is would be a 422.
 */
export const signUpFields = (overrides: Record<string, unknown> = {}) => ({
  company: 'Acme Dental',
  contactName: 'Ana Ruiz',
  phone: '+15551230000',
  email: `ana.${randomUUID().slice(0, 8)}@acme.test`,
  faxNumber: uniqueFaxNumber(),
  attestation: { adultOrBusiness: true },
  consents: { terms: true, marketing: false, privacyPolicyVersion: '2026-01' },
  billing: { processorToken: 'pm_abc123', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
  ...overrides,
});

let adminTokenOnce: Promise<string> | undefined;
/** An administrator's token (one per test file). */
export const adminToken = (): Promise<string> => (adminTokenOnce ??= tokenFor(`numbers.admin.${randomUUID().slice(0, 8)}@acme.test`, { groups: ['admin'] }));

/** Adds numbers to the service's inventory as an administrator does (`POST /admin/numbers`). */
export const addNumbers = async (...numbers: string[]): Promise<{ added: number; alreadyPresent: number }> => {
  const response = await call('POST', '/admin/numbers', { token: await adminToken(), json: { numbers } });
  if (response.status !== 200) throw new Error(`adding numbers failed: ${response.status}`);
  return response.body;
};

/**
 * Distinct, valid sign-up data per call (`signUpFields`) whose fax number is available in the
 * inventory; a `faxNumber` given in `overrides` is used as it is, in the inventory or not.
 */
export const signUpForm = async (overrides: Record<string, unknown> = {}) => {
  const form = signUpFields(overrides);
  if (overrides.faxNumber === undefined) await addNumbers(form.faxNumber);
  return form;
};

export const tokenFor = async (email: string, extra: Record<string, unknown> = {}): Promise<string> => {
  const response = await call('POST', '/_local/token', { json: { email, ...extra } });
  if (response.status !== 200) throw new Error(`token for a test caller refused: ${response.status}`);
  return response.body.token as string;
};

/** Signs up a fresh customer and returns their form, account id and token. */
export const newCustomer = async (overrides: Record<string, unknown> = {}) => {
  const form = await signUpForm(overrides);
  const created = await call('POST', '/accounts', { json: form });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status}`);
  return { form, accountId: created.body.accountId as string, token: await tokenFor(form.email) };
};

/** Everything the runtime (handlers included) has printed so far. */
export const runtimeOutput = (): string => readFileSync(RUNTIME_LOG, 'utf8');
