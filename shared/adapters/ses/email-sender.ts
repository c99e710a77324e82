import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { EnvNames, requiredEnv } from '../../config';
import type { EmailSender } from '../../email/ports';
import type { RenderedEmail } from '../../email/templates';
import { RetryLater } from '../../jobs/retry-later';

/**
 * SES's answers that mean "not now" rather than "never": the account's sending rate or daily
 * quota reached, or its sending paused (a reputation review, resumed by a person).
 */
const SLOW_DOWN = new Set(['TooManyRequestsException', 'LimitExceededException', 'SendingPausedException', 'Throttling', 'ThrottlingException']);

/**
 * One SES v2 client per container. The endpoint comes from the SDK's own settings
 * (AWS_ENDPOINT_URL_SESV2 locally, the SES emulator).
 */
const sesClient = new SESv2Client({});

const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });

/** SES v2 SendEmail: simple content, from the stage's sender, with its configuration set (which reports bounces and complaints). */
class SesEmailSender implements EmailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly configurationSet: string,
  ) {}

  async send(to: string, email: RenderedEmail): Promise<void> {
    try {
      await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [to] },
          Content: {
            Simple: {
              Subject: utf8(email.subject),
              Body: { Text: utf8(email.text), Html: utf8(email.html) },
              ...(email.headers ? { Headers: email.headers.map(({ name, value }) => ({ Name: name, Value: value })) } : {}),
            },
          },
          ConfigurationSetName: this.configurationSet,
        }),
      );
    } catch (error) {
      if (error instanceof Error && SLOW_DOWN.has(error.name)) throw new RetryLater(error.name, { cause: error });
      throw error;
    }
  }
}

/** The sender the function is bound to (`sendEmail: true`). */
export const emailSender = (): EmailSender =>
  new SesEmailSender(sesClient, requiredEnv(EnvNames.emailSender), requiredEnv(EnvNames.emailConfigurationSet));
