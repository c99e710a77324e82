import 'aws-sdk-client-mock-jest';
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { catalog } from '../../functions/catalog';
import { reservedConcurrencyOf } from '../../infra/concurrency';
import { tunablesFor } from '../../infra/config';
import { checkConcurrencyQuota } from '../../infra/preflight';

const lambda = mockClient(LambdaClient);
const PROD_RESERVED = reservedConcurrencyOf(tunablesFor('prod'), catalog);
const givenAccountLimit = (limit: number, unreserved = limit) =>
  lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: limit, UnreservedConcurrentExecutions: unreserved } });

beforeEach(() => lambda.reset());

describe('the pre-deploy concurrency check', () => {
  it("passes when the account's limit holds prod's reservations plus the 100 AWS keeps unreserved", async () => {
    // Prepare
    givenAccountLimit(PROD_RESERVED + 100, 900);

    // Act
    const check = await checkConcurrencyQuota(new LambdaClient({ region: 'eu-west-1' }), 'prod');

    // Assess
    expect(check).toEqual({ stage: 'prod', reserved: PROD_RESERVED, accountLimit: PROD_RESERVED + 100, unreserved: 900, needed: PROD_RESERVED + 100, fits: true });
    expect(lambda).toHaveReceivedCommandTimes(GetAccountSettingsCommand, 1);
  });

  it("fails a fresh account's limit of 10, or one short by one", async () => {
    for (const limit of [10, PROD_RESERVED + 99]) {
      // Prepare
      givenAccountLimit(limit);

      // Act
      const check = await checkConcurrencyQuota(new LambdaClient({ region: 'eu-west-1' }), 'prod');

      // Assess
      expect(check).toMatchObject({ accountLimit: limit, needed: PROD_RESERVED + 100, fits: false });
    }
  });

  it('passes dev, which reserves nothing, on any limit', async () => {
    // Prepare
    givenAccountLimit(10);

    // Act
    const check = await checkConcurrencyQuota(new LambdaClient({ region: 'eu-west-1' }), 'dev');

    // Assess
    expect(check).toMatchObject({ reserved: 0, fits: true });
  });

  it('fails loudly when AWS answers without a limit, or not at all', async () => {
    // Prepare
    lambda.on(GetAccountSettingsCommand).resolvesOnce({}).rejectsOnce(new Error('ExpiredToken'));
    const client = new LambdaClient({ region: 'eu-west-1' });

    // Act, Assess
    await expect(checkConcurrencyQuota(client, 'prod')).rejects.toThrow('no concurrent-executions limit');
    await expect(checkConcurrencyQuota(client, 'prod')).rejects.toThrow('ExpiredToken');
  });
});
