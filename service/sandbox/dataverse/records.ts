/**
 * The platform's Create / Update / Delete, shared by the Web API and by the admin surface (a Sales user working in
 * the UI): system columns stamped from the sandbox clock (createdon, modifiedon, createdby, modifiedby, ownerid,
 * statecode / statuscode defaults, the base currency on tables with money columns), alternate keys kept unique
 * (412 DuplicateRecord [V]), table rules (contact.fullname; webhook registration checks), then
 * `beforeCommit` hooks (synchronous webhook steps, which fail the user's operation when they fail — FACTS §4 [V])
 * and `afterCommit` hooks (asynchronous steps). Deleting a row deletes children of parental relationships
 * (contact.parentcustomerid) and clears other lookups to it [C].
 */
import { randomUUID } from 'node:crypto';
import { duplicateRecord } from './errors.ts';
import type { ParsedBody } from './body-parser.ts';
import type { LookupValue, RecordStore, Row } from './record-store.ts';
import type { Schema, TableDef } from './schema.ts';

export type MessageName = 'Create' | 'Update' | 'Delete';

export interface WriteContext {
  userId: string;
  correlationId: string;
}

export interface WriteEvent {
  message: MessageName;
  table: TableDef;
  id: string;
  before?: Row;
  after?: Row;
  /** Values the request set (the webhook Target), without system stamps. */
  target: Row;
  setColumns: string[];
  ctx: WriteContext;
  operationId: string;
  at: number;
}

/** A per-table rule run before a write is committed; throws a DvHttpError to refuse it. */
export type TableRule = (next: Row, prev: Row | undefined, store: RecordStore) => void;

export interface RecordServiceDeps {
  schema: Schema;
  store: RecordStore;
  now(): number;
  baseCurrencyId(): string | undefined;
  rules: Map<string, TableRule>;
}

export interface RecordService {
  create(table: TableDef, body: ParsedBody, ctx: WriteContext): Promise<Row>;
  update(table: TableDef, existing: Row, body: ParsedBody, ctx: WriteContext): Promise<Row>;
  remove(table: TableDef, existing: Row, ctx: WriteContext): Promise<void>;
  /** Find by alternate-key values (case-insensitive strings, as the SQL collation compares them). */
  findByKey(table: TableDef, key: Record<string, unknown>): Row | undefined;
  beforeCommit(hook: (e: WriteEvent) => Promise<void>): void;
  afterCommit(hook: (e: WriteEvent) => void): void;
}

const norm = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v && typeof v === 'object' ? (v as LookupValue).id : v);

