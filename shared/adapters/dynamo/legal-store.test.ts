import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { transactionCanceled, transactItems } from '../../../test/support/accounts';
import { DynamoLegalRequestStore } from './legal-store';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoLegalRequestStore(ddb as unknown as DynamoDBDocumentClient, 'table');
const ID = 'lgr_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const AT = '2026-07-01T09:00:00.000Z';
const audit = { subject: `legal-request:${ID}`, action: 'objected', actor: { kind: 'admin' as const, adminId: 'a-1' }, at: AT, reason: 'Vague.' };

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({ Item: { holdPartitions: ['LEGALHOLD#account:acc_1', 'LEGALHOLD#email:h-1'] } });
  ddb.on(TransactWriteCommand).resolves({});
});

describe('DynamoLegalRequestStore.move', () => {
  it('moves the request only from the status read, ends its holds and appends the audit entry, in one transaction', async () => {
    // Act
    const moved = await store.move(ID, { from: 'ready', to: 'objected', changes: { holdEndsAt: AT, closingReason: 'Vague.' }, audit });

    // Assess
    expect(moved).toBe(true);
    const [request, accountHold, emailHold, entry] = transactItems(ddb);
    expect(request.Update).toMatchObject({ Key: { PK: `LEGAL#${ID}`, SK: 'REQUEST' }, ConditionExpression: '#status = :from' });
    expect(request.Update.ExpressionAttributeValues).toMatchObject({ ':from': 'ready', ':to': 'objected', ':listing': 'LEGAL#objected' });
    expect(accountHold.Update).toMatchObject({ Key: { PK: 'LEGALHOLD#account:acc_1', SK: `LEGAL#${ID}` }, ExpressionAttributeValues: { ':ends': AT } });
    expect(emailHold.Update.Key.PK).toBe('LEGALHOLD#email:h-1');
    expect(entry.Put).toMatchObject({ Item: { PK: `AUDIT#legal-request:${ID}`, action: 'objected' }, ConditionExpression: 'attribute_not_exists(PK)' });
  });

  it('answers false when the status changed meanwhile (the condition failed)', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None', 'None'));

    // Act
    const moved = await store.move(ID, { from: 'ready', to: 'objected', changes: { holdEndsAt: AT }, audit });

    // Assess
    expect(moved).toBe(false);
  });

  it('fails loudly when the table does (the caller answers 500, the client retries)', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));

    // Act
    const moving = store.move(ID, { from: 'ready', to: 'objected', changes: {}, audit });

    // Assess
    await expect(moving).rejects.toThrow('throttled');
  });
});
