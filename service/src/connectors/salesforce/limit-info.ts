/** Parsed `Sforce-Limit-Info: api-usage=25/5000; per-app-api-usage=17/250(appName=x)` (FACTS 1.2). */
export interface ApiLimits {
  used: number;
  max: number;
  remaining: number;
  perApp?: { used: number; max: number; appName?: string };
}

export function parseLimitInfo(header: string | null | undefined): ApiLimits | undefined {
  if (!header) return undefined;
  const usage = /(?:^|[;\s])api-usage=(\d+)\/(\d+)/.exec(header);
  if (!usage) return undefined;
  const used = Number(usage[1]);
  const max = Number(usage[2]);
  const limits: ApiLimits = { used, max, remaining: Math.max(0, max - used) };
  const perApp = /per-app-api-usage=(\d+)\/(\d+)(?:\(appName=([^)]*)\))?/.exec(header);
  if (perApp) limits.perApp = { used: Number(perApp[1]), max: Number(perApp[2]), ...(perApp[3] ? { appName: perApp[3] } : {}) };
  return limits;
}
