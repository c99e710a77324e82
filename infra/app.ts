import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildApp, stageFrom } from './build';
import { environmentFrom } from './deployment';

const app = new App();
const stage = stageFrom(app);
buildApp(app, stage, environmentFrom(app.node, stage, { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }));
// cdk-nag 3 runs as a policy-validation plugin after synthesis; an unacknowledged finding fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
