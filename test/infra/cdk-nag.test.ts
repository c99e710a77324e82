import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/build';
import { stages, type Stage } from '../../infra/config';
import { testApp } from './synth';

const packs = (): NagPack[] => [new AwsSolutionsChecks(), new ServerlessChecks()];

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

// Synthesis completes the tree (cross-stack references, late acknowledgements) before nag walks it.
const synthesizedApp = (stage: Stage): App => {
  const app = testApp();
  buildApp(app, stage);
  app.synth();
  return app;
};

const acknowledgementsIn = (root: IConstruct): Acknowledgement[] =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^Annotation::/, ''),
          reason,
        })),
      ),
  );

describe.each(stages)('cdk-nag (%s)', (stage) => {
  let app: App;
  beforeAll(() => {
    app = synthesizedApp(stage);
  });

  test.each(['AwsSolutions', 'Serverless'])('%s reports no unacknowledged finding', (packName) => {
    const pack = packs().find((candidate) => candidate.readPackName === packName)!;
    const report = pack.validateScope(app);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('every acknowledgement gives a substantive reason', () => {
    const acknowledgements = acknowledgementsIn(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    const unexplained = acknowledgements.filter(({ reason }) => reason.trim().split(/\s+/).length < 8);
    expect(unexplained).toEqual([]);
  });

  test('every acknowledgement silences a finding that would otherwise be reported', () => {
    // Build the same stage with acknowledgements recorded but not applied, and let nag speak.
    const recorded: Acknowledgement[] = [];
    const acknowledge = jest.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules) {
      const { scope } = this as unknown as { scope: IConstruct };
      for (const rule of rules) recorded.push({ path: scope.node.path, id: rule.id, reason: rule.reason });
    });
    let unacknowledged: App;
    try {
      unacknowledged = synthesizedApp(stage);
    } finally {
      acknowledge.mockRestore();
    }
    const findings = packs()
      .flatMap((pack) => pack.validateScope(unacknowledged).violations)
      .flatMap((violation) => violation.violatingResources.map((resource) => ({ id: violation.ruleName, path: resource.constructPath ?? '' })));

    expect(recorded.length).toBeGreaterThan(0);
    const unused = recorded.filter(
      ({ id, path }) => !findings.some((finding) => finding.id === id && (finding.path === path || finding.path.startsWith(`${path}/`))),
    );
    expect(unused).toEqual([]);
  });

  test('as policy-validation plugins, the packs let the app synthesize', () => {
    const plugged = testApp();
    buildApp(plugged, stage);
    Validations.of(plugged).addPlugins(new AwsSolutionsChecks(plugged), new ServerlessChecks(plugged));
    expect(() => plugged.synth()).not.toThrow();
  });
});
