/**
 * Injected failures, consumed in order by the next matching calls (API and accounts servers alike):
 * - status: answer with an error status (and Retry-After) without touching data;
 * - drop: close the connection before the request is processed;
 * - loseResponse: process the request (the write commits) and close the connection before answering — the
 *   "upsert whose response was lost" case an idempotent writer must survive.
 * Latency delays every matching call; a hold keeps matching calls in flight (their concurrency slot taken) until
 * released — a deterministic way to have N calls in flight at once. A `match` is a substring of the call label
 * (`POST /Accounts/upsert`, `POST /oauth/v2/token@eu`).
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

export interface StatusFault {
  status: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
}

export interface Faults {
  failNext(fault: StatusFault & FaultOptions): void;
  dropNext(opts?: FaultOptions): void;
  loseResponseNext(opts?: FaultOptions): void;
  setLatency(ms: number, match?: string): void;
  /** Matching API calls wait, after admission, until releaseHeld(). */
  holdCalls(match?: string): void;
  releaseHeld(): void;
  /** Resolves when the call may proceed (immediately unless a hold matches). */
  waitIfHeld(label: string): Promise<void>;
  heldCount(): number;
  clear(): void;
  take(label: string): Fault | undefined;
  latencyFor(label: string): number;
}

export function createFaults(): Faults {
  const queue: Queued[] = [];
  const latency = new Map<string, number>();
  let holdMatch: string | undefined | null = null;
  const held: Array<() => void> = [];
  const enqueue = (fault: Fault, opts: FaultOptions): void => {
    const count = opts.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`fault count must be a positive integer, got ${count}`);
    queue.push({ fault, match: opts.match, remaining: count });
  };
  return {
    failNext({ count, match, ...fault }) {
      if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) throw new RangeError(`fault status must be 4xx/5xx, got ${fault.status}`);
      enqueue({ kind: 'status', ...fault }, { count, match });
    },
    dropNext: (opts = {}) => enqueue({ kind: 'drop' }, opts),
    loseResponseNext: (opts = {}) => enqueue({ kind: 'loseResponse' }, opts),
    setLatency(ms, match) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a non-negative number of milliseconds, got ${ms}`);
      latency.set(match ?? '', ms);
    },
    holdCalls(match) {
      holdMatch = match;
    },
    releaseHeld() {
      holdMatch = null;
      for (const release of held.splice(0)) release();
    },
    waitIfHeld(label) {
      if (holdMatch === null || (holdMatch !== undefined && !label.includes(holdMatch))) return Promise.resolve();
      return new Promise((resolve) => held.push(resolve));
    },
    heldCount: () => held.length,
    clear() {
      queue.length = 0;
      latency.clear();
      holdMatch = null;
      for (const release of held.splice(0)) release();
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

const FAULT_CODES: Record<number, string> = { 429: 'TOO_MANY_REQUESTS', 500: 'INTERNAL_ERROR', 502: 'INTERNAL_ERROR', 503: 'INTERNAL_ERROR', 504: 'INTERNAL_ERROR' };

/** The Zoho error code an injected status answers with when the test gives none. */
export function defaultFaultCode(status: number): string {
  return FAULT_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_DATA');
}
