import 'aws-sdk-client-mock-jest';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { documentClient } from './client';
import { deleteByKeys } from './batch-write';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'fax-backend-unit-table';
const keys = (count: number) => Array.from({ length: count }, (_, index) => ({ PK: 'ACCOUNT#acc_1', SK: `FAX#fax_${index}` }));
const deletesOf = (call: number) => (ddb.commandCalls(BatchWriteCommand)[call].args[0].input.RequestItems![TABLE] as { DeleteRequest: { Key: object } }[]).map((request) => request.DeleteRequest.Key);

afterEach(() => jest.restoreAllMocks());
beforeEach(() => {
  ddb.reset();
  ddb.on(BatchWriteCommand).resolves({});
});

describe('deleteByKeys', () => {
  it('deletes 25 keys to a BatchWriteItem call', async () => {
    // Act
    await deleteByKeys(documentClient, TABLE, keys(60));

    // Assess
    expect(ddb.commandCalls(BatchWriteCommand).map((_, call) => deletesOf(call).length)).toEqual([25, 25, 10]);
    expect(deletesOf(2)).toEqual(keys(60).slice(50));
  });

  it('sends again what a call left unprocessed, until none is left', async () => {
    // Prepare
    const [left] = keys(1);
    ddb.on(BatchWriteCommand).resolvesOnce({ UnprocessedItems: { [TABLE]: [{ DeleteRequest: { Key: left } }] } }).resolves({});

    // Act
    await deleteByKeys(documentClient, TABLE, keys(3));

    // Assess
    expect(ddb).toHaveReceivedCommandTimes(BatchWriteCommand, 2);
    expect(deletesOf(1)).toEqual([left]);
  });

  it('fails, never taking them for deleted, when keys stay unprocessed attempt after attempt', async () => {
    // Prepare
    const [left] = keys(1);
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: { [TABLE]: [{ DeleteRequest: { Key: left } }] } });
    // No waiting between the attempts: the back-off's jitter at its least.
    jest.spyOn(Math, 'random').mockReturnValue(0);

    // Act
    const deleting = deleteByKeys(documentClient, TABLE, keys(1));

    // Assess
    await expect(deleting).rejects.toThrow('BatchWriteItem left 1 deletes unprocessed after 8 attempts');
  });
});
