import { createHash, randomUUID } from 'node:crypto';
import { call, newCustomer, runtimeOutput } from './support/client';
import { ingestDependenciesWith, storedItem } from './support/emulators';
import { faxEvent, gatewayCall, GATEWAY_SECRET, pdfBytes, tiffBytes } from './support/gateway';
import { ingestFax } from '../../shared/faxes/ingest';
import { STRANDED_AFTER_MS } from '../../shared/faxes/redrive';
import type { InboundFax } from '../../shared/faxes/schemas';
import { sign } from '../../shared/webhooks/standard-webhooks';

// "Faxes" of API.md over HTTP against the local runtime: gateways post, customers read.

const sha256 = (bytes: Buffer | ArrayBuffer) => createHash('sha256').update(Buffer.from(bytes as ArrayBuffer)).digest('hex');

/** Polls the inbox until `predicate` holds (the consumer runs asynchronously), or gives up. */
const inboxUntil = async (token: string, predicate: (items: any[]) => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call('GET', '/faxes?limit=100', { token });
    if (predicate(body.items) || Date.now() > deadline) return body.items as any[];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('gateway authentication', () => {
  let faxNumber: string;
  beforeAll(async () => {
    faxNumber = (await newCustomer()).form.faxNumber;
  });

  it('accepts a delivery signed with the secret, also among other signatures (rotation)', async () => {
    const event = faxEvent(faxNumber);
    const raw = Buffer.from(JSON.stringify(event));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const rotated = `${sign('whsec_b2xkLXNlY3JldA==', 'msg_rotation', timestamp, raw)} ${sign(GATEWAY_SECRET, 'msg_rotation', timestamp, raw)}`;

    const response = await gatewayCall('/gateway/faxes', event, { webhookId: 'msg_rotation', timestamp: Number(timestamp), signature: rotated });

    expect(response.status).toBe(202);
  });

  // Timestamps are taken when each test runs: the 300 s window is checked on arrival.
  const secondsFromNow = (offset: number) => Math.floor(Date.now() / 1000) + offset;
  it.each([
    ['a signature under another secret', () => ({ secret: 'whsec_b3RoZXItc2VjcmV0' })],
    ['a timestamp more than 300 s old', () => ({ timestamp: secondsFromNow(-360) })],
    ['a timestamp more than 300 s ahead', () => ({ timestamp: secondsFromNow(360) })],
    ['a malformed signature', () => ({ signature: 'v1,not-base64' })],
  ])('refuses %s with 401', async (_case, options) => {
    const response = await gatewayCall('/gateway/faxes', faxEvent(faxNumber), options());
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses a delivery without signature headers, and one whose body was altered after signing', async () => {
    const unsigned = await call('POST', '/gateway/faxes', { json: faxEvent(faxNumber) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(GATEWAY_SECRET, 'msg_altered', timestamp, Buffer.from(JSON.stringify(faxEvent(faxNumber))));
    const altered = await call('POST', '/gateway/faxes', {
      json: faxEvent(faxNumber, { pages: 99 }),
      headers: { 'webhook-id': 'msg_altered', 'webhook-timestamp': timestamp, 'webhook-signature': signature },
    });

    expect(unsigned.status).toBe(401);
    expect(altered.status).toBe(401);
  });
});

describe('POST /gateway/faxes', () => {
  it('accepts a fax that then appears in the inbox within seconds, with its exact bytes', async () => {
    const { form, token } = await newCustomer();
    const document = pdfBytes(2048);
    const event = faxEvent(form.faxNumber, { document: { contentType: 'application/pdf', contentBase64: document.toString('base64') } });

    const accepted = await gatewayCall('/gateway/faxes', event);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ faxId: expect.stringMatching(/^fax_/), status: 'accepted' });

    const [fax] = await inboxUntil(token, (items) => items.length === 1);
    expect(fax).toEqual({
      faxId: accepted.body.faxId,
      from: event.from,
      to: form.faxNumber,
      remoteStationId: 'ACME FAX',
      pages: 2,
      contentType: 'application/pdf',
      sizeBytes: 2048,
      receivedAt: event.receivedAt,
      expiresAt: expect.any(String),
    });
    const retentionDays = (Date.parse(fax.expiresAt) - Date.now()) / 86_400_000;
    expect(retentionDays).toBeGreaterThan(59.9);
    expect(retentionDays).toBeLessThanOrEqual(60);
    expect((await call('GET', `/faxes/${fax.faxId}`, { token })).body).toEqual(fax);

    const link = await call('GET', `/faxes/${fax.faxId}/document`, { token });
    expect(link.status).toBe(200);
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const download = await fetch(link.body.url);
    expect(download.status).toBe(200);
    expect(sha256(await download.arrayBuffer())).toBe(sha256(document));
  });

  it('stores a repeated webhook-id or gateway eventId once and answers the same faxId', async () => {
    const { form, token } = await newCustomer();
    const event = faxEvent(form.faxNumber);

    const first = await gatewayCall('/gateway/faxes', event);
    const sameDelivery = await gatewayCall('/gateway/faxes', event, { webhookId: first.webhookId });
    const sameEvent = await gatewayCall('/gateway/faxes', event);

    expect([first.status, sameDelivery.status, sameEvent.status]).toEqual([202, 202, 202]);
    expect(sameDelivery.body.faxId).toBe(first.body.faxId);
    expect(sameEvent.body.faxId).toBe(first.body.faxId);
    await inboxUntil(token, (items) => items.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await call('GET', '/faxes', { token })).body.items).toHaveLength(1);
  });

  it('keeps event ids apart per number faxed, and refuses (409) another fax reusing an event id', async () => {
    const first = await newCustomer();
    const second = await newCustomer();
    const eventId = `gw-evt-shared-${Date.now()}`;

    const toFirst = await gatewayCall('/gateway/faxes', faxEvent(first.form.faxNumber, { eventId }));
    const toSecond = await gatewayCall('/gateway/faxes', faxEvent(second.form.faxNumber, { eventId }));
    const reused = await gatewayCall('/gateway/faxes', faxEvent(first.form.faxNumber, { eventId, from: '+15550001111' }));

    expect([toFirst.status, toSecond.status, reused.status]).toEqual([202, 202, 409]);
    expect(toSecond.body.faxId).not.toBe(toFirst.body.faxId);
  });

  it('takes a retry that writes the same receivedAt instant another way for the same fax (no 409)', async () => {
    const { form } = await newCustomer();
    const event = faxEvent(form.faxNumber, { receivedAt: '2026-11-28T10:00:00Z' });

    const first = await gatewayCall('/gateway/faxes', event);
    const retry = await gatewayCall('/gateway/faxes', { ...event, receivedAt: '2026-11-28T10:00:00.000Z' });

    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(retry.body.faxId).toBe(first.body.faxId);
  });

  it('leaves receipts that name no one once the fax is queued: ids only, keyed by account, not by number', async () => {
    const { form, accountId, token } = await newCustomer();
    const event = faxEvent(form.faxNumber, { from: '+15553330000' });

    const accepted = await gatewayCall('/gateway/faxes', event);
    await inboxUntil(token, (items) => items.length === 1);

    const receipts = [await storedItem(`DELIVERY#${accepted.webhookId}`, 'RECEIPT'), await storedItem(`GATEWAYEVENT#${accountId}#${event.eventId}`, 'RECEIPT')];
    expect(receipts.map((receipt) => receipt?.faxId)).toEqual([accepted.body.faxId, accepted.body.faxId]);
    for (const receipt of receipts) {
      const stored = JSON.stringify(receipt);
      for (const personal of [event.from, form.faxNumber, 'ACME FAX', event.receivedAt]) expect(stored).not.toContain(personal);
    }
    expect(await storedItem(`GATEWAYEVENT#${form.faxNumber}#${event.eventId}`, 'RECEIPT')).toBeUndefined();
  });

  it('stores concurrent duplicates once', async () => {
    const { form, token } = await newCustomer();
    const event = faxEvent(form.faxNumber);
    const webhookId = `msg_concurrent_${Date.now()}`;

    const responses = await Promise.all(Array.from({ length: 10 }, () => gatewayCall('/gateway/faxes', event, { webhookId })));

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(202));
    expect(new Set(responses.map((response) => response.body.faxId)).size).toBe(1);
    await inboxUntil(token, (items) => items.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await call('GET', '/faxes', { token })).body.items).toHaveLength(1);
  });

  it('accepts TIFF documents', async () => {
    const { form } = await newCustomer();
    const event = faxEvent(form.faxNumber, { document: { contentType: 'image/tiff', contentBase64: tiffBytes().toString('base64') } });
    expect((await gatewayCall('/gateway/faxes', event)).status).toBe(202);
  });

  it.each([
    ['bytes that are not the declared PDF', { contentType: 'application/pdf', contentBase64: tiffBytes().toString('base64') }],
    ['bytes that are not the declared TIFF', { contentType: 'image/tiff', contentBase64: pdfBytes().toString('base64') }],
  ])('refuses %s with 422', async (_case, document) => {
    const { form } = await newCustomer();
    expect((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { document }))).status).toBe(422);
  });

  it('refuses another content type (400) and an inline document over 4 MiB (413)', async () => {
    const { form } = await newCustomer();
    const word = await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { document: { contentType: 'application/msword', contentBase64: 'AAAA' } }));
    const tooLarge = await gatewayCall(
      '/gateway/faxes',
      faxEvent(form.faxNumber, { document: { contentType: 'application/pdf', contentBase64: pdfBytes(4 * 1024 * 1024 + 1).toString('base64') } }),
    );
    expect(word.status).toBe(400);
    expect(tooLarge.status).toBe(413);
  });

  it('refuses a fax to a number that is not an active account’s (422)', async () => {
    const deactivated = await newCustomer();
    await call('DELETE', '/me', { token: deactivated.token });

    expect((await gatewayCall('/gateway/faxes', faxEvent('+15550000001'))).status).toBe(422);
    expect((await gatewayCall('/gateway/faxes', faxEvent(deactivated.form.faxNumber))).status).toBe(422);
  });
});

