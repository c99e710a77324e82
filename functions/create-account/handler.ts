import { signUpForm } from '../../shared/accounts/sign-up-form';
import { signUp } from '../../shared/accounts/sign-up';
import { accountStore } from '../../shared/adapters/dynamo/stores';
import { created, httpRoute } from '../../shared/http/route';
import declaration from './function';

const accounts = accountStore();

export const handler = httpRoute(
  { trigger: declaration.trigger, body: signUpForm },
  async ({ body, metrics }) => {
    const account = await signUp(accounts, body);
    metrics.count('SignUps');
    return created(account, '/me');
  },
);
