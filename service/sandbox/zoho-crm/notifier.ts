/**
 * Delivers record changes to notification channels (FACTS §5 #9–10). One POST per channel and write call:
 * `{server_time, query_params, module, resource_uri, ids, affected_fields, operation, channel_id, token}` [U shape,
 * from FACTS' third-party notes: `query_params` echoes the notify_url query string, `affected_fields` lists
 * `{<id>: [field, …]}` for updates, `affected_values` is added when the channel asked for
 * return_affected_field_values]. No signature: the receiver checks `token`. Delivery is asynchronous; `flush()`
 * waits for it. A failing receiver (non-2xx, timeout, network error) is not retried by default [U: no retry
 * policy is published; `notificationRetryDelaysMs` adds one]. Admin controls: pause / resume (hold deliveries),
 * outage (every attempt fails), drop the next N, redeliver a logged delivery verbatim.
 */
import type { SandboxClock } from './clock.ts';
import { channelWatches, editMatchesCondition, type Channel, type WatchOperation } from './channels.ts';
import type { Org } from './org.ts';
import type { Json } from './record-shapes.ts';
import type { RecordChange } from './record-store.ts';

export type DeliveryStatus = number | 'network-error' | 'timeout' | 'outage' | 'dropped';

export interface DeliveryRecord {
  id: number;
  orgId: string;
  channelId: string;
  url: string;
  body: Json;
  attempt: number;
  status: DeliveryStatus;
  /** Sandbox time of the attempt (ISO). */
  at: string;
  redeliveryOf?: number;
}

export interface NotifierStats {
  queued: number;
  posts: number;
  delivered: number;
  failed: number;
  dropped: number;
  retriesScheduled: number;
}

export interface NotifierOptions {
  clock: SandboxClock;
  apiDomainOf(org: Org): string;
  delayMs: number;
  deliveryTimeoutMs: number;
  retryDelaysMs: number[];
}

export interface Notifier {
  attach(org: Org): void;
  flush(): Promise<void>;
  deliveries(): DeliveryRecord[];
  stats(): NotifierStats;
  pendingCount(): number;
  pause(): void;
  resume(): void;
  setOutage(on: boolean): void;
  dropNext(count: number): void;
  redeliver(deliveryId: number): Promise<DeliveryRecord>;
  stop(): void;
}

interface Job {
  orgId: string;
  channelId: string;
  url: string;
  body: Json;
  attempt: number;
  redeliveryOf?: number;
}

const OPERATIONS: Record<RecordChange['operation'], WatchOperation> = { insert: 'create', update: 'edit', delete: 'delete' };

function queryParamsOf(url: string): Record<string, string> {
  try {
    return Object.fromEntries(new URL(url).searchParams);
  } catch {
    return {};
  }
}

export function buildCallbackBody(channel: Channel, change: RecordChange, ids: string[], apiDomain: string, now: number): Json {
  const body: Json = {
    server_time: now,
    query_params: queryParamsOf(channel.notifyUrl),
    module: change.module,
    resource_uri: `${apiDomain}/crm/v8/${change.module}`,
    ids,
    affected_fields: change.operation === 'update' ? ids.map((id) => ({ [id]: change.affectedFields[id] ?? [] })) : [],
    operation: change.operation,
    channel_id: channel.channelId,
    token: channel.token,
  };
  if (channel.returnAffectedFieldValues && change.operation !== 'delete') body.affected_values = ids.map((id) => ({ id, ...change.affectedValues[id] }));
  return body;
}