describe('two-phase upload', () => {
  it('takes a document over 6 MiB through a presigned PUT and serves back its exact bytes', async () => {
    const { form, token } = await newCustomer();
    const document = pdfBytes(7 * 1024 * 1024);

    const upload = await gatewayCall('/gateway/uploads', { contentType: 'application/pdf', sizeBytes: document.length });
    expect(upload.status).toBe(201);
    expect(upload.body).toEqual({ uploadId: expect.stringMatching(/^upl_/), url: expect.any(String), expiresAt: expect.any(String) });
    expect(Date.parse(upload.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const put = await fetch(upload.body.url, { method: 'PUT', body: document, headers: { 'content-type': 'application/pdf' } });
    expect(put.status).toBe(200);

    const accepted = await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { document: { uploadId: upload.body.uploadId } }));
    expect(accepted.status).toBe(202);
    const [fax] = await inboxUntil(token, (items) => items.length === 1);
    expect(fax).toMatchObject({ faxId: accepted.body.faxId, sizeBytes: document.length, contentType: 'application/pdf' });
    const link = await call('GET', `/faxes/${fax.faxId}/document`, { token });
    expect(sha256(await (await fetch(link.body.url)).arrayBuffer())).toBe(sha256(document));
  });

  it('refuses an upload over 50 MiB, an upload never filled, and an unknown upload', async () => {
    const { form } = await newCustomer();
    const tooLarge = await gatewayCall('/gateway/uploads', { contentType: 'application/pdf', sizeBytes: 50 * 1024 * 1024 + 1 });
    const empty = await gatewayCall('/gateway/uploads', { contentType: 'application/pdf', sizeBytes: 1024 });

    const unfilled = await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { document: { uploadId: empty.body.uploadId } }));
    const unknown = await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { document: { uploadId: 'upl_01M8HCE4E5V4VDDA5N4FJMFA1D' } }));

    expect(tooLarge.status).toBe(400);
    expect(unfilled.status).toBe(422);
    expect(unknown.status).toBe(422);
  });

  it('lets an upload back one fax: another fax naming it is refused (422), a redelivery of the first still answers its fax', async () => {
    const first = await newCustomer();
    const second = await newCustomer();
    const document = pdfBytes(2048);
    const upload = await gatewayCall('/gateway/uploads', { contentType: 'application/pdf', sizeBytes: document.length });
    await fetch(upload.body.url, { method: 'PUT', body: document, headers: { 'content-type': 'application/pdf' } });
    const event = faxEvent(first.form.faxNumber, { document: { uploadId: upload.body.uploadId } });

    const accepted = await gatewayCall('/gateway/faxes', event);
    const reused = await gatewayCall('/gateway/faxes', faxEvent(second.form.faxNumber, { document: { uploadId: upload.body.uploadId } }));
    const sameDelivery = await gatewayCall('/gateway/faxes', event, { webhookId: accepted.webhookId });
    const sameEvent = await gatewayCall('/gateway/faxes', event);

    expect([accepted.status, reused.status, sameDelivery.status, sameEvent.status]).toEqual([202, 422, 202, 202]);
    expect(reused.headers.get('content-type')).toBe('application/problem+json');
    expect([sameDelivery.body.faxId, sameEvent.body.faxId]).toEqual([accepted.body.faxId, accepted.body.faxId]);
    expect((await inboxUntil(first.token, (items) => items.length === 1)).map((fax) => fax.faxId)).toEqual([accepted.body.faxId]);
    expect((await call('GET', '/faxes', { token: second.token })).body.items).toEqual([]);
  });

  it('lets one of two faxes racing for an upload have it; the other is refused (422)', async () => {
    const customers = [await newCustomer(), await newCustomer()];
    const document = pdfBytes(2048);
    const upload = await gatewayCall('/gateway/uploads', { contentType: 'application/pdf', sizeBytes: document.length });
    await fetch(upload.body.url, { method: 'PUT', body: document, headers: { 'content-type': 'application/pdf' } });

    const racing = await Promise.all(
      customers.map(({ form }) => gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { document: { uploadId: upload.body.uploadId } }))),
    );

    expect(racing.map((response) => response.status).sort()).toEqual([202, 422]);
  });

  it('refuses uploaded bytes that are not the declared type', async () => {
    const { form } = await newCustomer();
    const document = tiffBytes(1024);
    const upload = await gatewayCall('/gateway/uploads', { contentType: 'application/pdf', sizeBytes: document.length });
    await fetch(upload.body.url, { method: 'PUT', body: document, headers: { 'content-type': 'application/pdf' } });

    expect((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { document: { uploadId: upload.body.uploadId } }))).status).toBe(422);
  });
});

