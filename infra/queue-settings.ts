import type { FunctionDeclaration, QueueTrigger } from '../functions/declaration';
import type { QueueName } from './resources';

/** The function that consumes a queue. */
export const consumerOf = (queue: QueueName, declarations: readonly FunctionDeclaration[]) => {
  const consumer = declarations.find((declaration) => declaration.trigger.kind === 'queue' && declaration.trigger.queue === queue);
  if (!consumer) throw new Error(`No function consumes the ${queue} queue`);
  return consumer as FunctionDeclaration & { trigger: QueueTrigger };
};

/**
 * AWS's rule for queues that trigger Lambda: a visibility timeout of at least six times the
 * function's timeout (plus the batching window), so a retried invocation never races the first.
 */
export const visibilityTimeoutSeconds = (queue: QueueName, declarations: readonly FunctionDeclaration[]): number => {
  const consumer = consumerOf(queue, declarations);
  return 6 * consumer.timeoutSeconds + consumer.trigger.maxBatchingWindowSeconds;
};
