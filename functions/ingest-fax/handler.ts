import { receiptStore, recipients, uploadStore } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { gatewaySecretSource } from '../../shared/adapters/secrets/gateway-secrets';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { faxQueue } from '../../shared/adapters/sqs/fax-queue';
import { ingestFax } from '../../shared/faxes/ingest';
import { gatewaySignature } from '../../shared/http/gateway-signature';
import { accepted, httpRoute } from '../../shared/http/route';
import declaration from './function';

const deps = {
  receipts: receiptStore(),
  recipients: recipients(),
  uploads: uploadStore(),
  documents: faxDocuments(),
  queue: faxQueue(),
  pseudonymiser: pseudonymiser(),
};

export const handler = httpRoute(
  { trigger: declaration.trigger, verifySignature: gatewaySignature(gatewaySecretSource()) },
  async ({ body, headers, requestId, metrics }) => {
    // The fax's queue message carries this request's id, so the consumer's log lines join this request's.
    const { duplicate, ...receipt } = await ingestFax(deps, { webhookId: headers['webhook-id'], requestId }, body);
    metrics.count(duplicate ? 'FaxDuplicates' : 'FaxesAccepted');
    return accepted(receipt);
  },
);
