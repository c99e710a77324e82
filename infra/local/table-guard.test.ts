import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FunctionAccess, FunctionDeclaration } from '../../functions/declaration';
import health from '../../functions/health/function';
import { guardTable, refusalOf, runAs, tableActionsOf } from './table-guard';

const as = (access: FunctionAccess): FunctionDeclaration => ({ ...health, access });

// A client that never reaches a network: what passes the guard is answered `{}` and counted.
const offlineClient = () => {
  const sent: string[] = [];
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      requestHandler: {
        handle: async (request: { headers: Record<string, string> }) => {
          sent.push(request.headers['x-amz-target']!);
          return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from('{}') } };
        },
      } as never,
    }),
  );
  guardTable(client);
  return { client, sent };
};

describe('tableActionsOf', () => {
  it('reads the partition key of single-item requests, batches and transactions, and the index of an index query', () => {
    // Act
    const actions = [
      tableActionsOf('GetItem', { Key: { PK: { S: 'ACCOUNT#a' }, SK: { S: 'PROFILE' } } }),
      tableActionsOf('PutItem', { Item: { PK: { S: 'AUDIT#x' }, SK: { S: 's' } } }),
      tableActionsOf('Query', { KeyConditionExpression: '#pk = :p AND begins_with(SK, :f)', ExpressionAttributeNames: { '#pk': 'PK' }, ExpressionAttributeValues: { ':p': { S: 'SENDER#+1' }, ':f': { S: 'R' } } }),
      tableActionsOf('Query', { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :p', ExpressionAttributeValues: { ':p': { S: 'PERSON#h' } } }),
      tableActionsOf('BatchWriteItem', { RequestItems: { t: [{ PutRequest: { Item: { PK: { S: 'ACCOUNT#a' } } } }, { DeleteRequest: { Key: { PK: { S: 'EMAIL#e' } } } }] } }),
      tableActionsOf('TransactWriteItems', { TransactItems: [{ Update: { Key: { PK: { S: 'NUMBER#+1' } } } }, { ConditionCheck: { Key: { PK: { S: 'EMAIL#e' } } } }] }),
      tableActionsOf('Scan', {}),
    ];

    // Assess
    expect(actions).toEqual([
      [{ action: 'GetItem', partitionKey: 'ACCOUNT#a' }],
      [{ action: 'PutItem', partitionKey: 'AUDIT#x' }],
      [{ action: 'Query', partitionKey: 'SENDER#+1' }],
      [{ action: 'Query', index: 'GSI1' }],
      [
        { action: 'BatchWriteItem', partitionKey: 'ACCOUNT#a' },
        { action: 'BatchWriteItem', partitionKey: 'EMAIL#e' },
      ],
      [
        { action: 'UpdateItem', partitionKey: 'NUMBER#+1' },
        { action: 'ConditionCheckItem', partitionKey: 'EMAIL#e' },
      ],
      [{ action: 'Scan' }],
    ]);
  });
});

describe('refusalOf: what IAM would refuse', () => {
  it('refuses a Scan to every function, and a write to a reader', () => {
    expect(refusalOf(as({ table: 'readWrite', tableKeys: ['ACCOUNT'] }), { action: 'Scan' })).toMatch(/Scan is not granted/);
    expect(refusalOf(as({ table: 'read', tableKeys: ['ACCOUNT'] }), { action: 'PutItem', partitionKey: 'ACCOUNT#a' })).toMatch(/PutItem is not granted/);
    expect(refusalOf(as({}), { action: 'GetItem', partitionKey: 'ACCOUNT#a' })).toMatch(/GetItem is not granted/);
    expect(refusalOf(as({ table: 'read', tableKeys: ['ACCOUNT'] }), { action: 'GetItem', partitionKey: 'ACCOUNT#a' })).toBeUndefined();
  });

  it('refuses to change or remove an audit entry, and lets one be appended', () => {
    const writer = as({ table: 'readWrite', tableKeys: ['AUDIT'] });
    for (const action of ['UpdateItem', 'DeleteItem', 'BatchWriteItem']) {
      expect(refusalOf(writer, { action, partitionKey: 'AUDIT#account:a' })).toMatch(/denied on AUDIT items/);
    }
    expect(refusalOf(writer, { action: 'PutItem', partitionKey: 'AUDIT#account:a' })).toBeUndefined();
  });

  it('confines a function declaring tableKeys to those prefixes, naming the prefix and never the key; index queries are not confined', () => {
    const confined = as({ table: 'readWrite', tableKeys: ['ACCOUNT'] });
    expect(refusalOf(confined, { action: 'GetItem', partitionKey: 'ACCOUNT#a' })).toBeUndefined();
    const refusal = refusalOf(confined, { action: 'GetItem', partitionKey: 'EMAIL#ana@example.com' });
    expect(refusal).toMatch(/on EMAIL items is outside its tableKeys/);
    expect(refusal).not.toContain('ana@example.com');
    expect(refusalOf(confined, { action: 'PutItem', partitionKey: 'POLICY' })).toMatch(/an unknown key/);
    expect(refusalOf(confined, { action: 'Query', index: 'GSI2' })).toBeUndefined();
  });
});

describe('guardTable', () => {
  it("refuses an invocation's request before it is sent, as its declaration says; lets the others through", async () => {
    // Prepare
    const { client, sent } = offlineClient();
    const lister = as({ table: 'readWrite', tableKeys: ['ACCOUNT'] });
    const account = { TableName: 't', Key: { PK: 'ACCOUNT#a', SK: 'PROFILE' } };

    // Act
    const refused = await Promise.allSettled([
      runAs(lister, () => client.send(new GetCommand({ TableName: 't', Key: { PK: 'EMAIL#e', SK: 'CLAIM' } }))),
      runAs(lister, () => client.send(new DeleteCommand({ TableName: 't', Key: { PK: 'AUDIT#x', SK: 's' } }))),
      runAs(lister, () => client.send(new BatchWriteCommand({ RequestItems: { t: [{ PutRequest: { Item: { PK: 'ACCOUNT#a', SK: 'x' } } }, { PutRequest: { Item: { PK: 'THROTTLE#x', SK: 'w' } } }] } }))),
      runAs(lister, () => client.send(new TransactWriteCommand({ TransactItems: [{ Update: { ...account, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1 } } }, { Put: { TableName: 't', Item: { PK: 'NUMBER#1', SK: 'NUMBER' } } }] }))),
    ]);
    const allowed = await Promise.allSettled([
      runAs(lister, () => client.send(new UpdateCommand({ ...account, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1 } }))),
      runAs(lister, () => client.send(new QueryCommand({ TableName: 't', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :p', ExpressionAttributeValues: { ':p': 'PERSON#h' } }))),
      // The runtime's own calls belong to no function.
      client.send(new PutCommand({ TableName: 't', Item: { PK: 'EMAIL#e', SK: 'CLAIM' } })),
    ]);

    // Assess
    expect(refused.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('health: dynamodb:GetItem on EMAIL items') });
    expect(allowed.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(sent).toEqual(['DynamoDB_20120810.UpdateItem', 'DynamoDB_20120810.Query', 'DynamoDB_20120810.PutItem']);
  });
});
