/**
 * Fault injection for the next N authenticated requests (optionally only those whose path contains a
 * string): an HTTP error status (5xx, 429 with Retry-After...), a dropped connection, or a slow response.
 */

export type FaultSpec =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string; count?: number; pathIncludes?: string }
  | { kind: 'drop'; count?: number; pathIncludes?: string }
  /** The request is processed, then the connection is dropped before the response: a lost response. */
  | { kind: 'lose-response'; count?: number; pathIncludes?: string; method?: string }
  | { kind: 'slow'; delayMs: number; count?: number; pathIncludes?: string };

export interface FaultQueue {
  add(fault: FaultSpec): void;
  clear(): void;
  /** The fault to apply to a request for `path`, consuming one of its repetitions. */
  take(path: string, method?: string): FaultSpec | undefined;
  pending(): Array<FaultSpec & { remaining: number }>;
  injectedCount(): number;
}

export function createFaultQueue(): FaultQueue {
  let queue: Array<{ spec: FaultSpec; remaining: number }> = [];
  let injected = 0;
  return {
    add(fault) {
      const count = fault.count ?? 1;
      if (!Number.isInteger(count) || count < 1) throw new RangeError('fault count must be a positive integer');
      queue.push({ spec: fault, remaining: count });
    },
    clear() {
      queue = [];
    },
    take(path, method) {
      const entry = queue.find(
        (q) =>
          (q.spec.pathIncludes === undefined || path.includes(q.spec.pathIncludes)) &&
          (!('method' in q.spec) || q.spec.method === undefined || q.spec.method.toUpperCase() === method?.toUpperCase()),
      );
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining === 0) queue = queue.filter((q) => q !== entry);
      injected += 1;
      return entry.spec;
    },
    pending: () => queue.map((q) => ({ ...q.spec, remaining: q.remaining })),
    injectedCount: () => injected,
  };
}
