/**
 * API credits and concurrency of one org (FACTS §5 [V] https://www.zoho.com/crm/developer/docs/api/v4/api-limits.html;
 * concurrency per Kaizen #203 [C]):
 * - credits per rolling 24 h window: Free 5,000; Standard 50,000 + 250 × users (max 100,000); Professional
 *   50,000 + 500 × users (max 3,000,000); Enterprise 50,000 + 1,000 × users (max 5,000,000); Ultimate 50,000 +
 *   2,000 × users (no max); add-on credits on top [U whether add-ons count against the max];
 * - most calls cost 1 credit [V]; the cost table below is overridable ([U] per-operation costs beyond that);
 * - concurrent calls per org: Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25 [C]; writes of more
 *   than 10 records share a sub-concurrency of 10 [C];
 * - exhaustion and concurrency answer 429 `TOO_MANY_REQUESTS` [U code/text: the newer v8 OAS examples show
 *   `RATE_LIMIT_EXCEEDED` / "Too many requests. Please try again later." — configurable]. Zoho documents no
 *   credits endpoint or usage header, so usage is visible only through the sandbox admin.
 */
import { zohoError } from './errors.ts';

export type Edition = 'free' | 'standard' | 'professional' | 'enterprise' | 'ultimate';

export const EDITIONS: Record<Edition, { baseCredits: number; creditsPerUser: number; maxCredits: number | null; concurrency: number }> = {
  free: { baseCredits: 5_000, creditsPerUser: 0, maxCredits: 5_000, concurrency: 5 },
  standard: { baseCredits: 50_000, creditsPerUser: 250, maxCredits: 100_000, concurrency: 10 },
  professional: { baseCredits: 50_000, creditsPerUser: 500, maxCredits: 3_000_000, concurrency: 15 },
  enterprise: { baseCredits: 50_000, creditsPerUser: 1_000, maxCredits: 5_000_000, concurrency: 20 },
  ultimate: { baseCredits: 50_000, creditsPerUser: 2_000, maxCredits: null, concurrency: 25 },
};

export const CREDIT_WINDOW_MS = 24 * 60 * 60 * 1000;
export const SUB_CONCURRENCY_LIMIT = 10;
export const SUB_CONCURRENCY_RECORD_THRESHOLD = 10;

export type CreditOperation =
  | 'records.list'
  | 'records.get'
  | 'records.insert'
  | 'records.update'
  | 'records.upsert'
  | 'records.delete'
  | 'records.search'
  | 'records.deleted'
  | 'records.count'
  | 'settings.read'
  | 'settings.write'
  | 'notifications'
  | 'org.read';

/** [V] 1 credit for most calls; every operation here defaults to 1 [U for the write operations per record count]. */
export const DEFAULT_CREDIT_COSTS: Record<CreditOperation, number> = {
  'records.list': 1,
  'records.get': 1,
  'records.insert': 1,
  'records.update': 1,
  'records.upsert': 1,
  'records.delete': 1,
  'records.search': 1,
  'records.deleted': 1,
  'records.count': 1,
  'settings.read': 1,
  'settings.write': 1,
  notifications: 1,
  'org.read': 1,
};

export interface LimitErrorSettings {
  status: number;
  code: string;
  creditsMessage: string;
  concurrencyMessage: string;
}

export const DEFAULT_LIMIT_ERROR: LimitErrorSettings = {
  status: 429,
  code: 'TOO_MANY_REQUESTS',
  creditsMessage: 'API credits exhausted for the 24 hour window',
  concurrencyMessage: 'The concurrency limit has been exceeded',
};

export interface CreditSettings {
  edition: Edition;
  userLicenses: number;
  addOnCredits: number;
  costs: Record<CreditOperation, number>;
  /** Overrides the edition's concurrency (null = edition default). */
  concurrency: number | null;
  limitError: LimitErrorSettings;
}

export interface CreditUsage {
  edition: Edition;
  limit: number;
  used: number;
  remaining: number;
  /** When the oldest spend in the window frees up (null when nothing is spent). */
  nextReleaseAt: number | null;
  inFlight: number;
  concurrencyLimit: number;
  rejectedForCredits: number;
  rejectedForConcurrency: number;
  peakInFlight: number;
}

