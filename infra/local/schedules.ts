import { randomUUID } from 'node:crypto';
import type { ScheduleTrigger } from '../../functions/declaration';
import { NotFound } from '../../shared/errors';
import type { LocalFunction } from './functions';

/** The event an EventBridge scheduled rule hands its target. */
export const scheduledEvent = (schedule: string) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'us-east-1',
  resources: [`arn:aws:events:us-east-1:000000000000:rule/${schedule}`],
  detail: {},
});

/** EventBridge schedules, locally: a timer per job, and a way to run one now. */
export const startSchedules = (functions: LocalFunction<ScheduleTrigger>[]) => {
  const byName = new Map(functions.map((fn) => [fn.declaration.trigger.schedule, fn]));
  const run = async (name: string): Promise<unknown> => {
    const fn = byName.get(name);
    if (!fn) throw new NotFound('No such schedule.');
    return fn.invoke(scheduledEvent(name), randomUUID());
  };
  const timers = functions.map((fn) =>
    setInterval(() => {
      run(fn.declaration.trigger.schedule).catch((error: Error) => {
        process.stderr.write(`local runtime: schedule ${fn.declaration.trigger.schedule} failed: ${error.name}\n`);
      });
    }, fn.declaration.trigger.everyMinutes * 60_000),
  );
  return {
    list: () => functions.map((fn) => ({ name: fn.declaration.trigger.schedule, everyMinutes: fn.declaration.trigger.everyMinutes })),
    run,
    stop: () => timers.forEach(clearInterval),
  };
};
export type LocalSchedules = ReturnType<typeof startSchedules>;
