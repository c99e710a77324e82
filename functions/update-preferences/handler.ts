import { updatePreferences } from '../../shared/accounts/profile';
import { preferenceChanges } from '../../shared/accounts/preference-changes';
import { accountStore } from '../../shared/adapters/dynamo/stores';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const accounts = accountStore();

export const handler = httpRoute(
  { trigger: declaration.trigger, body: preferenceChanges },
  async ({ caller, body }) => ok(await updatePreferences(accounts, customerAccountId(caller), body)),
);
