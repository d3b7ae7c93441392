/**
 * What every entity set of the emulator shares: the record store, the clock, number series, and the
 * definition an entity set gives the generic routes (shape, parent, create / update / delete rules, actions).
 */
import { randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock.ts';
import { bcError, dialog } from './errors.ts';
import type { RecordStore } from './record-store.ts';
import type { EntityShape } from './shapes.ts';

export interface DomainContext {
  store: RecordStore;
  clock: SandboxClock;
  /** Next number of a number series, e.g. nextNumber('S-ORD') → 'S-ORD101001'. */
  nextNumber(series: string): string;
  today(): string;
}

export interface EntitySetDef {
  name: string;
  /** The OData type name (`Microsoft.NAV.<typeName>`). */
  typeName: string;
  shape: EntityShape;
  /** Nested sets live under a parent: `salesOrders(<id>)/salesOrderLines`, keyed by `foreignKey`. */
  parent?: { set: string; foreignKey: string };
  /** True for sets the API only reads (companies). */
  readOnly?: boolean;
  /** `body` is already shape-validated. */
  create(body: Record<string, unknown>, parentId: string | undefined): Record<string, unknown>;
  update(existing: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown>;
  remove(existing: Record<string, unknown>): void;
  /** Bound actions (`.../<set>(<id>)/Microsoft.NAV.<name>`), answering 204. */
  actions?: Record<string, (record: Record<string, unknown>) => void>;
}

const SERIES_START: Record<string, number> = {
  C: 10010,
  I: 70010,
  'S-ORD': 101001,
  'S-INV': 102001,
  'PS-INV': 103001,
  G: 1,
};

export function createDomainContext(store: RecordStore, clock: SandboxClock): DomainContext {
  const counters = new Map<string, number>();
  return {
    store,
    clock,
    nextNumber(series) {
      const n = counters.get(series) ?? SERIES_START[series] ?? 1;
      counters.set(series, n + (series === 'C' || series === 'I' ? 10 : 1));
      return series === 'G' ? `G${String(n).padStart(5, '0')}` : `${series}${n}`;
    },
    today: () => new Date(clock.now()).toISOString().slice(0, 10),
  };
}

export const newId = (): string => randomUUID();

export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** [U] code: BC refuses a second record with the same primary key. */
export function assertUniqueNumber(ctx: DomainContext, set: string, table: string, number: string, exceptId?: string): void {
  const clash = ctx.store.list(set).find((r) => r.number === number && r.id !== exceptId);
  if (clash) {
    throw bcError(400, 'Internal_EntityWithSameKeyExists', `The record in table ${table} already exists. Identification fields and values: No.='${number}'`);
  }
}

/** Resolve a reference given as id or number; a value that resolves to nothing is BC's table-relation error. */
export function resolveByIdOrNumber(
  ctx: DomainContext,
  set: string,
  ref: { id?: unknown; number?: unknown },
  relation: { field: string; table: string; relatedTable: string },
): Record<string, unknown> | undefined {
  const ZERO = '00000000-0000-0000-0000-000000000000';
  if (typeof ref.id === 'string' && ref.id !== ZERO) {
    const hit = ctx.store.get(set, ref.id);
    if (!hit) throw dialog(`The field ${relation.field} of table ${relation.table} contains a value (${ref.id}) that cannot be found in the related table (${relation.relatedTable}).`);
    return hit;
  }
  if (typeof ref.number === 'string' && ref.number !== '') {
    const hit = ctx.store.list(set).find((r) => r.number === ref.number);
    if (!hit) throw dialog(`The field ${relation.field} of table ${relation.table} contains a value (${ref.number}) that cannot be found in the related table (${relation.relatedTable}).`);
    return hit;
  }
  return undefined;
}
