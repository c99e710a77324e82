import { randomUUID } from 'node:crypto';
import { LOCAL_EMAIL } from '../../infra/local/provision';
import { bounceEvent, complaintEvent } from '../support/email';
import { runtimeOutput } from './support/client';
import { awaitEmails, emailsTo } from './support/emails';
import { drained, givenDeliveryMarker, givenSuppressed, isSuppressed, localEmailOutbox, putOnQueue } from './support/emulators';

// The one email pipeline against the local runtime: an `email.requested` event put on the emails
// queue by the outbox adapter a feature uses, consumed by send-email, sent through the SES
// emulator and read back from `/_local/emails`; SES feedback put on the emailFeedback queue as
// EventBridge would, consumed by email-feedback.

const TEMPORARY_PASSWORD = 'Tmp-Pa55word!e2e';
const uniqueAddress = (name: string) => `${name}.${randomUUID().slice(0, 8)}@acme.test`;

const invitationTo = (to: string, messageId = `invite-${randomUUID()}`) => ({
  messageId,
  to,
  template: 'login-invitation' as const,
  params: { username: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH', temporaryPassword: TEMPORARY_PASSWORD },
});

describe('the email pipeline', () => {
  it('sends a requested email through SES, with text and HTML, from the configured sender', async () => {
    // Prepare
    const address = uniqueAddress('ana');

    // Act
    await (await localEmailOutbox()).request(invitationTo(address), 'req-e2e-email-1');

    // Assess
    const [email] = await awaitEmails(address, 1);
    expect(email).toMatchObject({ to: address, from: LOCAL_EMAIL.sender, subject: 'Your fax service login' });
    expect(email.text).toContain(TEMPORARY_PASSWORD);
    expect(email.html).toContain(`<strong>${TEMPORARY_PASSWORD}</strong>`);
  });

  it('sends a message id once, however often its message arrives', async () => {
    // Prepare
    const address = uniqueAddress('bob');
    const request = invitationTo(address);
    const outbox = await localEmailOutbox();
    await outbox.request(request, 'req-e2e-email-2');
    expect(await awaitEmails(address, 1)).toHaveLength(1);

    // Act: the same message again (an outbox retry, a redrive)
    await outbox.request(request, 'req-e2e-email-2');
    await drained('emails');

    // Assess
    expect(await emailsTo(address)).toHaveLength(1);
  });

  it('sends the email of a message id whose consumer died after claiming it, once its lease has passed', async () => {
    // Prepare
    const address = uniqueAddress('dee');
    const request = invitationTo(address);
    await givenDeliveryMarker(request.messageId, { status: 'sending', claimedAt: new Date(Date.now() - 31_000).toISOString() });

    // Act
    await (await localEmailOutbox()).request(request, 'req-e2e-email-5');

    // Assess
    expect(await awaitEmails(address, 1)).toHaveLength(1);
  });

  it('sends nothing for a message id already marked sent', async () => {
    // Prepare
    const address = uniqueAddress('eve');
    const request = invitationTo(address);
    await givenDeliveryMarker(request.messageId, { status: 'sent', claimedAt: new Date(Date.now() - 3_600_000).toISOString() });

    // Act
    await (await localEmailOutbox()).request(request, 'req-e2e-email-6');
    await drained('emails');

    // Assess
    expect(await emailsTo(address)).toEqual([]);
  });

  it('never emails a suppressed address, whatever its case', async () => {
    // Prepare
    const address = uniqueAddress('cy');
    await givenSuppressed(address);

    // Act
    await (await localEmailOutbox()).request(invitationTo(address.toUpperCase()), 'req-e2e-email-3');
    await drained('emails');

    // Assess
    expect(await emailsTo(address)).toEqual([]);
  });

  it('suppresses an address SES reports as bouncing for good or complaining, not one that bounced for now', async () => {
    // Prepare
    const [bounced, complained, full] = [uniqueAddress('gone'), uniqueAddress('angry'), uniqueAddress('full')];

    // Act
    await putOnQueue('emailFeedback', bounceEvent('Permanent', [bounced]));
    await putOnQueue('emailFeedback', complaintEvent([complained]));
    await putOnQueue('emailFeedback', bounceEvent('Transient', [full]));
    await drained('emailFeedback');

    // Assess
    expect(await isSuppressed(bounced)).toBe(true);
    expect(await isSuppressed(complained)).toBe(true);
    expect(await isSuppressed(full)).toBe(false);
    const outbox = await localEmailOutbox();
    for (const address of [bounced, full]) await outbox.request(invitationTo(address), 'req-e2e-email-4');
    expect(await awaitEmails(full, 1)).toHaveLength(1);
    await drained('emails');
    expect(await emailsTo(bounced)).toEqual([]);
  });

  it('logs no address and no temporary password', async () => {
    // Assess
    const output = runtimeOutput();
    expect(output).toContain('"function_name":"send-email"');
    expect(output).not.toContain(TEMPORARY_PASSWORD);
    expect(output).not.toMatch(/[\w.]+\.[0-9a-f]{8}@acme\.test/i);
  });
});
