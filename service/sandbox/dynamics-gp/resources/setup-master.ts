/**
 * Setup masters keyed by one id (vendor classes PM00100, customer classes RM00201, payment terms SY03300) as SBA
 * resources with list / get / create / update. These tables carry CREATDDT / MODIFDT (date-only) but no
 * DEX_ROW_TS (GP-DOMAIN §5; DDL of the three tables [V]), so the emulator offers no change filter on them: a client
 * compares content (hash-poll). `modifiedDateFilter` makes ModifiedDate filterable for an installation whose GP
 * Service allows it [U]. The eConnect nodes (taCreateCustomerClass ECN:ff623752 [V]; the vendor class and
 * payment terms nodes [U]) are not in the public DDL, so their error numbers are emulator-chosen: 91060 blank id,
 * 91061 id taken (HTTP 409), 91062 unknown reference, 91063 value out of range [U].
 * Rows the older demo seeding wrote as `{ id, description }` (reference-data.ts) are read as full rows, and full rows
 * keep `id` / `description` so that code reading the reference shape keeps working.
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, normalizeKey, padChar, toStoredValue, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import { hasReference, type ReferenceTable } from '../reference-data.ts';
import type { GpResource } from '../resource-registry.ts';
import { badRequest } from '../sba-error.ts';
import { trimmed } from './document-payload.ts';

type CharColumn = Extract<ColumnSpec, { kind: 'char' }>;

export interface SetupMasterSpec {
  path: string;
  entity: string;
  table: ReferenceTable;
  /** e.g. "Vendor Class Master Table - PM00100" (messages). */
  tableTitle: string;
  procedure: string;
  key: CharColumn;
  description: CharColumn;
  columns: ColumnSpec[];
  references: Array<{ column: string; table: ReferenceTable; label: string }>;
  /** Column values a new row starts with (before the payload). */
  defaults?: Row;
  /** Extra rule; a message means error 91063. */
  check?(company: GpCompany, row: Row): string | undefined;
  /** A row written by the older `{ id, description }` seeding, as a full row. */
  fromReference?(id: string, description: string): Row;
}

const READ_ONLY = ['CreatedDate', 'ModifiedDate'];

export function setupTable(company: GpCompany, spec: SetupMasterSpec): GpTable<Row> {
  return company.table<Row>(spec.table);
}

/** A stored row in full form, whichever way it was written. */
function normalized(spec: SetupMasterSpec, raw: Row): Row {
  if (raw[spec.key.column] !== undefined) return raw;
  const id = String(raw.id ?? '');
  const description = String(raw.description ?? '');
  return {
    ...blankRow([spec.key, spec.description, ...spec.columns]),
    ...spec.defaults,
    ...spec.fromReference?.(id, description),
    [spec.key.column]: padChar(id, spec.key.sqlWidth),
    [spec.description.column]: padChar(description.slice(0, spec.description.maxInput), spec.description.sqlWidth),
    CREATDDT: '1900-01-01',
    MODIFDT: '1900-01-01',
    id,
    description,
  };
}

export function findSetupRow(company: GpCompany, spec: SetupMasterSpec, id: string): Row | undefined {
  const raw = setupTable(company, spec).get(normalizeKey(id));
  return raw && normalized(spec, raw);
}

export function listSetupRows(company: GpCompany, spec: SetupMasterSpec): Row[] {
  return setupTable(company, spec)
    .values()
    .map((r) => normalized(spec, r));
}

function readPayload(spec: SetupMasterSpec, payload: Record<string, unknown>): Row {
  const byWire = new Map([spec.key, spec.description, ...spec.columns].map((c) => [c.wire, c]));
  const values: Row = {};
  for (const [prop, value] of Object.entries(payload)) {
    const column = byWire.get(prop);
    if (!column) throw badRequest(READ_ONLY.includes(prop) ? `${spec.entity}.${prop} is read-only` : `${spec.entity} has no property "${prop}"`, 'ValidationFailed');
    values[column.column] = toStoredValue(column, value);
  }
  return values;
}

function checkRules(company: GpCompany, spec: SetupMasterSpec, row: Row): void {
  const id = trimmed(row[spec.key.column]);
  const fail = (number: number, description: string) => econnectError({ number, procedure: spec.procedure, description, keys: { [spec.key.column]: id } });
  for (const ref of spec.references) {
    const value = trimmed(row[ref.column]);
    if (value !== '' && !hasReference(company, ref.table, value)) throw fail(91062, `The ${ref.label} (${ref.column}) ${value} does not exist in ${ref.table}`);
  }
  const problem = spec.check?.(company, row);
  if (problem) throw fail(91063, problem);
}

