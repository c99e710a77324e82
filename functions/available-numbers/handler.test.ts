import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TABLE_NAME } from '../../test/support/accounts';
import { httpEvent, invoke } from '../../test/support/http';
import { numberItem, numberKey } from '../../test/support/numbers';

// The handler builds its store when imported, from TABLE_NAME: set it, then load it.
process.env.TABLE_NAME = TABLE_NAME;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);

const availableNumbers = (query?: Record<string, string>) =>
  invoke(handler, httpEvent({ method: 'GET', path: '/numbers/available', ...(query ? { query } : {}) }));
const queries = () => ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
const cursorOf = (sk: unknown) => Buffer.from(JSON.stringify({ sk })).toString('base64url');

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
});

describe('GET /numbers/available', () => {
  it('answers, to anyone, the available numbers and nothing else of them', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [numberItem('+12125550001', 'available'), numberItem('+13125550002', 'available')] });

    // Act
    const reply = await availableNumbers();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ items: [{ faxNumber: '+12125550001' }, { faxNumber: '+13125550002' }] });
    expect(queries()).toEqual([
      {
        TableName: TABLE_NAME,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :status',
        ExpressionAttributeValues: { ':status': 'NUMBERS#available' },
        Limit: 26,
      },
    ]);
  });

  it.each([
    ['212', '+1212'],
    ['905', '+1905'],
  ])('lists area code %s as the available numbers starting with %s (NANP)', async (areaCode, prefix) => {
    // Act
    const reply = await availableNumbers({ areaCode, limit: '10' });

    // Assess
    expect(reply.status).toBe(200);
    expect(queries()[0]).toMatchObject({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :status AND begins_with(GSI2SK, :prefix)',
      ExpressionAttributeValues: { ':status': 'NUMBERS#available', ':prefix': prefix },
      Limit: 11,
    });
  });

  it('treats an empty area code as none', async () => {
    // Act
    const reply = await availableNumbers({ areaCode: '' });

    // Assess
    expect(reply.status).toBe(200);
    expect(queries()[0].KeyConditionExpression).toBe('GSI2PK = :status');
  });

  it('continues a page of an area code after its last number', async () => {
    // Prepare
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [numberItem('+12125550001', 'available'), numberItem('+12125550002', 'available')] })
      .resolves({ Items: [] });
    const first = await availableNumbers({ areaCode: '212', limit: '1' });

    // Act
    const next = await availableNumbers({ areaCode: '212', limit: '1', cursor: first.body.nextCursor });

    // Assess
    expect(next.status).toBe(200);
    expect(queries()[1].ExclusiveStartKey).toEqual({ GSI2PK: 'NUMBERS#available', GSI2SK: '+12125550001', ...numberKey('+12125550001') });
  });

  it.each([
    ['an area code of two digits', { areaCode: '21' }, 'areaCode'],
    ['an area code of four digits', { areaCode: '1212' }, 'areaCode'],
    ['an area code starting with 1', { areaCode: '112' }, 'areaCode'],
    ['an area code starting with 0', { areaCode: '012' }, 'areaCode'],
    ['an area code with a +', { areaCode: '+1212' }, 'areaCode'],
    ['an area code of fullwidth digits', { areaCode: '\uFF12\uFF11\uFF12' }, 'areaCode'],
    ['a limit of 0', { limit: '0' }, 'limit'],
    // DynamoDB refuses a start key outside the key condition's range: that must be a 400, not a 500.
    ['a cursor of another area code', { areaCode: '212', cursor: cursorOf('+13125550001') }, 'cursor'],
    ['a cursor that is no number', { cursor: cursorOf('NUMBER#+12125550001') }, 'cursor'],
  ])('answers 400 to %s, without querying', async (_case, query, path) => {
    // Act
    const reply = await availableNumbers(query);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path, message: expect.any(String) }]);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
