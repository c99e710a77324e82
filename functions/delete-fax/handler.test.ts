import 'aws-sdk-client-mock-jest';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount, transactItems } from '../../test/support/accounts';
import { callSequence, s3ServerError } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { FAX_BUCKET, FAX_ID, OTHER_ACCOUNT_ID, faxKey, givenStoredFax, storedFax, useFaxEnvironment, MALFORMED_FAX_IDS } from '../../test/support/faxes';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler binds its stores when imported: set them, then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const NOW = '2026-12-01T12:00:00.000Z';

const deleteFax = (faxId = FAX_ID, accountId = ACCOUNT_ID) =>
  invoke(handler, httpEvent({ method: 'DELETE', path: `/faxes/${faxId}`, routeKey: 'DELETE /faxes/{faxId}', pathParameters: { faxId }, claims: customerClaims(accountId) }));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  s3.reset();
  givenStoredAccount(ddb, account());
  givenStoredFax(ddb, storedFax());
  ddb.on(TransactWriteCommand).resolves({});
  // No legal hold on the account.
  ddb.on(QueryCommand).resolves({ Items: [] });
  s3.on(DeleteObjectCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('DELETE /faxes/{faxId}', () => {
  it.each(MALFORMED_FAX_IDS)('answers 404 to a fax id %s, never reading a fax with it', async (_case, faxId) => {
    // Act
    const reply = await deleteFax(faxId);

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.body.detail).toBe('There is no such fax.');
    expect(ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: expect.objectContaining({ SK: expect.stringMatching(/^FAX#/) }) });
    expect(s3).not.toHaveReceivedAnyCommand();
  });

  it('answers 409 for a fax a legal hold keeps, deleting nothing', async () => {
    // Prepare
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': `LEGALHOLD#account:${ACCOUNT_ID}` } })
      .resolves({ Items: [{ legalRequestId: 'lgr_01JZ8Q3V5K9TWXB2C4D6E8F0GH', categories: ['fax_content'] }] });

    // Act
    const reply = await deleteFax();

    // Assess
    expect(reply.status).toBe(409);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('deletes a fax whose account is held only outside its categories', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [{ legalRequestId: 'lgr_01JZ8Q3V5K9TWXB2C4D6E8F0GH', categories: ['account', 'billing'] }] });

    // Act
    const reply = await deleteFax();

    // Assess
    expect(reply.status).toBe(204);
  });

  it('answers 204 with no body', async () => {
    // Act
    const reply = await deleteFax();

    // Assess
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
  });

  it("removes the S3 document first, then, in one transaction, the fax's metadata and a marker that holds nothing personal", async () => {
    // Act
    await deleteFax();

    // Assess
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: FAX_BUCKET, Key: `faxes/${FAX_ID}` });
    // The marker stays until the fax would have expired, so a redelivered message cannot bring it back.
    expect(transactItems(ddb)).toEqual([
      { Delete: { TableName: TABLE_NAME, Key: faxKey(FAX_ID, ACCOUNT_ID) } },
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: `FAXGONE#${FAX_ID}`, type: 'fax_gone', expiresAtEpoch: Date.parse(storedFax().expiresAt) / 1000 },
        },
      },
    ]);
    const order = callSequence({ document: s3.commandCalls(DeleteObjectCommand)[0], metadata: ddb.commandCalls(TransactWriteCommand)[0] });
    expect(order).toEqual(['document', 'metadata']);
  });

  it('keeps the metadata when the document cannot be deleted, so the delete can be repeated', async () => {
    // Prepare
    s3.on(DeleteObjectCommand).rejects(s3ServerError());

    // Act
    const reply = await deleteFax();

    // Assess
    expect(reply.status).toBe(500);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it("answers 404 for another tenant's fax id, deleting nothing", async () => {
    // Prepare
    ddb.reset();
    givenStoredAccount(ddb, account());
    givenStoredFax(ddb, storedFax({ accountId: OTHER_ACCOUNT_ID }));

    // Act
    const reply = await deleteFax();

    // Assess
    expect(reply.status).toBe(404);
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 403 to a deactivated account, deleting nothing', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-30T00:00:00.000Z' }));
    givenStoredFax(ddb, storedFax());

    // Act
    const reply = await deleteFax();

    // Assess
    expect(reply.status).toBe(403);
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});
