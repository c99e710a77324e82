import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'signup-expiry',
  description: 'Removes sign-ups whose email was not proven within SIGNUP_PROOF_DAYS, with their login; frees their email and number',
  trigger: { kind: 'schedule', schedule: 'signup-expiry', everyMinutes: 60 },
  // Lists the unproven sign-ups through GSI1 (not confined); removes each account with its consents,
  // its email and referral-code claims, and frees its number, in one transaction.
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'EMAIL', 'REFERRALCODE', 'NUMBER'], logins: ['remove'] },
  memoryMb: 256,
  timeoutSeconds: 300,
  // One run at a time: a retried run overlapping the first would work on the same accounts.
  reservedConcurrency: 1,
});
