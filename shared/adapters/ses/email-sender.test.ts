import 'aws-sdk-client-mock-jest';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { CONFIGURATION_SET, RECIPIENT, SENDER, useEmailEnvironment } from '../../../test/support/email';
import { renderEmail, withOneClickUnsubscribe } from '../../email/templates';
import { emailSender } from './email-sender';

// The sender reads its address and configuration set when made.
useEmailEnvironment();

const ses = mockClient(SESv2Client);
const CODE_EMAIL = renderEmail({ template: 'email-change-code', params: { code: '493027' } });
const UNSUBSCRIBE_URL = 'https://api.fax.example/unsubscribe?token=opt_out_all.acc_01KB0000000000000000000001.sig';

beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
});

describe('the SES email sender', () => {
  it("sends an email's own headers as SES v2 simple content's Headers (a notice's one-click unsubscribe)", async () => {
    // Act
    await emailSender().send(RECIPIENT, withOneClickUnsubscribe(CODE_EMAIL, UNSUBSCRIBE_URL));

    // Assess
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: SENDER,
      ConfigurationSetName: CONFIGURATION_SET,
      Destination: { ToAddresses: [RECIPIENT] },
    });
    expect(ses.commandCalls(SendEmailCommand)[0].args[0].input.Content?.Simple?.Headers).toEqual([
      { Name: 'List-Unsubscribe', Value: `<${UNSUBSCRIBE_URL}>` },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
  });

  it('adds no headers to an email that has none of its own (codes, receipts, invitations to sign in)', async () => {
    // Act
    await emailSender().send(RECIPIENT, CODE_EMAIL);

    // Assess
    const simple = ses.commandCalls(SendEmailCommand)[0].args[0].input.Content?.Simple;
    expect(simple?.Subject?.Data).toBe(CODE_EMAIL.subject);
    expect(simple).not.toHaveProperty('Headers');
  });
});