describe('stranded faxes', () => {
  afterAll(async () => {
    await call('DELETE', '/_local/clock');
  });

  it('queues a fax whose queueing failed and that the gateway never retried, minutes later, through the re-drive schedule', async () => {
    const { form, token } = await newCustomer();
    const document = pdfBytes(1536);
    const event = faxEvent(form.faxNumber, { document: { contentType: 'application/pdf', contentBase64: document.toString('base64') } }) as InboundFax;
    const webhookId = `msg_stranded_${randomUUID()}`;
    const requestId = `req_stranded_${randomUUID()}`;
    // The ingest itself, on the runtime's table and bucket, when SQS refuses its message: the
    // gateway got a 500 and, here, never retries.
    const unavailable = ingestDependenciesWith({ send: () => Promise.reject(new Error('SQS is unavailable')) });
    await expect(ingestFax(unavailable, { webhookId, requestId }, event)).rejects.toThrow('SQS is unavailable');
    expect((await storedItem(`DELIVERY#${webhookId}`, 'RECEIPT'))?.pendingMessage).toBeDefined();

    const early = await call('POST', '/_local/schedules/redrive-receipts/run');
    expect(early.body.faxesRequeued).toBe(0);

    await call('PUT', '/_local/clock', { json: { now: new Date(Date.now() + STRANDED_AFTER_MS + 60_000).toISOString() } });
    const redrive = await call('POST', '/_local/schedules/redrive-receipts/run');
    await call('DELETE', '/_local/clock');
    expect(redrive.status).toBe(200);
    expect(redrive.body.faxesRequeued).toBeGreaterThanOrEqual(1);

    const [fax] = await inboxUntil(token, (items) => items.length === 1);
    expect(fax).toMatchObject({ from: event.from, to: form.faxNumber, sizeBytes: document.length });
    // The re-driven message still carries the id of the ingest request that accepted the fax.
    const handled = await outputLineUntil((line) => line.message === 'message handled' && line.requestId === requestId);
    expect(handled).toMatchObject({ function_name: 'deliver-fax', outcome: 'delivered' });
    const link = await call('GET', `/faxes/${fax.faxId}/document`, { token });
    expect(sha256(await (await fetch(link.body.url)).arrayBuffer())).toBe(sha256(document));
    expect(await storedItem(`DELIVERY#${webhookId}`, 'RECEIPT')).not.toHaveProperty('pendingMessage');
    const late = await gatewayCall('/gateway/faxes', event, { webhookId });
    expect(late.body.faxId).toBe(fax.faxId);
  });
});

