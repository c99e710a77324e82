import { CfnOutput, Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailSendingProps {
  /** The address every email is sent from; its domain is the SES identity. */
  senderEmail: string;
}

/**
 * What the email pipeline sends with: the SES domain identity of the sender's domain (Easy DKIM:
 * publish its three CNAME records), and the configuration set every email names, which requires
 * TLS and publishes bounces and complaints to the default event bus (the stateless stack routes
 * them to the emailFeedback queue). SES's own account-level suppression list is off for it: the
 * service keeps one list, of keyed digests, rather than a second one of plain addresses.
 */
export class EmailSending extends Construct {
  readonly senderEmail: string;
  /** The sender's domain: the SES identity. */
  readonly domain: string;
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    const domain = props.senderEmail.slice(props.senderEmail.lastIndexOf('@') + 1);
    this.domain = domain;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      disableSuppressionList: true,
    });
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.identity = new EmailIdentity(this, 'Identity', { identity: Identity.domain(domain), configurationSet: this.configurationSet });
    // The three CNAME records Easy DKIM needs: the identity stays unverified, and SES sends
    // nothing, until they are published in the domain's DNS (README, runbook).
    const { dkimRecords } = this.identity;
    dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, { description: `Easy DKIM CNAME ${index + 1} of ${domain}: name, then value`, value: `${record.name} CNAME ${record.value}` });
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }
}
