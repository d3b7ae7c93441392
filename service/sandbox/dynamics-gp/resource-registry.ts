/**
 * Resources of the emulated GP Service, registered by their path under `Companies(<c>)/` (e.g.
 * `Sales/Customers`, FACTS §2.1 lists the GP 2015 set). Each resource declares its key, its filterable fields
 * and its operations; the HTTP layer does routing, permissions, paging and envelopes for all of them.
 */
import type { GpClock } from './gp-clock.ts';
import type { GpCompany, GpTable } from './gp-company.ts';
import type { FieldDefs, OrderTerm } from './odata-query.ts';

export type GpAction = 'read' | 'create' | 'update' | 'delete';

export interface ResourceContext {
  company: GpCompany;
  clock: GpClock;
  /** GP user the Windows account maps to (audit columns, messages). */
  gpUserId: string;
}

export interface GpResource<R> {
  /** Path below the company, e.g. `Sales/Customers`. */
  readonly path: string;
  /** Singular name for messages, e.g. `Customer`. */
  readonly entity: string;
  /** Number of key parts in `Resource(<k1>;<k2>)` (composite keys are `;`-separated, FACTS §2.3 #10). */
  readonly keyParts: number;
  readonly fields: FieldDefs<R>;
  readonly defaultOrder: OrderTerm[];
  table(ctx: ResourceContext): GpTable<R>;
  find(ctx: ResourceContext, key: string[]): R | undefined;
  toWire(row: R): Record<string, unknown>;
  create?(ctx: ResourceContext, payload: Record<string, unknown>): R;
  /** PATCH: the object must exist (FACTS §2.3 #11); the caller has checked that. */
  update?(ctx: ResourceContext, key: string[], payload: Record<string, unknown>): R;
  /** DELETE: the object exists (the caller has checked); GP business rules may still refuse (FACTS §2.3 #11). Returns what was deleted. */
  delete?(ctx: ResourceContext, key: string[]): R;
}

export interface ResourceRegistry {
  find(path: string): GpResource<unknown> | undefined;
  paths(): string[];
}

export function createResourceRegistry(resources: Array<GpResource<never>>): ResourceRegistry {
  const byPath = new Map<string, GpResource<unknown>>();
  for (const r of resources) {
    const key = r.path.toUpperCase();
    if (byPath.has(key)) throw new Error(`resource ${r.path} registered twice`);
    byPath.set(key, r as unknown as GpResource<unknown>);
  }
  return {
    find: (path) => byPath.get(path.toUpperCase()),
    paths: () => [...byPath.values()].map((r) => r.path),
  };
}