describe('the inbox', () => {
  it('lists newest first with cursor pagination', async () => {
    const { form, token } = await newCustomer();
    const faxIds: string[] = [];
    for (let i = 0; i < 3; i += 1) faxIds.push((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber))).body.faxId);
    await inboxUntil(token, (items) => items.length === 3);

    const first = await call('GET', '/faxes?limit=2', { token });
    const second = await call('GET', `/faxes?limit=2&cursor=${first.body.nextCursor}`, { token });

    expect(first.body.items.map((fax: { faxId: string }) => fax.faxId)).toEqual([faxIds[2], faxIds[1]]);
    expect(second.body.items.map((fax: { faxId: string }) => fax.faxId)).toEqual([faxIds[0]]);
    expect(second.body.nextCursor).toBeUndefined();
    expect((await call('GET', '/faxes?limit=0', { token })).status).toBe(400);
    expect((await call('GET', '/faxes?limit=101', { token })).status).toBe(400);
    expect((await call('GET', '/faxes?cursor=bm9wZQ', { token })).status).toBe(400);
  });

  it('answers 404 for another tenant’s fax on every route, and changes nothing', async () => {
    const owner = await newCustomer();
    const stranger = await newCustomer();
    const { faxId } = (await gatewayCall('/gateway/faxes', faxEvent(owner.form.faxNumber))).body;
    await inboxUntil(owner.token, (items) => items.length === 1);

    expect((await call('GET', `/faxes/${faxId}`, { token: stranger.token })).status).toBe(404);
    expect((await call('GET', `/faxes/${faxId}/document`, { token: stranger.token })).status).toBe(404);
    expect((await call('DELETE', `/faxes/${faxId}`, { token: stranger.token })).status).toBe(404);
    expect((await call('GET', '/faxes', { token: stranger.token })).body.items).toEqual([]);
    expect((await call('GET', `/faxes/${faxId}`, { token: owner.token })).status).toBe(200);
  });

  it('deletes a fax: its metadata and its document are gone', async () => {
    const { form, token } = await newCustomer();
    const { faxId } = (await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber))).body;
    await inboxUntil(token, (items) => items.length === 1);
    const link = await call('GET', `/faxes/${faxId}/document`, { token });

    expect((await call('DELETE', `/faxes/${faxId}`, { token })).status).toBe(204);

    expect((await call('GET', `/faxes/${faxId}`, { token })).status).toBe(404);
    expect((await call('GET', '/faxes', { token })).body.items).toEqual([]);
    expect((await fetch(link.body.url)).status).toBe(404);
  });

  it('keeps faxes from a blocked sender out of the inbox until unblocked', async () => {
    const { form, token } = await newCustomer();
    const sender = '+15557770000';

    const blocked = await call('PUT', `/me/blocked-senders/${encodeURIComponent(sender)}`, { token });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toEqual({ faxNumber: sender, blockedAt: expect.any(String) });
    expect((await call('GET', '/me/blocked-senders', { token })).body.items).toEqual([blocked.body]);
    expect((await call('PUT', '/me/blocked-senders/not-a-number', { token })).status).toBe(400);

    expect((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { from: sender }))).status).toBe(202);
    const marker = (await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { from: '+15551110000' }))).body.faxId;
    const items = await inboxUntil(token, (list) => list.some((fax) => fax.faxId === marker));
    expect(items.map((fax) => fax.from)).toEqual(['+15551110000']);

    expect((await call('DELETE', `/me/blocked-senders/${encodeURIComponent(sender)}`, { token })).status).toBe(204);
    expect((await call('GET', '/me/blocked-senders', { token })).body.items).toEqual([]);
    const after = (await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { from: sender }))).body.faxId;
    expect((await inboxUntil(token, (list) => list.some((fax) => fax.faxId === after))).map((fax) => fax.faxId)).toContain(after);
  });

  it('lets a deactivated customer read their faxes and documents (what remains is theirs to retrieve), and change nothing (403)', async () => {
    const { form, token } = await newCustomer();
    const { faxId } = (await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber))).body;
    await inboxUntil(token, (list) => list.some((fax) => fax.faxId === faxId));
    expect((await call('DELETE', '/me', { token })).status).toBe(202);

    const inbox = await call('GET', '/faxes', { token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((fax: { faxId: string }) => fax.faxId)).toEqual([faxId]);
    expect((await call('GET', `/faxes/${faxId}`, { token })).body).toMatchObject({ faxId });
    const document = await call('GET', `/faxes/${faxId}/document`, { token });
    expect(document.status).toBe(200);
    expect((await fetch(document.body.url)).status).toBe(200);
    expect((await call('DELETE', `/faxes/${faxId}`, { token })).status).toBe(403);
    expect((await call('GET', '/me/blocked-senders', { token })).status).toBe(403);
  });
});

