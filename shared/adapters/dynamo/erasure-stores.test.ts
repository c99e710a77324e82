import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { documentClient } from './client';
import { DynamoAccountPartitions, DynamoErasureReceipts, DynamoPersonRequests } from './erasure-stores';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'fax-backend-unit-table';
const PK = 'ACCOUNT#acc_1';

beforeEach(() => {
  ddb.reset();
  ddb.on(UpdateCommand).resolves({});
});

describe("an erased account's partition", () => {
  it('reads a page of keys, kinds and documents only, consistently, leaving the profile out, with a cursor when more may follow', async () => {
    // Prepare
    const last = { PK, SK: 'PROFILE' };
    ddb.on(QueryCommand).resolves({
      Items: [{ PK, SK: 'FAX#fax_1', type: 'fax', documentKey: 'faxes/fax_1' }, { PK, SK: 'CONSENT#con_1', type: 'consent' }, { ...last, type: 'account' }],
      LastEvaluatedKey: last,
    });

    // Act
    const page = await new DynamoAccountPartitions(documentClient, TABLE).page('acc_1', 1000);

    // Assess
    expect(page.items).toEqual([
      { key: { PK, SK: 'FAX#fax_1' }, kind: 'fax', documentKey: 'faxes/fax_1' },
      { key: { PK, SK: 'CONSENT#con_1' }, kind: 'consent' },
    ]);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': PK },
      ProjectionExpression: 'PK, SK, #type, documentKey',
      ConsistentRead: true,
      Limit: 1000,
    });
    await new DynamoAccountPartitions(documentClient, TABLE).page('acc_1', 1000, page.cursor);
    expect(ddb.commandCalls(QueryCommand)[1].args[0].input.ExclusiveStartKey).toEqual(last);
  });
});

describe("a person's other rights requests", () => {
  it('lists only rights requests under the person, not the junk-fax reports their email also filed', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [{ requestId: 'rrq_1' }] });

    // Act
    const page = await new DynamoPersonRequests(documentClient, TABLE).page('digest_1');

    // Assess
    expect(page.requestIds).toEqual(['rrq_1']);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :person AND begins_with(GSI1SK, :rights)',
      ExpressionAttributeValues: { ':person': 'PERSON#digest_1', ':rights': 'RIGHTS#' },
    });
  });

  it("removes the registry's fields in one update, conditional on the email still being there", async () => {
    // Act
    const anonymised = await new DynamoPersonRequests(documentClient, TABLE).anonymise('rrq_1', ['email', 'details']);

    // Assess
    expect(anonymised).toBe(true);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { PK: 'RIGHTS#rrq_1', SK: 'REQUEST' },
      UpdateExpression: 'REMOVE #f0, #f1',
      ConditionExpression: 'attribute_exists(email)',
      ExpressionAttributeNames: { '#f0': 'email', '#f1': 'details' },
    });
  });

  it('answers false for a request an earlier run anonymised', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));

    // Act
    const anonymised = await new DynamoPersonRequests(documentClient, TABLE).anonymise('rrq_1', ['email']);

    // Assess
    expect(anonymised).toBe(false);
  });
});

describe('the erasure receipt', () => {
  it('adds each kind’s count to its own attribute, in one update', async () => {
    // Act
    await new DynamoErasureReceipts(documentClient, TABLE).tally('rrq_1', '2026-11-30T10:00:00.000Z', { 'items.fax': 998, 'objects.faxes': 998 });

    // Assess
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { PK: 'ERASURE#rrq_1', SK: 'RECEIPT' },
      UpdateExpression: 'SET #type = :type, requestId = :id, erasedAt = :at ADD #k0 :k0, #k1 :k1',
      ExpressionAttributeNames: { '#type': 'type', '#k0': 'items.fax', '#k1': 'objects.faxes' },
      ExpressionAttributeValues: { ':type': 'erasure_receipt', ':id': 'rrq_1', ':at': '2026-11-30T10:00:00.000Z', ':k0': 998, ':k1': 998 },
    });
  });
});
