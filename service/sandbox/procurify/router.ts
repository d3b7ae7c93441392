/**
 * The API's route table: OAS path templates (`/api/v2/purchase_orders/{role}/{status}`) with a handler per method.
 * A trailing slash is optional (Procurify's own examples use `/api/v3/vendors/`; the OAS paths have none), and the
 * `next`/`previous` links keep whichever form the client used. The template is also the call's label for
 * counters, faults and rate statistics.
 */
import type { SerializeContext } from './serialize-common.ts';
import type { ProcurifySettings } from './settings.ts';
import type { TenantRuntime } from './tenant-runtime.ts';

export interface ApiCall {
  method: string;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (validated as JSON by the app before the handler runs). */
  body: unknown;
  tenant: TenantRuntime;
  ctx: SerializeContext;
  settings: ProcurifySettings;
}

export interface ApiResult {
  status: number;
  body?: unknown;
}

export type Handler = (call: ApiCall) => ApiResult;

export interface RouteDef {
  template: string;
  handlers: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>;
}

export interface MatchedRoute {
  template: string;
  params: Record<string, string>;
  handler?: Handler;
  allowed: string[];
}

interface Compiled {
  def: RouteDef;
  pattern: RegExp;
  keys: string[];
}

export function createRouter(defs: RouteDef[]) {
  const compiled: Compiled[] = defs.map((def) => {
    const keys: string[] = [];
    const source = def.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    return { def, keys, pattern: new RegExp(`^${source}/?$`) };
  });
  // A literal segment wins over a parameter (`/users/me` before `/users/{id}`), as Django's first-match order has it.
  compiled.sort((a, b) => a.keys.length - b.keys.length);
  return {
    match(method: string, path: string): MatchedRoute | undefined {
      for (const c of compiled) {
        const m = c.pattern.exec(path);
        if (!m) continue;
        const params = Object.fromEntries(c.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] as string)]));
        return { template: c.def.template, params, handler: c.def.handlers[method as keyof RouteDef['handlers']], allowed: Object.keys(c.def.handlers) };
      }
      return undefined;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