describe('ids and keys are bounded', () => {
  it('answers 404 to a fax id of 1,000 characters on every fax route, and 400 to a cursor of 10,000', async () => {
    const customer = await newCustomer();
    const longId = `fax_${'0'.repeat(996)}`;

    expect((await call('GET', `/faxes/${longId}`, { token: customer.token })).status).toBe(404);
    expect((await call('GET', `/faxes/${longId}/document`, { token: customer.token })).status).toBe(404);
    expect((await call('DELETE', `/faxes/${longId}`, { token: customer.token })).status).toBe(404);
    expect((await call('GET', `/faxes?cursor=${'A'.repeat(10_000)}`, { token: customer.token })).status).toBe(400);
    expect((await call('GET', `/me/blocked-senders?cursor=${'A'.repeat(10_000)}`, { token: customer.token })).status).toBe(400);
  });

  it('answers 400 to a signed webhook-id of 3,000 characters, an eventId of 1,000 and a body nested 100,000 deep', async () => {
    const customer = await newCustomer();
    const deep = `{"eventId":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

    const longWebhookId = await gatewayCall('/gateway/faxes', faxEvent(customer.form.faxNumber), { webhookId: 'm'.repeat(3_000) });
    const longEventId = await gatewayCall('/gateway/faxes', faxEvent(customer.form.faxNumber, { eventId: 'e'.repeat(1_000) }));
    const nested = await gatewayCall('/gateway/faxes', deep);

    expect([longWebhookId.status, longEventId.status, nested.status]).toEqual([400, 400, 400]);
    expect(longWebhookId.body.errors).toEqual([{ path: 'webhook-id', message: expect.any(String) }]);
    expect(longEventId.body.errors).toEqual([{ path: 'eventId', message: expect.any(String) }]);
    expect(await inboxUntil(customer.token, () => false, 300)).toEqual([]);
  });
});

describe('60-day retention', () => {
  afterAll(async () => {
    await call('DELETE', '/_local/clock');
  });

  it('hides expired faxes at once, answers 410 for their documents, and the sweep removes them', async () => {
    const { form, token } = await newCustomer();
    const { faxId } = (await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber))).body;
    const [fax] = await inboxUntil(token, (items) => items.length === 1);
    const link = await call('GET', `/faxes/${faxId}/document`, { token });

    const justBefore = new Date(Date.parse(fax.expiresAt) - 60_000).toISOString();
    expect((await call('PUT', '/_local/clock', { json: { now: justBefore } })).status).toBe(200);
    expect((await call('GET', '/faxes', { token })).body.items).toHaveLength(1);

    await call('PUT', '/_local/clock', { json: { now: new Date(Date.parse(fax.expiresAt) + 60_000).toISOString() } });
    expect((await call('GET', '/faxes', { token })).body.items).toEqual([]);
    expect((await call('GET', `/faxes/${faxId}`, { token })).status).toBe(404);
    expect((await call('GET', `/faxes/${faxId}/document`, { token })).status).toBe(410);

    const sweep = await call('POST', '/_local/schedules/retention-sweep/run');
    expect(sweep.status).toBe(200);
    expect(sweep.body.faxesRemoved).toBeGreaterThanOrEqual(1);
    expect((await fetch(link.body.url)).status).toBe(404);
    await call('DELETE', '/_local/clock');
    expect((await call('GET', '/faxes', { token })).body.items).toEqual([]);
    expect((await call('GET', `/faxes/${faxId}`, { token })).status).toBe(404);
  });
});

describe('local schedules', () => {
  it('lists the retention sweep and the re-drive with their rates and refuses an unknown schedule', async () => {
    const { items } = (await call('GET', '/_local/schedules')).body;
    expect(items).toContainEqual({ name: 'retention-sweep', everyMinutes: 60 });
    expect(items).toContainEqual({ name: 'redrive-receipts', everyMinutes: 5 });
    expect((await call('POST', '/_local/schedules/no-such-job/run')).status).toBe(404);
  });
});

/** The runtime's JSON output lines (logs and EMF) until one satisfies `predicate` (consumers log asynchronously). */
const outputLineUntil = async (predicate: (line: Record<string, any>) => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = runtimeOutput()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);
    const found = lines.find(predicate);
    if (found || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('tracing and metrics in the runtime’s output', () => {
  it('the consumer logs a fax’s message with the id of the ingest request that queued it', async () => {
    const { form, token } = await newCustomer();
    const accepted = await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber));
    const requestId = accepted.headers.get('x-request-id');
    await inboxUntil(token, (items) => items.length === 1);

    const handled = await outputLineUntil((line) => line.message === 'message handled' && line.requestId === requestId);

    expect(requestId).toBeTruthy();
    expect(handled).toMatchObject({ function_name: 'deliver-fax', requestId, outcome: 'delivered' });
  });

  it('business metrics print as EMF lines in the local namespace', async () => {
    const emitted = await outputLineUntil((line) => line._aws !== undefined && line.SignUps !== undefined);

    expect(emitted?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'FaxBackend/local', Dimensions: [['service']] });
  });
});

describe('the runtime’s output', () => {
  it('never carries fax content or numbers', () => {
    const output = runtimeOutput();
    expect(output).not.toContain(pdfBytes().toString('base64').slice(0, 24));
    expect(output).not.toContain('+15559870000');
    expect(output).not.toContain('+15557770000');
  });
});
