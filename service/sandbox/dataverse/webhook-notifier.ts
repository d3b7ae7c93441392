/**
 * Webhook delivery (FACTS §4, 4.1 #9–12 [V]): for every enabled step matching a Create / Update / Delete, a POST of
 * the RemoteExecutionContext with `x-ms-dynamics-organization`, `x-ms-dynamics-entity-name`,
 * `x-ms-dynamics-request-name`, `x-ms-correlation-request-id` (and `x-ms-dynamics-msg-size-exceeded` above the
 * size limit) and the endpoint's shared secret (header / `?code=` / query string). The receiver has 60 s
 * (configurable); any non-2xx is a failure; only 502 / 503 / 504 get exactly one retry. Synchronous steps
 * (mode 0) run inside the user's operation and a failure fails it [U: error code / text]; asynchronous steps run
 * after a small configurable delay and a failure is recorded as a System Job (`asyncoperations`, statecode 3,
 * statuscode 31 Failed) readable through the API.
 * For tests: a delivery log with the exact bytes sent, `flush()` to deliver what is pending now, `redeliver(id)`
 * to replay a past delivery verbatim, and `setEnabled(false)` to fall silent (events are logged as suppressed).
 * [U] a timed-out or unreachable receiver is a failure without retry; the retry follows after `retryDelayMs`.
 */
import { randomUUID } from 'node:crypto';
import { dvError } from './errors.ts';
import type { RecordStore, Row } from './record-store.ts';
import type { WriteEvent } from './records.ts';
import { buildContext, serializeWcf, stripForSize, type OrgIdentity } from './remote-context.ts';
import { AUTH_HTTP_HEADER, AUTH_HTTP_QUERY_STRING, AUTH_WEBHOOK_KEY, matchingSteps, parseAuthSettings } from './webhook-registration.ts';

