import { invokeJob } from '../../test/support/jobs';
import { captureOutput } from '../../test/support/output';
import { lambdaContext } from '../../test/support/http';
import { scheduledJob } from './scheduled-job';

describe('a scheduled job', () => {
  it('answers and logs its summary', async () => {
    // Prepare
    const handler = scheduledJob(async () => ({ swept: 3 }));

    // Act
    const { summary, logs } = await invokeJob(handler);

    // Assert
    expect(summary).toEqual({ swept: 3 });
    expect(JSON.parse(logs.trim())).toMatchObject({ level: 'INFO', message: 'job completed', summary: { swept: 3 } });
  });

  it('logs a failure, scrubbed and with its stack, before it throws for the schedule to retry', async () => {
    // Prepare
    const failure = new Error('the table refused ana@example.com');
    failure.name = 'ProvisionedThroughputExceededException';
    const handler = scheduledJob(async () => {
      throw failure;
    });
    const output = captureOutput();

    // Act
    const thrown = await handler({ source: 'aws.scheduler' }, lambdaContext('unit-job')).catch((error: unknown) => error);
    output.restore();

    // Assert
    expect(thrown).toBe(failure);
    const line = JSON.parse(output.text().trim());
    expect(line).toMatchObject({ level: 'ERROR', message: 'job failed; the schedule retries it', error: { name: 'ProvisionedThroughputExceededException' } });
    expect(line.error.message).not.toContain('ana@example.com');
    expect(line.error.stack).toContain('scheduled-job.test.ts');
  });
});
