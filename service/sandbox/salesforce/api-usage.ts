/**
 * The org's rolling 24 h API request allowance, reported on every REST response as
 * `Sforce-Limit-Info: api-usage=<used>/<max>` (FACTS 1.2). Past the limit every call gets 403
 * REQUEST_LIMIT_EXCEEDED — never 429.
 */
export interface ApiUsage {
  /** Counts one request; false if the allowance is already used up. */
  consume(): boolean;
  header(): string;
  get(): { used: number; max: number };
  set(values: { used?: number; max?: number }): void;
}

export function createApiUsage(opts: { dailyLimit: number }): ApiUsage {
  let used = 0;
  let max = opts.dailyLimit;
  return {
    consume() {
      if (used >= max) return false;
      used += 1;
      return true;
    },
    header: () => `api-usage=${used}/${max}`,
    get: () => ({ used, max }),
    set(values) {
      if (values.used !== undefined) used = values.used;
      if (values.max !== undefined) max = values.max;
    },
  };
}
