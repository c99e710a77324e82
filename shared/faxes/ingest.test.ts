import { ACCOUNT_ID } from '../../test/support/accounts';
import { HASH_KEY, OTHER_FAX_ID, REQUEST_ID, WEBHOOK_ID, inboundFaxBody, pendingReceipt, receipt } from '../../test/support/faxes';
import { hmacPseudonymiser } from '../adapters/secrets/pseudonymiser';
import { ingestFax, type IngestDependencies } from './ingest';
import type { GatewayReceipt, RecordOutcome } from './ports';
import type { InboundFax } from './schemas';

// The use case's answer beyond the HTTP reply: whether a delivery repeated an earlier one (what
// a duplicate-delivery metric counts). The HTTP behaviour is proven in the handler's tests.

const dependencies = (earlier: GatewayReceipt | undefined, recorded: RecordOutcome = { outcome: 'recorded' }): IngestDependencies => ({
  receipts: {
    find: async () => earlier,
    record: async () => recorded,
    markEnqueued: async () => undefined,
    pendingSince: async () => [],
  },
  recipients: { recipient: async () => ({ accountId: ACCOUNT_ID, active: true }) },
  uploads: { create: async () => undefined, get: async () => undefined },
  documents: {
    put: async () => undefined,
    copy: async () => true,
    peek: async () => undefined,
    delete: async () => undefined,
    deleteOlderThan: async () => 0,
    downloadUrl: async () => '',
    uploadUrl: async () => '',
  },
  queue: { send: async () => undefined },
  pseudonymiser: hmacPseudonymiser(async () => HASH_KEY),
});
const delivery = { webhookId: WEBHOOK_ID, requestId: REQUEST_ID };

const event = inboundFaxBody() as InboundFax;

describe('ingestFax: duplicate deliveries', () => {
  it('answers a new fax as no duplicate', async () => {
    // Act
    const outcome = await ingestFax(dependencies(undefined), delivery, event);

    // Assess
    expect(outcome).toEqual({ faxId: expect.stringMatching(/^fax_/), status: 'accepted', duplicate: false });
  });

  it.each([
    ['queued already', receipt()],
    ['still pending', pendingReceipt()],
  ])('answers a repeat found by its receipt (%s) as a duplicate of the first fax', async (_case, earlier) => {
    // Act
    const outcome = await ingestFax(dependencies(earlier), delivery, event);

    // Assess
    expect(outcome).toEqual({ faxId: OTHER_FAX_ID, status: 'accepted', duplicate: true });
  });

  it('answers a race lost to a concurrent delivery of the same fax as a duplicate', async () => {
    // Act
    const outcome = await ingestFax(dependencies(undefined, { outcome: 'repeated', receipt: receipt() }), delivery, event);

    // Assess
    expect(outcome).toEqual({ faxId: OTHER_FAX_ID, status: 'accepted', duplicate: true });
  });
});
