import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { RightsRequest } from '../../rights/request';
import { DynamoRightsRequestStore } from './rights-request-store';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'fax-backend-unit';
const store = new DynamoRightsRequestStore(ddb as unknown as DynamoDBDocumentClient, TABLE);
const REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const KEY = { PK: `RIGHTS#${REQUEST_ID}`, SK: 'REQUEST' };
const pending: RightsRequest = {
  requestId: REQUEST_ID,
  type: 'erasure',
  status: 'pending_verification',
  email: 'ana@acme.test',
  emailHash: 'h-ana',
  createdAt: '2026-06-15T12:00:00.000Z',
  dueAt: '2026-07-15T12:00:00.000Z',
  requestTokenHash: 'h-token',
  pendingCode: { codeHash: 'h-code', codeExpiresAt: '2026-06-15T12:15:00.000Z', attempts: 0 },
};
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => ddb.reset());

describe('DynamoRightsRequestStore', () => {
  it('stores a new request listed under its person and its status by due date, and reads it back as it was', async () => {
    // Act
    await store.create(pending);

    // Assess
    const { Item, ConditionExpression } = ddb.commandCalls(PutCommand)[0].args[0].input;
    expect(ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(Item).toMatchObject({
      ...KEY,
      type: 'rights_request',
      rightsType: 'erasure',
      GSI1PK: 'PERSON#h-ana',
      GSI1SK: 'RIGHTS#2026-06-15T12:00:00.000Z',
      GSI2PK: 'RIGHTS#pending_verification',
      GSI2SK: `2026-07-15T12:00:00.000Z#${REQUEST_ID}`,
    });
    ddb.on(GetCommand, { Key: KEY, ConsistentRead: true }).resolves({ Item });
    expect(await store.get(REQUEST_ID)).toEqual(pending);
  });

  it('counts a code before it is compared, only while the request awaits one and has tries left', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: { ...KEY, rightsType: 'erasure', ...pending, pendingCode: { ...pending.pendingCode, attempts: 1 } } });

    // Act
    const counted = await store.countCodeAttempt(REQUEST_ID, 5);

    // Assess
    expect(counted?.pendingCode?.attempts).toBe(1);
    expect(ddb.commandCalls(UpdateCommand)[0].args[0].input).toMatchObject({
      Key: KEY,
      UpdateExpression: 'SET pendingCode.attempts = pendingCode.attempts + :one',
      ConditionExpression: 'attribute_exists(pendingCode) AND pendingCode.attempts < :max AND #status = :pending',
      ExpressionAttributeValues: { ':one': 1, ':max': 5, ':pending': 'pending_verification' },
    });
  });

  it('answers undefined when no try is left (or nothing awaits a code)', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act & Assess
    expect(await store.countCodeAttempt(REQUEST_ID, 5)).toBeUndefined();
  });

  it('settles a verification for the code it awaited: new status and listing, the code dropped', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    const settled = await store.settleVerification(REQUEST_ID, 'h-code', 'verified', '2026-06-15T12:03:00.000Z');

    // Assess
    expect(settled).toBe(true);
    expect(ddb.commandCalls(UpdateCommand)[0].args[0].input).toMatchObject({
      UpdateExpression: 'SET #status = :outcome, GSI2PK = :listing, verifiedAt = :at REMOVE pendingCode',
      ConditionExpression: 'pendingCode.codeHash = :hash AND #status = :pending',
      ExpressionAttributeValues: { ':outcome': 'verified', ':listing': 'RIGHTS#verified', ':at': '2026-06-15T12:03:00.000Z', ':hash': 'h-code' },
    });
  });

  it('answers false when the request no longer awaited that code', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act & Assess
    expect(await store.settleVerification(REQUEST_ID, 'h-code', 'rejected', '2026-06-15T12:03:00.000Z')).toBe(false);
  });
});
