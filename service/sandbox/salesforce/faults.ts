import type { EndpointLabel } from './endpoint-label.ts';

/**
 * Injected failures, consumed in order by the next matching calls: an HTTP status (5xx, 503/429 with
 * Retry-After), a dropped connection, or a response lost after the call took effect (the connection drops once the
 * handler has committed). Latency delays every matching call until changed.
 */
export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; errorCode?: string; message?: string }
  | { kind: 'drop' }
  | { kind: 'lose-response' };

export interface FaultOptions {
  /** How many calls to affect (default 1). */
  count?: number;
  /** Only calls to this endpoint (default: any REST or token call). */
  endpoint?: EndpointLabel;
}

export interface Faults {
  failNext(fault: { status: number; retryAfterSeconds?: number; errorCode?: string; message?: string } & FaultOptions): void;
  dropNext(opts?: FaultOptions): void;
  /** The next matching calls take effect, then their connection drops before the answer. */
  loseResponseNext(opts?: FaultOptions): void;
  setLatency(ms: number, endpoint?: EndpointLabel): void;
  clear(): void;
  /** Takes the next fault for a call to `endpoint`, if one is queued. */
  take(endpoint: EndpointLabel): Fault | undefined;
  latencyFor(endpoint: EndpointLabel): number;
  pending(): number;
}

export function createFaults(): Faults {
  const queue: Array<{ fault: Fault; endpoint?: EndpointLabel; remaining: number }> = [];
  const latency = new Map<EndpointLabel | '*', number>();
  const enqueue = (fault: Fault, opts: FaultOptions): void => {
    const count = opts.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error(`fault count must be a positive integer, got ${count}`);
    queue.push({ fault, endpoint: opts.endpoint, remaining: count });
  };
  return {
    failNext({ count, endpoint, ...fault }) {
      if (fault.status < 400 || fault.status > 599) throw new Error(`fault status must be 4xx/5xx, got ${fault.status}`);
      enqueue({ kind: 'status', ...fault }, { count, endpoint });
    },
    dropNext(opts = {}) {
      enqueue({ kind: 'drop' }, opts);
    },
    loseResponseNext(opts = {}) {
      enqueue({ kind: 'lose-response' }, opts);
    },
    setLatency(ms, endpoint) {
      latency.set(endpoint ?? '*', ms);
    },
    clear() {
      queue.length = 0;
      latency.clear();
    },
    take(endpoint) {
      if (endpoint === 'sandbox.admin') return undefined;
      const index = queue.findIndex((q) => q.endpoint === undefined || q.endpoint === endpoint);
      const entry = queue[index];
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining === 0) queue.splice(index, 1);
      return entry.fault;
    },
    latencyFor(endpoint) {
      if (endpoint === 'sandbox.admin') return 0;
      return latency.get(endpoint) ?? latency.get('*') ?? 0;
    },
    pending: () => queue.reduce((n, q) => n + q.remaining, 0),
  };
}

export interface CallCounters {
  record(endpoint: EndpointLabel): void;
  snapshot(): { total: number; byEndpoint: Partial<Record<EndpointLabel, number>> };
  get(endpoint: EndpointLabel): number;
  reset(): void;
}

/** Calls received per endpoint (admin routes excluded), whatever their outcome. */
export function createCallCounters(): CallCounters {
  const counts = new Map<EndpointLabel, number>();
  return {
    record(endpoint) {
      if (endpoint === 'sandbox.admin') return;
      counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
    },
    snapshot() {
      const byEndpoint = Object.fromEntries(counts) as Partial<Record<EndpointLabel, number>>;
      return { total: [...counts.values()].reduce((a, b) => a + b, 0), byEndpoint };
    },
    get: (endpoint) => counts.get(endpoint) ?? 0,
    reset: () => counts.clear(),
  };
}
