import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'provision-login',
  description: 'Gives each new account its login in the user pool and emails the invitation with its temporary password',
  trigger: { kind: 'queue', queue: 'accounts', batchSize: 10, maxBatchingWindowSeconds: 1 },
  // The account only (read, marked provisioned; read again when the pool asks whether an alias is stale).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT'], sendTo: ['emails'], logins: ['provision', 'remove', 'disable'] },
  memoryMb: 256,
  timeoutSeconds: 30,
  // Bounds the calls a backlog makes on the user pool's admin API, whose quota (per second,
  // shared by the account's pools) a burst of sign-ups would otherwise exceed.
  reservedConcurrency: 2,
});
