import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'policy-notifications',
  description: 'Plans the notices of every policy version not fully planned: pages the notifiable accounts onto the policy-notices queue, resuming from its cursors',
  trigger: { kind: 'schedule', schedule: 'policy-notifications', everyMinutes: 60 },
  // Its index queries (GSI1) are not confined by the table keys.
  access: { table: 'readWrite', tableKeys: ['POLICY'], sendTo: ['policyNotices'] },
  memoryMb: 256,
  timeoutSeconds: 300,
});
