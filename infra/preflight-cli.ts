import { LambdaClient } from '@aws-sdk/client-lambda';
import cdkJson from '../cdk.json';
import { isStage, stages } from './config';
import { contextKey } from './deployment';
import { checkConcurrencyQuota } from './preflight';

// `npm run preflight -- <stage>`: run by an operator with the target account's credentials.
const main = async (stage: string): Promise<void> => {
  if (!isStage(stage)) throw new Error(`Unknown stage ${stage}; expected one of ${stages.join(', ')}`);
  // The stage's pinned region when cdk.json names it, else the profile's.
  const region = (cdkJson.context as Record<string, unknown>)[contextKey(stage, 'region')];
  const check = await checkConcurrencyQuota(new LambdaClient(typeof region === 'string' ? { region } : {}), stage);
  console.log(JSON.stringify(check));
  if (!check.fits) {
    throw new Error(
      `${stage} reserves ${check.reserved} concurrent executions and AWS keeps 100 unreserved: the account's limit of ${check.accountLimit} must be at least ${check.needed}. Request it in Service Quotas (AWS Lambda, Concurrent executions, L-B99A9384) before deploying.`,
    );
  }
};

main(process.argv[2] ?? 'prod').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
