import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'send-referral-invitation',
  description: "Sends an invited referral's invitation to the friend through the email pipeline (referral.created)",
  trigger: { kind: 'queue', queue: 'referralInvitations', batchSize: 10, maxBatchingWindowSeconds: 1 },
  // Reads the referral and its referrer's account (the referral code); signs the friend's opt-out link.
  access: { table: 'read', tableKeys: ['ACCOUNT'], sendTo: ['emails'], hashKey: true, apiUrl: true },
  memoryMb: 256,
  timeoutSeconds: 30,
  // Required of a queue consumer, and 2 is the least SQS polls with: referrals come at most 20 a
  // day per customer, and each message is two reads and an SQS send.
  reservedConcurrency: 2,
});
