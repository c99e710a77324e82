import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { catalog } from '../../functions/catalog';
import { UNRESERVED_CONCURRENCY_MINIMUM, reservedConcurrencyOf, reservedConcurrencyWithinBudget } from '../../infra/concurrency';
import { stages } from '../../infra/config';
import { StatefulStack } from '../../infra/stateful-stack';
import { StatelessStack } from '../../infra/stateless-stack';
import { stageConfig, synthesize, testApp } from './synth';

describe('concurrency budget', () => {
  it.each([
    [0, 10, true],
    [1, 10, false],
    [0, 100, true],
    [1, 100, false],
    [900, 1000, true],
    [901, 1000, false],
  ])('%i reserved under a quota of %i fits: %s', (reserved, quota, fits) => {
    // Act
    const within = reservedConcurrencyWithinBudget(reserved, quota);

    // Assess
    expect(within).toBe(fits);
  });

  it('reserves only for ingest, the queue consumers and the scheduled jobs', () => {
    // Act
    const reserving = catalog.filter((declaration) => declaration.reservedConcurrency !== undefined);

    // Assess
    expect(reserving.map((declaration) => declaration.name)).toContain('ingest-fax');
    const unprotected = reserving.filter(({ name, trigger }) => name !== 'ingest-fax' && trigger.kind === 'http');
    expect(unprotected).toEqual([]);
    for (const declaration of catalog.filter(({ trigger }) => trigger.kind === 'queue')) expect(declaration.reservedConcurrency).toBeDefined();
  });

  it("the README's quota section names every reservation and prod's minimum quota", () => {
    // Prepare
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('**Concurrency quota.**')).split('\n\n')[0].replace(/\s+/g, ' ');
    const minimumQuota = UNRESERVED_CONCURRENCY_MINIMUM + reservedConcurrencyOf(stageConfig('prod'), catalog);

    // Act
    const named = [...section.matchAll(/`([a-z-]+)` \((\d+)\)/g)].map(([, name, reserved]) => ({ name, reserved: Number(reserved) }));
    const stated = Number(/at least (\d+)/.exec(section)?.[1]);

    // Assess
    const reserving = catalog.filter(({ reservedConcurrency }) => reservedConcurrency !== undefined);
    expect(named).toEqual(expect.arrayContaining(reserving.map(({ name, reservedConcurrency }) => ({ name, reserved: reservedConcurrency }))));
    expect(named).toHaveLength(reserving.length);
    expect(stated).toBe(minimumQuota);
  });

  describe.each(stages)('stage %s', (stage) => {
    const config = stageConfig(stage);

    it('reserves in its template no more than its account quota less the 100 AWS keeps unreserved', () => {
      // Act
      const functions = synthesize(stage).statelessTemplate.findResources('AWS::Lambda::Function');
      const reserved = Object.values(functions).reduce((sum, fn) => sum + (fn.Properties.ReservedConcurrentExecutions ?? 0), 0);

      // Assess
      expect(reserved).toBe(reservedConcurrencyOf(config, catalog));
      expect(reserved).toBeLessThanOrEqual(Math.max(0, config.accountConcurrencyQuota - UNRESERVED_CONCURRENCY_MINIMUM));
    });

    it('never polls a queue faster than its consumer may run: throttled batches would burn receives into the dead-letter queue', () => {
      // Act
      const { statelessTemplate, stateless } = synthesize(stage);
      const mappings = Object.values(statelessTemplate.findResources('AWS::Lambda::EventSourceMapping'));

      // Assess
      const consumers = catalog.filter(({ trigger }) => trigger.kind === 'queue');
      expect(mappings).toHaveLength(consumers.length);
      for (const declaration of consumers) {
        const functionId = stateless.getLogicalId(stateless.functions.get(declaration.name)!.fn.node.defaultChild as CfnResource);
        const mapping = mappings.find((candidate) => candidate.Properties.FunctionName.Ref === functionId)!;
        const fn = statelessTemplate.toJSON().Resources[functionId];
        if (config.reserveConcurrency) expect(mapping.Properties.ScalingConfig.MaximumConcurrency).toBeLessThanOrEqual(fn.Properties.ReservedConcurrentExecutions);
        expect(mapping.Properties.ScalingConfig.MaximumConcurrency).toBe(declaration.reservedConcurrency);
      }
    });

    it('refuses to synthesize when the quota is too low for what it reserves', () => {
      // Prepare
      const reserving = { ...config, reserveConcurrency: true };
      const tight = { ...reserving, accountConcurrencyQuota: UNRESERVED_CONCURRENCY_MINIMUM + reservedConcurrencyOf(reserving, catalog) - 1 };
      const app = testApp();
      const stateful = new StatefulStack(app, 'Stateful', { config: tight });
      const { table, faxBucket, exportBucket, webhookSecret, hashKey, userPool, userPoolClient, emailSending } = stateful;

      // Act
      const build = () => new StatelessStack(app, 'Stateless', { config: tight, table, faxBucket, exportBucket, webhookSecret, hashKey, userPool, userPoolClient, emailSending });

      // Assess
      expect(build).toThrow(/reserves \d+ concurrent executions, more than its account quota/);
    });
  });
});
