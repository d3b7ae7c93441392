/**
 * Injected failures, consumed in order by the next matching calls (a `match` is a substring of the call's label,
 * "METHOD /route/template", e.g. "GET /api/v2/purchase_orders" or "POST /oauth/token"):
 * - status: answer with an error status (and Retry-After) without touching data;
 * - drop: close the connection before the request is processed;
 * - loseResponse: process the request (a write commits) and close the connection before answering — the
 *   "create whose response was lost" case an idempotent client must survive.
 * Latency delays every matching call.
 */
export type Fault =
  | { kind: 'status'; status: number; message?: string; retryAfterSeconds?: number }
  | { kind: 'drop' }
  | { kind: 'loseResponse' };

interface Queued {
  fault: Fault;
  match?: string;
  remaining: number;
}

export interface FaultOptions {
  count?: number;
  match?: string;
}

export interface StatusFault extends FaultOptions {
  status: number;
  message?: string;
  retryAfterSeconds?: number;
}

export interface Faults {
  failNext(fault: StatusFault): void;
  dropNext(opts?: FaultOptions): void;
  loseResponseNext(opts?: FaultOptions): void;
  setLatency(ms: number, match?: string): void;
  clear(): void;
  take(label: string): Fault | undefined;
  latencyFor(label: string): number;
  pending(): number;
}

export function createFaults(): Faults {
  const queue: Queued[] = [];
  const latency = new Map<string, number>();
  const enqueue = (fault: Fault, opts: FaultOptions): void => {
    const count = opts.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`fault count must be a positive integer, got ${count}`);
    queue.push({ fault, match: opts.match, remaining: count });
  };
  return {
    failNext({ count, match, ...fault }) {
      if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) throw new RangeError(`fault status must be 4xx/5xx, got ${fault.status}`);
      if (fault.retryAfterSeconds !== undefined && (!Number.isInteger(fault.retryAfterSeconds) || fault.retryAfterSeconds < 0)) {
        throw new RangeError(`retryAfterSeconds must be a non-negative integer, got ${fault.retryAfterSeconds}`);
      }
      enqueue({ kind: 'status', ...fault }, { count, match });
    },
    dropNext: (opts = {}) => enqueue({ kind: 'drop' }, opts),
    loseResponseNext: (opts = {}) => enqueue({ kind: 'loseResponse' }, opts),
    setLatency(ms, match) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a non-negative number of milliseconds, got ${ms}`);
      latency.set(match ?? '', ms);
    },
    clear() {
      queue.length = 0;
      latency.clear();
    },
    take(label) {
      const index = queue.findIndex((q) => q.match === undefined || label.includes(q.match));
      const entry = queue[index];
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining === 0) queue.splice(index, 1);
      return entry.fault;
    },
    latencyFor(label) {
      let ms = 0;
      for (const [match, value] of latency) if (match === '' || label.includes(match)) ms = Math.max(ms, value);
      return ms;
    },
    pending: () => queue.reduce((n, q) => n + q.remaining, 0),
  };
}
