import { randomUUID } from 'node:crypto';
import { isRegisteredKind, personalDataRegistry } from '../../shared/privacy/registry';
import { bounceEvent } from '../support/email';
import { adminToken, call, newCustomer, runtimeOutput, signUpForm, tokenFor } from './support/client';
import { awaitEmails } from './support/emails';
import { EXPORT_BUCKET_NAME } from '../../infra/local/provision';
import { drained, putOnQueue, storedItem, storedItemKinds, storedObjectKeys } from './support/emulators';
import { faxEvent, gatewayCall, pdfBytes } from './support/gateway';

// The personal-data registry against what the running backend really stores: every feature is
// exercised over HTTP (and SES feedback through its queue), then every item of the table and
// every object of the fax bucket must be of a registered kind and prefix, and every registered
// kind and prefix must have been written. The table holds what the other e2e files left too.

/** Polls until `done` holds (queue consumers run asynchronously), or gives up. */
const until = async (done: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
};

/** Where an item sits, without the identifiers in its key: its partition key's prefix. */
const partitionOf = (PK: string) => `${PK.split('#')[0]}#…`;

describe('the personal-data registry, against everything the backend stored', () => {
  it('knows every item kind and bucket prefix the features wrote, and each of them was written', async () => {
    // Prepare: a customer signs up (account, consents, claims, the number assigned, the login's
    // invitation sent), blocks a sender, receives a fax (receipts, the fax, its document) through
    // an upload, one from the blocked sender (refused: a gone marker), asks for their data (a rights
    // request), reports the blocked sender as junk (whose case an admin dismisses), and an address
    // bounces; another customer is erased (its receipt).
    const form = await signUpForm();
    expect((await call('POST', '/accounts', { json: form })).status).toBe(201);
    // The invitation goes to a sign-up still pending: the token (its owner's first sign-in) comes after.
    expect(await awaitEmails(form.email, 1)).toHaveLength(1);
    const token = await tokenFor(form.email);
    const blockedSender = '+15557770001';
    expect((await call('PUT', `/me/blocked-senders/${encodeURIComponent(blockedSender)}`, { token })).status).toBe(200);
    const document = pdfBytes(1024);
    const upload = await gatewayCall('/gateway/uploads', { contentType: 'application/pdf', sizeBytes: document.length });
    expect(upload.status).toBe(201);
    expect((await fetch(upload.body.url, { method: 'PUT', body: document, headers: { 'content-type': 'application/pdf' } })).status).toBe(200);
    expect((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { document: { uploadId: upload.body.uploadId } }))).status).toBe(202);
    expect((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber, { from: blockedSender }))).status).toBe(202);
    await putOnQueue('emailFeedback', bounceEvent('Permanent', [`bounced.${randomUUID().slice(0, 8)}@acme.test`]));
    expect((await call('POST', '/rights-requests', { json: { type: 'access', email: form.email }, token })).status).toBe(202);
    // Anyone's request for the same email, pending its code (its code limits: a hold and the day's count).
    expect((await call('POST', '/rights-requests', { json: { type: 'complaint', email: form.email } })).status).toBe(202);
    // A junk-fax report (the report, its reporter's window, the sender's case, the reporter's throttle count).
    expect((await call('POST', '/junk-fax-reports', { json: { senderFaxNumber: blockedSender, reporterName: 'Ana Ruiz', description: 'Offers' }, token })).status).toBe(202);
    // An admin dismisses its case (an audit entry).
    const admin = await adminToken();
    const cases = (await call('GET', '/admin/junk-fax-cases?status=open&limit=100', { token: admin })).body.items as { caseId: string; senderFaxNumber: string }[];
    const junkCase = cases.find(({ senderFaxNumber }) => senderFaxNumber === blockedSender);
    expect((await call('POST', `/admin/junk-fax-cases/${junkCase?.caseId}/dismiss`, { json: { reason: 'An expected sender.' }, token: admin })).status).toBe(200);
    await until(async () => (await call('GET', '/faxes', { token })).body.items.length === 1);
    // The customer invites a friend (a referral), whose invitation's opt-out link they follow (a referral opt-out).
    const friend = `friend.${randomUUID().slice(0, 8)}@example.test`;
    expect((await call('POST', '/referrals', { json: { friendName: 'Bo', friendEmail: friend }, token })).status).toBe(202);
    const [invitation] = await awaitEmails(friend, 1);
    const optOut = /(https?:\/\/\S+\/referrals\/opt-out\?token=[\w.-]+)/.exec(invitation?.text ?? '')?.[1];
    expect((await fetch(optOut ?? 'http://invalid')).status).toBe(200);
    // A policy version is published (its item and audit entry) and notified (each account's notice
    // record, its settlement marker and counter shard).
    const version = `2091-${String(1 + (Date.now() % 12)).padStart(2, '0')}.${1 + (Date.now() % 999)}`;
    const effectiveAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    expect((await call('POST', '/admin/policies', { json: { version, effectiveAt, summary: 'Faxes are kept 60 days.', kind: 'policy_change' }, token: admin })).status).toBe(201);
    await drained('policyNotices', 90_000);
    // Another customer has themselves erased (the erasure receipt).
    const erased = await newCustomer();
    const erasure = await call('POST', '/rights-requests', { json: { type: 'erasure', email: erased.form.email }, token: erased.token });
    await until(async () => (await storedItem(`ERASURE#${erasure.body.requestId}`, 'RECEIPT')) !== undefined);
    // A civil subpoena about the first customer (the request, its holds, its audit entries), paid and produced (legal/ of the exports bucket).
    const subpoena = await call('POST', '/admin/legal-requests', {
      token: admin,
      json: {
        kind: 'civil_subpoena',
        receivedInWriting: true,
        requester: { name: 'Pat Counsel', organization: 'Counsel & Co', email: 'pat@law.test', address: '1 Court St' },
        subject: { email: form.email },
        scope: { categories: ['account'] },
        documentRefs: ['subpoena.pdf'],
        noticeProhibited: true,
      },
    });
    expect(subpoena.status).toBe(201);
    expect((await call('POST', `/admin/legal-requests/${subpoena.body.legalRequestId}/fee`, { token: admin, json: { amountCents: 25000 } })).status).toBe(200);
    expect((await call('POST', `/admin/legal-requests/${subpoena.body.legalRequestId}/produce`, { token: admin })).status).toBe(200);
    await Promise.all([drained('faxAccepted'), drained('emailFeedback'), drained('rightsRequests')]);
    // A duplicate email request meeting its twin mid-send in another batch (a legal notice asked for at creation and at the fee) comes back when the twin's claim lease ends (at most 31 s).
    await drained('emails', 45_000);
    // The monthly usage rollup runs (its months' rollups; the fax above counted in its account's usage counter).
    expect((await call('POST', '/_local/schedules/usage-rollup/run')).status).toBe(200);

    // Act
    const items = await storedItemKinds();
    const objectKeys = await storedObjectKeys();
    const exportKeys = await storedObjectKeys(EXPORT_BUCKET_NAME);

    // Assess
    const unregisteredItems = [...new Set(items.filter(({ type }) => !isRegisteredKind(type)).map(({ type, PK }) => `type ${JSON.stringify(type)} under ${partitionOf(PK)}`))];
    expect({ unregisteredItemKinds: unregisteredItems }).toEqual({ unregisteredItemKinds: [] });
    const prefixes = Object.keys(personalDataRegistry.objects);
    const unregisteredObjects = [...new Set(objectKeys.map((key) => key.split('/')[0]).filter((prefix) => !prefixes.includes(prefix)))];
    expect({ unregisteredBucketPrefixes: unregisteredObjects }).toEqual({ unregisteredBucketPrefixes: [] });
    // The exports bucket likewise (the access request's export).
    const exportPrefixes = Object.keys(personalDataRegistry.exportObjects);
    const usedExportPrefixes = new Set(exportKeys.map((key) => key.split('/')[0]));
    expect({ exportPrefixes: [...usedExportPrefixes].sort() }).toEqual({ exportPrefixes: exportPrefixes.sort() });
    const written = new Set(items.map(({ type }) => type));
    const neverWritten = Object.keys(personalDataRegistry.items).filter((kind) => !written.has(kind));
    expect({ registeredKindsThisTestNeverSawWritten: neverWritten }).toEqual({ registeredKindsThisTestNeverSawWritten: [] });
    const usedPrefixes = new Set(objectKeys.map((key) => key.split('/')[0]));
    expect({ registeredPrefixesNeverUsed: prefixes.filter((prefix) => !usedPrefixes.has(prefix)) }).toEqual({ registeredPrefixesNeverUsed: [] });
    // A guard against a hang (queue consumers and an emailed invitation on a loaded machine), not a speed assertion.
  }, 150_000);

  it("needed no table access beyond each function's declaration (the runtime refuses what IAM would: infra/local/table-guard.ts)", () => {
    // After the features above (and whatever other files ran before): a refusal fails the call and is logged.
    expect(runtimeOutput()).not.toMatch(/AccessDeniedException|is not granted|outside its tableKeys|is denied on [A-Z]+ items/);
  });
});
