/**
 * Injected failures for API calls, consumed in order by the next matching calls:
 * - status: answer with an error status (and Retry-After) without touching data;
 * - drop: close the connection before the request is processed;
 * - loseResponse: process the request (the write commits) and close the connection before answering — the
 *   "create whose response was lost" case that idempotent writers must survive.
 * Latency delays every matching call. A `match` is a substring of the call label ("PATCH accounts()").
 */
export type Fault =
  | { kind: 'status'; status: number; code?: string; message?: string; retryAfterSeconds?: number }
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

export interface Faults {
  failNext(fault: { status: number; code?: string; message?: string; retryAfterSeconds?: number } & FaultOptions): void;
  dropNext(opts?: FaultOptions): void;
  loseResponseNext(opts?: FaultOptions): void;
  setLatency(ms: number, match?: string): void;
  clear(): void;
  take(label: string): Fault | undefined;
  latencyFor(label: string): number;
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
      if (fault.status < 400 || fault.status > 599) throw new RangeError(`fault status must be 4xx/5xx, got ${fault.status}`);
      enqueue({ kind: 'status', ...fault }, { count, match });
    },
    dropNext: (opts = {}) => enqueue({ kind: 'drop' }, opts),
    loseResponseNext: (opts = {}) => enqueue({ kind: 'loseResponse' }, opts),
    setLatency(ms, match) {
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
  };
}
