/** Calls and API credits per label (`GET /Accounts`, `POST /oauth/v2/token@com`), whatever their outcome. */
export interface CallCounters {
  record(label: string): void;
  spend(label: string, credits: number): void;
  snapshot(): CounterSnapshot;
  get(label: string): number;
  reset(): void;
}

export interface CounterSnapshot {
  calls: { total: number; byLabel: Record<string, number> };
  credits: { total: number; byLabel: Record<string, number> };
}

export function createCallCounters(): CallCounters {
  const calls = new Map<string, number>();
  const credits = new Map<string, number>();
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  return {
    record(label) {
      calls.set(label, (calls.get(label) ?? 0) + 1);
    },
    spend(label, spent) {
      if (spent > 0) credits.set(label, (credits.get(label) ?? 0) + spent);
    },
    snapshot: () => ({
      calls: { total: sum(calls), byLabel: Object.fromEntries(calls) },
      credits: { total: sum(credits), byLabel: Object.fromEntries(credits) },
    }),
    get: (label) => calls.get(label) ?? 0,
    reset() {
      calls.clear();
      credits.clear();
    },
  };
}