export interface WebhookSettings {
  delayMs: number;
  timeoutMs: number;
  retryDelayMs: number;
  maxPayloadBytes: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { delayMs: 100, timeoutMs: 60_000, retryDelayMs: 0, maxPayloadBytes: 256 * 1024 };

export type AttemptOutcome = number | 'timeout' | 'network-error';

export interface DeliveryRecord {
  id: string;
  stepId: string;
  endpointId: string;
  mode: number;
  message: string;
  entityName: string;
  recordId: string;
  correlationId: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  sizeExceeded: boolean;
  attempts: AttemptOutcome[];
  outcome: 'pending' | 'delivered' | 'failed' | 'suppressed';
  redeliveryOf?: string;
  asyncOperationId?: string;
}

export interface WebhookStats {
  posts: number;
  delivered: number;
  failed: number;
  retried: number;
  suppressed: number;
}

export interface WebhookNotifier {
  beforeCommit(e: WriteEvent): Promise<void>;
  afterCommit(e: WriteEvent): void;
  flush(): Promise<void>;
  redeliver(id: string): Promise<DeliveryRecord>;
  deliveries(): DeliveryRecord[];
  stats(): WebhookStats;
  setEnabled(enabled: boolean): void;
  pendingCount(): number;
  settings(): WebhookSettings;
  set(s: Partial<WebhookSettings>): void;
  stop(): void;
}

export interface NotifierDeps {
  store: RecordStore;
  org: OrgIdentity;
  orgHost(): string;
  now(): number;
  settings: WebhookSettings;
}

const isSuccess = (o: AttemptOutcome): boolean => typeof o === 'number' && o >= 200 && o < 300;
const isRetryable = (o: AttemptOutcome): boolean => o === 502 || o === 503 || o === 504;

export function createWebhookNotifier(deps: NotifierDeps): WebhookNotifier {
  let cfg = { ...deps.settings };
  let enabled = true;
  let stopped = false;
  const log: DeliveryRecord[] = [];
  const queue: DeliveryRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  const stats: WebhookStats = { posts: 0, delivered: 0, failed: 0, retried: 0, suppressed: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;

  function prepare(e: WriteEvent, step: Row, endpoint: Row): DeliveryRecord {
    const operationId = randomUUID();
    const primaryName = (e.after?.[e.table.primaryNameAttribute] ?? e.before?.[e.table.primaryNameAttribute] ?? null) as string | null;
    const context = buildContext({ event: e, step, org: deps.org, operationId, primaryName });
    let body = serializeWcf(context);
    const sizeExceeded = Buffer.byteLength(body) > cfg.maxPayloadBytes;
    if (sizeExceeded) body = serializeWcf(stripForSize(context));
    const url = new URL(endpoint.url as string);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-ms-dynamics-organization': deps.orgHost(),
      'x-ms-dynamics-entity-name': e.table.logicalName,
      'x-ms-dynamics-request-name': e.message,
      'x-ms-correlation-request-id': e.ctx.correlationId,
    };
    if (sizeExceeded) headers['x-ms-dynamics-msg-size-exceeded'] = 'true';
    const secret = endpoint.authvalue as string;
    if (endpoint.authtype === AUTH_WEBHOOK_KEY) url.searchParams.set('code', secret);
    for (const [k, v] of endpoint.authtype === AUTH_HTTP_HEADER || endpoint.authtype === AUTH_HTTP_QUERY_STRING ? (parseAuthSettings(secret) ?? []) : []) {
      if (endpoint.authtype === AUTH_HTTP_HEADER) headers[k.toLowerCase()] = v;
      else url.searchParams.append(k, v);
    }
    return {
      id: operationId,
      stepId: step.sdkmessageprocessingstepid as string,
      endpointId: endpoint.serviceendpointid as string,
      mode: step.mode as number,
      message: e.message,
      entityName: e.table.logicalName,
      recordId: e.id,
      correlationId: e.ctx.correlationId,
      url: url.toString(),
      headers,
      body,
      sizeExceeded,
      attempts: [],
      outcome: 'pending',
    };
  }

  async function attempt(d: DeliveryRecord): Promise<AttemptOutcome> {
    stats.posts += 1;
    try {
      const res = await fetch(d.url, { method: 'POST', headers: d.headers, body: d.body, signal: AbortSignal.timeout(cfg.timeoutMs) });
      await res.arrayBuffer();
      return res.status;
    } catch (err) {
      return err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'network-error';
    }
  }

  /** One attempt, and exactly one retry after 502 / 503 / 504. */
  async function deliver(d: DeliveryRecord): Promise<void> {
    let outcome = await attempt(d);
    d.attempts.push(outcome);
    if (isRetryable(outcome)) {
      stats.retried += 1;
      if (cfg.retryDelayMs > 0) await new Promise((r) => setTimeout(r, cfg.retryDelayMs));
      outcome = await attempt(d);
      d.attempts.push(outcome);
    }
    d.outcome = isSuccess(outcome) ? 'delivered' : 'failed';
    if (d.outcome === 'delivered') stats.delivered += 1;
    else stats.failed += 1;
  }

  function recordSystemJob(d: DeliveryRecord): void {
    const at = deps.now();
    const last = d.attempts.at(-1);
    const text = typeof last === 'number' ? `The webhook call failed with HTTP status ${last}.` : `The webhook call failed: ${String(last)}.`;
    d.asyncOperationId = d.id;
    deps.store.put('asyncoperation', d.id, {
      asyncoperationid: d.id,
      name: `Webhook: ${d.message} of ${d.entityName}`,
      operationtype: 1,
      messagename: d.message,
      primaryentitytype: d.entityName,
      message: text,
      friendlymessage: text,
      errorcode: -2147220970,
      correlationid: d.correlationId,
      depth: 1,
      retrycount: d.attempts.length - 1,
      completedon: at,
      statecode: 3,
      statuscode: 31,
      owningextensionid: { table: 'sdkmessageprocessingstep', id: d.stepId },
      regardingobjectid: d.message === 'Delete' ? null : deps.store.get(d.entityName, d.recordId) ? { table: d.entityName, id: d.recordId } : null,
      createdon: at,
      modifiedon: at,
    });
  }

  function runQueued(): void {
    timer = undefined;
    for (const d of queue.splice(0)) {
      const p = deliver(d).then(() => {
        if (d.outcome === 'failed') recordSystemJob(d);
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  }

  function schedule(): void {
    if (timer || stopped) return;
    timer = setTimeout(runQueued, cfg.delayMs);
    timer.unref?.();
  }

  return {
    async beforeCommit(e) {
      for (const { step, endpoint } of matchingSteps(deps.store, e.message, e.table.logicalName, e.setColumns)) {
        if (step.mode !== 0) continue;
        // The post-operation image of a synchronous step is the row as it will be committed.
        const d = prepare(e, step, endpoint);
        log.push(d);
        if (!enabled) {
          d.outcome = 'suppressed';
          stats.suppressed += 1;
          continue;
        }
        await deliver(d);
        if (d.outcome === 'failed') {
          const last = d.attempts.at(-1);
          throw dvError(400, '0x80040265', `Webhook step '${String(step.name ?? step.sdkmessageprocessingstepid)}' failed: ${typeof last === 'number' ? `the endpoint answered HTTP ${last}` : `the endpoint ${String(last)}`}. The operation was rolled back.`);
        }
      }
    },
    afterCommit(e) {
      for (const { step, endpoint } of matchingSteps(deps.store, e.message, e.table.logicalName, e.setColumns)) {
        if (step.mode !== 1) continue;
        const d = prepare(e, step, endpoint);
        log.push(d);
        if (!enabled || stopped) {
          d.outcome = 'suppressed';
          stats.suppressed += 1;
          continue;
        }
        queue.push(d);
      }
      if (queue.length) schedule();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      runQueued();
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    async redeliver(id) {
      const original = log.find((d) => d.id === id);
      if (!original) throw new RangeError(`no delivery '${id}'`);
      const copy: DeliveryRecord = { ...original, id: randomUUID(), attempts: [], outcome: 'pending', redeliveryOf: id, asyncOperationId: undefined };
      log.push(copy);
      await deliver(copy);
      return { ...copy, attempts: [...copy.attempts] };
    },
    deliveries: () => log.map((d) => ({ ...d, headers: { ...d.headers }, attempts: [...d.attempts] })),
    stats: () => ({ ...stats }),
    setEnabled(on) {
      enabled = on;
    },
    pendingCount: () => queue.length + inFlight.size,
    settings: () => ({ ...cfg }),
    set(s) {
      cfg = { ...cfg, ...s };
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      queue.length = 0;
    },
  };
}
