/** Calls received per label (`GET /api/v3/vendors`, `POST /oauth/token`), whatever their outcome. */
export interface CallCounters {
  record(label: string): void;
  snapshot(): { total: number; byLabel: Record<string, number> };
  get(label: string): number;
  reset(): void;
}

export function createCallCounters(): CallCounters {
  const counts = new Map<string, number>();
  return {
    record(label) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
    },
    snapshot() {
      return { total: [...counts.values()].reduce((a, b) => a + b, 0), byLabel: Object.fromEntries(counts) };
    },
    get: (label) => counts.get(label) ?? 0,
    reset: () => counts.clear(),
  };
}