export function createRecordService(deps: RecordServiceDeps): RecordService {
  const { store, schema } = deps;
  const before: Array<(e: WriteEvent) => Promise<void>> = [];
  const after: Array<(e: WriteEvent) => void> = [];

  function findByKey(table: TableDef, key: Record<string, unknown>): Row | undefined {
    const names = Object.keys(key);
    return store.list(table.logicalName).find((r) => names.every((n) => r[n] !== null && r[n] !== undefined && norm(r[n]) === norm(key[n])));
  }

  function checkKeys(table: TableDef, next: Row, id: string): void {
    for (const k of table.alternateKeys) {
      const values = Object.fromEntries(k.attributes.map((a) => [a, next[a]]));
      if (Object.values(values).some((v) => v === null || v === undefined)) continue;
      const clash = findByKey(table, values);
      if (clash && clash[table.primaryIdAttribute] !== id) throw duplicateRecord();
    }
  }

  async function commit(e: WriteEvent, write: () => void): Promise<void> {
    for (const hook of before) await hook(e);
    write();
    for (const hook of after) hook(e);
  }

  function has(table: TableDef, column: string): boolean {
    return table.columns.has(column);
  }

  function clearReferences(table: TableDef, id: string, ctx: WriteContext): void {
    const at = deps.now();
    for (const other of schema.tables()) {
      for (const col of other.columns.values()) {
        if (col.type !== 'lookup' || !col.targets?.some((t) => t.table === table.logicalName)) continue;
        for (const row of store.list(other.logicalName)) {
          const ref = row[col.logicalName] as LookupValue | null | undefined;
          if (!ref || ref.table !== table.logicalName || ref.id !== id) continue;
          const rowId = row[other.primaryIdAttribute] as string;
          if (col.onDelete === 'cascade') {
            clearReferences(other, rowId, ctx);
            store.remove(other.logicalName, rowId, at);
          } else {
            store.put(other.logicalName, rowId, { ...row, [col.logicalName]: null, ...(has(other, 'modifiedon') ? { modifiedon: at } : {}) });
          }
        }
      }
    }
  }

  return {
    findByKey,
    beforeCommit: (hook) => before.push(hook),
    afterCommit: (hook) => after.push(hook),
    async create(table, body, ctx) {
      const at = deps.now();
      const id = ((body.values[table.primaryIdAttribute] as string | undefined) ?? randomUUID()).toLowerCase();
      if (store.get(table.logicalName, id)) throw duplicateRecord();
      const user: LookupValue = { table: 'systemuser', id: ctx.userId };
      const next: Row = {};
      for (const col of table.columns.values()) next[col.logicalName] = null;
      Object.assign(next, body.values, { [table.primaryIdAttribute]: id });
      if (has(table, 'createdon')) next.createdon = at;
      if (has(table, 'modifiedon')) next.modifiedon = at;
      if (has(table, 'createdby')) next.createdby = user;
      if (has(table, 'modifiedby')) next.modifiedby = user;
      if (has(table, 'ownerid') && !next.ownerid) next.ownerid = user;
      if (has(table, 'statecode') && next.statecode === null) next.statecode = table.columns.get('statecode')?.options?.[0]?.value ?? 0;
      if (has(table, 'statuscode') && next.statuscode === null) next.statuscode = table.columns.get('statuscode')?.options?.[0]?.value ?? 1;
      const currencyId = deps.baseCurrencyId();
      if (has(table, 'transactioncurrencyid') && !next.transactioncurrencyid && currencyId) next.transactioncurrencyid = { table: 'transactioncurrency', id: currencyId };
      deps.rules.get(table.logicalName)?.(next, undefined, store);
      checkKeys(table, next, id);
      const event: WriteEvent = { message: 'Create', table, id, after: next, target: { ...body.values, [table.primaryIdAttribute]: id }, setColumns: body.setColumns, ctx, operationId: randomUUID(), at };
      let stored: Row = next;
      await commit(event, () => {
        stored = store.put(table.logicalName, id, next);
        event.after = stored;
      });
      return stored;
    },
    async update(table, existing, body, ctx) {
      const at = deps.now();
      const id = existing[table.primaryIdAttribute] as string;
      const next: Row = { ...existing, ...body.values };
      delete next.versionnumber;
      if (has(table, 'modifiedon')) next.modifiedon = at;
      if (has(table, 'modifiedby')) next.modifiedby = { table: 'systemuser', id: ctx.userId };
      deps.rules.get(table.logicalName)?.(next, existing, store);
      checkKeys(table, next, id);
      const event: WriteEvent = { message: 'Update', table, id, before: existing, after: next, target: { ...body.values, [table.primaryIdAttribute]: id }, setColumns: body.setColumns, ctx, operationId: randomUUID(), at };
      let stored: Row = next;
      await commit(event, () => {
        stored = store.put(table.logicalName, id, next);
        event.after = stored;
      });
      return stored;
    },
    async remove(table, existing, ctx) {
      const id = existing[table.primaryIdAttribute] as string;
      const at = deps.now();
      const event: WriteEvent = { message: 'Delete', table, id, before: existing, target: {}, setColumns: [], ctx, operationId: randomUUID(), at };
      await commit(event, () => {
        clearReferences(table, id, ctx);
        store.remove(table.logicalName, id, at);
      });
    },
  };
}
