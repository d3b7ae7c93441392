/**
 * The engine's clock: each flow's schedule (cron or interval) and the periodic tasks other parts of the engine
 * register (push subscription upkeep). Ticks only enqueue durable jobs with deterministic slot ids, so N replicas
 * ticking together queue each slot once and whichever replica claims it does the work.
 */
import { Cron } from 'croner';
import { toConnectorError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { FlowDefinition } from './flow.ts';

/** Longest wait between two ticks of an interval schedule (a restart never waits a whole long interval). */
const MAX_TICK_MS = 60_000;

export interface PeriodicTask {
  name: string;
  everyMs: number;
  /** Called at start and every `everyMs`; failures are logged and the next tick tries again. */
  tick(): Promise<void>;
}

/** The slot an interval schedule is in at `nowMs` (its start, ISO): the same on every replica. */
export function slotOf(intervalMs: number, nowMs: number): string {
  return new Date(Math.floor(nowMs / intervalMs) * intervalMs).toISOString();
}

export function createScheduler(deps: { logger: Logger; requestRun(flowId: string, trigger: string, slot: string): Promise<unknown> }) {
  const timers: Array<{ stop(): void }> = [];
  const tasks: PeriodicTask[] = [];
  const inFlight = new Set<Promise<void>>();

  function enqueueRun(flowId: string, slot: string): void {
    void deps.requestRun(flowId, 'schedule', slot).catch((err: unknown) => deps.logger.error({ flowId, err: toConnectorError(err).message }, 'could not enqueue scheduled run'));
  }

  function scheduleFlow(flow: FlowDefinition): void {
    const { intervalMs, cron } = flow.schedule;
    if (cron) {
      const job = new Cron(cron, { protect: true }, (self: Cron) => enqueueRun(flow.id, (self.currentRun() ?? new Date()).toISOString()));
      timers.push({ stop: () => job.stop() });
    } else if (intervalMs) {
      const tick = () => enqueueRun(flow.id, slotOf(intervalMs, Date.now()));
      tick();
      const handle = setInterval(tick, Math.min(intervalMs, MAX_TICK_MS));
      timers.push({ stop: () => clearInterval(handle) });
    }
  }

  function startTask(task: PeriodicTask): void {
    let running: Promise<void> | undefined;
    const tick = () => {
      // One tick at a time per task: a tick due while the last one still runs is skipped, not stacked.
      if (running) return;
      running = task
        .tick()
        .catch((err: unknown) => deps.logger.error({ task: task.name, err: toConnectorError(err).message }, 'periodic task failed; retried on its next tick'))
        .finally(() => {
          if (running) inFlight.delete(running);
          running = undefined;
        });
      inFlight.add(running);
    };
    tick();
    const handle = setInterval(tick, task.everyMs);
    handle.unref?.();
    timers.push({ stop: () => clearInterval(handle) });
  }

  return {
    /** Register a periodic task; it starts with start() (or at once if already started). */
    addTask(task: PeriodicTask, started: boolean): void {
      tasks.push(task);
      if (started) startTask(task);
    },
    start(flows: Iterable<FlowDefinition>): void {
      for (const flow of flows) scheduleFlow(flow);
      for (const task of tasks) startTask(task);
    },
    /** Stop ticking; resolves once the ticks in flight have finished. */
    async stop(): Promise<void> {
      for (const t of timers.splice(0)) t.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
