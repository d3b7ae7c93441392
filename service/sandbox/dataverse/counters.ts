/** Calls received per label ("GET accounts", "PATCH accounts()", "POST token"), whatever their outcome. */
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
      const byLabel = Object.fromEntries(counts);
      return { total: [...counts.values()].reduce((a, b) => a + b, 0), byLabel };
    },
    get: (label) => counts.get(label) ?? 0,
    reset: () => counts.clear(),
  };
}