export function createNotifier(opts: NotifierOptions): Notifier {
  const queue: Job[] = [];
  const log: DeliveryRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  const retries = new Set<{ job: Job; timer: ReturnType<typeof setTimeout> }>();
  const stats: NotifierStats = { queued: 0, posts: 0, delivered: 0, failed: 0, dropped: 0, retriesScheduled: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let paused = false;
  let outage = false;
  let dropBudget = 0;
  let stopped = false;
  let seq = 0;

  const record = (job: Job, status: DeliveryStatus): DeliveryRecord => {
    const entry: DeliveryRecord = { id: ++seq, orgId: job.orgId, channelId: job.channelId, url: job.url, body: job.body, attempt: job.attempt, status, at: new Date(opts.clock.now()).toISOString() };
    if (job.redeliveryOf !== undefined) entry.redeliveryOf = job.redeliveryOf;
    log.push(entry);
    return entry;
  };

  const scheduleRetry = (job: Job): void => {
    const delay = opts.retryDelaysMs[job.attempt - 1];
    if (delay === undefined || stopped) return;
    const entry = {
      job: { ...job, attempt: job.attempt + 1 },
      timer: setTimeout(() => {
        retries.delete(entry);
        queue.push(entry.job);
        pump();
      }, delay),
    };
    entry.timer.unref?.();
    retries.add(entry);
    stats.retriesScheduled += 1;
  };

  const send = async (job: Job): Promise<DeliveryRecord> => {
    if (dropBudget > 0) {
      dropBudget -= 1;
      stats.dropped += 1;
      return record(job, 'dropped');
    }
    if (outage) {
      stats.failed += 1;
      const entry = record(job, 'outage');
      scheduleRetry(job);
      return entry;
    }
    stats.posts += 1;
    let status: DeliveryStatus;
    try {
      const res = await fetch(job.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(job.body), signal: AbortSignal.timeout(opts.deliveryTimeoutMs) });
      await res.arrayBuffer();
      status = res.status;
    } catch (err) {
      status = err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'network-error';
    }
    const entry = record(job, status);
    if (typeof status === 'number' && status >= 200 && status < 300) stats.delivered += 1;
    else {
      stats.failed += 1;
      scheduleRetry(job);
    }
    return entry;
  };

  function pump(): void {
    timer = undefined;
    if (paused || stopped) return;
    for (const job of queue.splice(0)) {
      const p: Promise<void> = send(job).then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  }

  const enqueue = (job: Job): void => {
    if (stopped) return;
    queue.push(job);
    stats.queued += 1;
    if (timer === undefined && !paused) {
      timer = setTimeout(pump, opts.delayMs);
      timer.unref?.();
    }
  };

  const onChange = (org: Org, change: RecordChange): void => {
    const now = opts.clock.now();
    const op = OPERATIONS[change.operation];
    for (const channel of org.channels.list(now)) {
      if (!channelWatches(channel, change.module, op)) continue;
      const ids = op === 'edit' ? change.ids.filter((id) => editMatchesCondition(channel, change.module, change.affectedFields[id] ?? [])) : change.ids;
      if (ids.length === 0) continue;
      enqueue({ orgId: org.id, channelId: channel.channelId, url: channel.notifyUrl, body: buildCallbackBody(channel, change, ids, opts.apiDomainOf(org), now), attempt: 1 });
    }
  };

  return {
    attach(org) {
      org.store.onChange((change) => onChange(org, change));
    },
    async flush() {
      if (timer !== undefined) clearTimeout(timer);
      for (const r of [...retries]) {
        clearTimeout(r.timer);
        retries.delete(r);
        queue.push(r.job);
      }
      pump();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    deliveries: () => log.map((d) => ({ ...d, body: structuredClone(d.body) })),
    stats: () => ({ ...stats }),
    pendingCount: () => queue.length + retries.size + inFlight.size,
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      pump();
    },
    setOutage(on) {
      outage = on;
    },
    dropNext(count) {
      if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
      dropBudget += count;
    },
    async redeliver(deliveryId) {
      const original = log.find((d) => d.id === deliveryId);
      if (!original) throw new RangeError(`no delivery ${deliveryId}`);
      return send({ orgId: original.orgId, channelId: original.channelId, url: original.url, body: structuredClone(original.body), attempt: 1, redeliveryOf: original.id });
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const r of retries) clearTimeout(r.timer);
      retries.clear();
      queue.length = 0;
    },
  };
}