function write(company: GpCompany, spec: SetupMasterSpec, row: Row, dates: { CREATDDT: string; MODIFDT: string }): Row {
  const stored = { ...row, ...dates, id: trimmed(row[spec.key.column]), description: trimmed(row[spec.description.column]) };
  setupTable(company, spec).set(normalizeKey(row[spec.key.column] as string), stored);
  return stored;
}

/** POST, or seeding with explicit dates. */
export function createSetupRow(company: GpCompany, clock: GpClock, spec: SetupMasterSpec, payload: Record<string, unknown>, created?: string): Row {
  const values = readPayload(spec, payload);
  const id = trimmed(values[spec.key.column]);
  const keys = { [spec.key.column]: id };
  if (id === '') throw econnectError({ number: 91060, procedure: spec.procedure, description: `The ${spec.key.wire} (${spec.key.column}) is empty`, keys });
  if (findSetupRow(company, spec, id)) {
    throw econnectError({ number: 91061, procedure: spec.procedure, description: `The ${spec.key.wire} (${spec.key.column}) already exists in the ${spec.tableTitle}`, keys, status: 409 });
  }
  const row = { ...blankRow([spec.key, spec.description, ...spec.columns]), ...spec.defaults, ...values };
  checkRules(company, spec, row);
  const today = created ?? clock.localDate();
  return write(company, spec, row, { CREATDDT: today, MODIFDT: today });
}

/** PATCH / a GP user saving the setup window: field-level; the id cannot change. */
export function updateSetupRow(company: GpCompany, clock: GpClock, spec: SetupMasterSpec, id: string, payload: Record<string, unknown>): Row {
  const existing = findSetupRow(company, spec, id);
  if (!existing) throw new Error(`${spec.entity} ${id} does not exist`);
  const values = readPayload(spec, payload);
  const newId = values[spec.key.column];
  if (newId !== undefined && normalizeKey(newId as string) !== normalizeKey(existing[spec.key.column] as string)) {
    throw badRequest(`${spec.entity}.${spec.key.wire} cannot be changed (it is the key of ${spec.table})`, 'ValidationFailed');
  }
  const row = { ...existing, ...values };
  checkRules(company, spec, row);
  return write(company, spec, row, { CREATDDT: existing.CREATDDT as string, MODIFDT: clock.localDate() });
}

/** Rewrites rows seeded in the `{ id, description }` shape as full rows dated `created`. */
export function upgradeReferenceRows(company: GpCompany, spec: SetupMasterSpec, created: string): void {
  const table = setupTable(company, spec);
  for (const raw of table.values()) {
    if (raw[spec.key.column] !== undefined) continue;
    write(company, spec, normalized(spec, raw), { CREATDDT: created, MODIFDT: created });
  }
}

export function setupRowToWire(spec: SetupMasterSpec, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of [spec.key, spec.description, ...spec.columns]) out[c.wire] = toWireValue(c, row[c.column]);
  out.CreatedDate = `${row.CREATDDT as string}T00:00:00`;
  out.ModifiedDate = `${row.MODIFDT as string}T00:00:00`;
  return out;
}

export function createSetupMasterResource(spec: SetupMasterSpec, opts: { modifiedDateFilter?: boolean } = {}): GpResource<Row> {
  const fields: FieldDefs<Row> = {
    [spec.key.wire]: { type: 'string', get: (r) => r[spec.key.column] as string },
    [spec.description.wire]: { type: 'string', get: (r) => r[spec.description.column] as string },
    ...(opts.modifiedDateFilter ? { ModifiedDate: { type: 'date' as const, get: (r: Row) => r.MODIFDT as string } } : {}),
  };
  return {
    path: spec.path,
    entity: spec.entity,
    keyParts: 1,
    fields,
    defaultOrder: [{ field: spec.key.wire, descending: false }],
    table(ctx) {
      const table = setupTable(ctx.company, spec);
      return {
        get version() {
          return table.version;
        },
        get: (key) => findSetupRow(ctx.company, spec, key),
        set: () => {
          throw new Error(`write ${spec.entity} through createSetupRow / updateSetupRow`);
        },
        delete: () => false,
        values: () => listSetupRows(ctx.company, spec),
        get size() {
          return table.size;
        },
      };
    },
    find: (ctx, [id]) => (id === undefined ? undefined : findSetupRow(ctx.company, spec, id)),
    toWire: (row) => setupRowToWire(spec, row),
    create: (ctx, payload) => createSetupRow(ctx.company, ctx.clock, spec, payload),
    update: (ctx, [id], payload) => updateSetupRow(ctx.company, ctx.clock, spec, id ?? '', payload),
  };
}
