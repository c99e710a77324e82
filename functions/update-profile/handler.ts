import { updateProfile } from '../../shared/accounts/profile';
import { profileChanges } from '../../shared/accounts/profile-changes';
import { accountStore } from '../../shared/adapters/dynamo/stores';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const accounts = accountStore();

export const handler = httpRoute(
  { trigger: declaration.trigger, body: profileChanges },
  async ({ caller, body }) => ok(await updateProfile(accounts, customerAccountId(caller), body)),
);