export interface Credits {
  costOf(op: CreditOperation): number;
  /** Spend `cost` credits now or throw the 429; returns the credits spent. */
  charge(now: number, op: CreditOperation): number;
  /** Take a concurrency slot (and a sub-concurrency slot for big writes) or throw the 429. */
  acquire(bigWrite: boolean): () => void;
  usage(now: number): CreditUsage;
  settings(): CreditSettings;
  set(patch: Partial<Omit<CreditSettings, 'costs' | 'limitError'>> & { costs?: Partial<Record<CreditOperation, number>>; limitError?: Partial<LimitErrorSettings> }): void;
  /** Record `credits` as already spent at `at` (a busy day before the test). */
  spend(at: number, credits: number): void;
  resetWindow(): void;
}

export function createCredits(initial: Partial<Omit<CreditSettings, 'costs' | 'limitError'>> & { costs?: Partial<Record<CreditOperation, number>>; limitError?: Partial<LimitErrorSettings> } = {}): Credits {
  const given = Object.fromEntries(Object.entries(initial).filter(([, v]) => v !== undefined)) as typeof initial;
  let cfg: CreditSettings = {
    edition: 'enterprise',
    userLicenses: 10,
    addOnCredits: 0,
    concurrency: null,
    ...given,
    costs: { ...DEFAULT_CREDIT_COSTS, ...given.costs },
    limitError: { ...DEFAULT_LIMIT_ERROR, ...given.limitError },
  };
  let spends: Array<{ at: number; credits: number }> = [];
  let inFlight = 0;
  let bigWritesInFlight = 0;
  const stats = { rejectedForCredits: 0, rejectedForConcurrency: 0, peakInFlight: 0 };

  const limit = (): number => {
    const e = EDITIONS[cfg.edition];
    const computed = e.baseCredits + e.creditsPerUser * cfg.userLicenses;
    const capped = e.maxCredits === null ? computed : Math.min(computed, e.maxCredits);
    return capped + cfg.addOnCredits;
  };
  const prune = (now: number): void => {
    spends = spends.filter((s) => s.at > now - CREDIT_WINDOW_MS);
  };
  const used = (now: number): number => {
    prune(now);
    return spends.reduce((a, s) => a + s.credits, 0);
  };
  const concurrencyLimit = (): number => cfg.concurrency ?? EDITIONS[cfg.edition].concurrency;
  const limitError = (message: string) => zohoError(cfg.limitError.status, cfg.limitError.code, message);

  return {
    costOf: (op) => cfg.costs[op],
    charge(now, op) {
      const cost = cfg.costs[op];
      if (used(now) + cost > limit()) {
        stats.rejectedForCredits += 1;
        throw limitError(cfg.limitError.creditsMessage);
      }
      if (cost > 0) spends.push({ at: now, credits: cost });
      return cost;
    },
    acquire(bigWrite) {
      if (inFlight >= concurrencyLimit() || (bigWrite && bigWritesInFlight >= SUB_CONCURRENCY_LIMIT)) {
        stats.rejectedForConcurrency += 1;
        throw limitError(cfg.limitError.concurrencyMessage);
      }
      inFlight += 1;
      if (bigWrite) bigWritesInFlight += 1;
      stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
        if (bigWrite) bigWritesInFlight -= 1;
      };
    },
    usage(now) {
      const u = used(now);
      const l = limit();
      return {
        edition: cfg.edition,
        limit: l,
        used: u,
        remaining: Math.max(0, l - u),
        nextReleaseAt: spends.length > 0 ? (spends[0] as { at: number }).at + CREDIT_WINDOW_MS : null,
        inFlight,
        concurrencyLimit: concurrencyLimit(),
        ...stats,
      };
    },
    settings: () => ({ ...cfg, costs: { ...cfg.costs }, limitError: { ...cfg.limitError } }),
    set(patch) {
      if (patch.edition !== undefined && !Object.hasOwn(EDITIONS, patch.edition)) throw new RangeError(`edition must be one of ${Object.keys(EDITIONS).join(', ')}, got ${patch.edition}`);
      for (const key of ['userLicenses', 'addOnCredits'] as const) {
        const v = patch[key];
        if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new RangeError(`${key} must be a non-negative integer, got ${v}`);
      }
      if (patch.concurrency !== undefined && patch.concurrency !== null && (!Number.isInteger(patch.concurrency) || patch.concurrency < 1)) {
        throw new RangeError(`concurrency must be a positive integer, got ${patch.concurrency}`);
      }
      cfg = { ...cfg, ...patch, costs: { ...cfg.costs, ...patch.costs }, limitError: { ...cfg.limitError, ...patch.limitError } };
    },
    spend(at, credits) {
      if (!Number.isInteger(credits) || credits < 0) throw new RangeError(`credits must be a non-negative integer, got ${credits}`);
      spends.push({ at, credits });
      spends.sort((a, b) => a.at - b.at);
    },
    resetWindow() {
      spends = [];
    },
  };
}
