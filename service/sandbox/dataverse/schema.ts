/**
 * The table registry: every table the Web API serves (entity set, primary id / name, columns with their types,
 * alternate keys, the "Track changes" flag) and its choice (option set) columns. Standard tables are registered at
 * start; a "solution" adds custom columns (publisher prefix, e.g. `mlc_`) and choice values at run time, and the
 * API validates every request against what is registered now — an unknown column is the real 400.
 * FACTS §4 [V]: lookups surface as `_<name>_value`, money columns pull in `_transactioncurrencyid_value`, change
 * tracking is per table and cannot be disabled once enabled.
 */
import { randomUUID } from 'node:crypto';
import { dvError } from './errors.ts';

export type ColumnType =
  | 'uniqueidentifier'
  | 'string'
  | 'memo'
  | 'integer'
  | 'bigint'
  | 'decimal'
  | 'double'
  | 'money'
  | 'boolean'
  | 'datetime'
  | 'picklist'
  | 'state'
  | 'status'
  | 'lookup';

export interface OptionDef {
  value: number;
  label: string;
  description: string | null;
  externalValue: string | null;
  isManaged: boolean;
  labelMetadataId: string;
}

export interface LookupTarget {
  table: string;
  /** Single-valued navigation property for `@odata.bind` and `$expand` (e.g. `parentcustomerid_account`). */
  navigation: string;
}

export interface ColumnDef {
  logicalName: string;
  schemaName: string;
  type: ColumnType;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  targets?: LookupTarget[];
  /** What deleting the referenced row does to this lookup: parental relationships delete the child [C]. */
  onDelete?: 'cascade' | 'removeLink';
  options?: OptionDef[];
  optionSetMetadataId?: string;
  validForCreate: boolean;
  validForUpdate: boolean;
  /** False for write-only columns (serviceendpoint.authvalue). */
  validForRead: boolean;
  isCustom: boolean;
  metadataId: string;
}

export interface AlternateKey {
  name: string;
  attributes: string[];
}

export interface TableDef {
  logicalName: string;
  schemaName: string;
  entitySetName: string;
  objectTypeCode: number;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  columns: Map<string, ColumnDef>;
  alternateKeys: AlternateKey[];
  changeTrackingEnabled: boolean;
  /** Tables only the platform writes (asyncoperation, sdkmessage): the API refuses writes with 403. */
  readOnly: boolean;
  metadataId: string;
}

export type ColumnInput = Partial<Omit<ColumnDef, 'logicalName' | 'type' | 'metadataId' | 'options'>> & { logicalName: string; type: ColumnType; options?: Array<Partial<OptionDef> & { value: number; label: string }> };

export interface TableInput {
  logicalName: string;
  schemaName: string;
  entitySetName: string;
  objectTypeCode: number;
  primaryNameAttribute: string;
  columns: ColumnInput[];
  alternateKeys?: AlternateKey[];
  changeTrackingEnabled?: boolean;
  readOnly?: boolean;
}

export interface Schema {
  table(logicalName: string): TableDef | undefined;
  bySet(entitySetName: string): TableDef | undefined;
  tables(): TableDef[];
  addTable(input: TableInput): TableDef;
  /** A solution's custom column: the name must carry the publisher prefix (`mlc_…`). */
  addColumn(table: string, input: ColumnInput): ColumnDef;
  setChangeTracking(table: string, enabled: boolean): void;
  /** InsertOptionValue: the new value (given, or the publisher's next one). */
  insertOption(table: string, column: string, input: { value?: number; label: string; description?: string | null; externalValue?: string | null }): number;
  updateOption(table: string, column: string, input: { value: number; label?: string; description?: string | null; mergeLabels?: boolean }): void;
  readonly publisherPrefix: string;
}

/** Solution-added choice values start at prefix × 10,000 (the publisher's option value prefix, [C]). */
export interface SchemaOptions {
  publisherPrefix: string;
  optionValuePrefix: number;
}

function schemaNameOf(logicalName: string): string {
  return logicalName.replace(/(^|_)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function makeOption(o: Partial<OptionDef> & { value: number; label: string }, isManaged: boolean): OptionDef {
  return {
    value: o.value,
    label: o.label,
    description: o.description ?? null,
    externalValue: o.externalValue ?? null,
    isManaged: o.isManaged ?? isManaged,
    labelMetadataId: o.labelMetadataId ?? randomUUID(),
  };
}

function makeColumn(input: ColumnInput, isCustom: boolean): ColumnDef {
  const hasOptions = input.type === 'picklist' || input.type === 'state' || input.type === 'status';
  return {
    logicalName: input.logicalName,
    schemaName: input.schemaName ?? schemaNameOf(input.logicalName),
    type: input.type,
    maxLength: input.maxLength ?? (input.type === 'string' ? 100 : input.type === 'memo' ? 2000 : undefined),
    minValue: input.minValue,
    maxValue: input.maxValue,
    targets: input.targets,
    onDelete: input.onDelete,
    options: hasOptions ? (input.options ?? []).map((o) => makeOption(o, !isCustom)) : undefined,
    optionSetMetadataId: hasOptions ? randomUUID() : undefined,
    validForCreate: input.validForCreate ?? true,
    validForUpdate: input.validForUpdate ?? true,
    validForRead: input.validForRead ?? true,
    isCustom,
    metadataId: randomUUID(),
  };
}

export function createSchema(opts: SchemaOptions): Schema {
  const byName = new Map<string, TableDef>();
  const bySetName = new Map<string, TableDef>();
  const nextOptionValue = new Map<string, number>();

  const must = (logicalName: string): TableDef => {
    const t = byName.get(logicalName);
    if (!t) throw dvError(404, '0x80040217', `Could not find an entity with logical name '${logicalName}'.`);
    return t;
  };
  const choiceColumn = (table: string, column: string): ColumnDef => {
    const c = must(table).columns.get(column);
    if (!c?.options) throw dvError(404, '0x80040217', `Could not find a choice attribute '${column}' on entity '${table}'.`);
    return c;
  };

  return {
    publisherPrefix: opts.publisherPrefix,
    table: (n) => byName.get(n),
    bySet: (n) => bySetName.get(n),
    tables: () => [...byName.values()],
    addTable(input) {
      if (byName.has(input.logicalName)) throw new Error(`table ${input.logicalName} already registered`);
      const primaryId = `${input.logicalName}id`;
      const columns = new Map<string, ColumnDef>();
      const all: ColumnInput[] = [{ logicalName: primaryId, type: 'uniqueidentifier', validForUpdate: false }, ...input.columns];
      for (const c of all) columns.set(c.logicalName, makeColumn(c, c.isCustom === true));
      const def: TableDef = {
        logicalName: input.logicalName,
        schemaName: input.schemaName,
        entitySetName: input.entitySetName,
        objectTypeCode: input.objectTypeCode,
        primaryIdAttribute: primaryId,
        primaryNameAttribute: input.primaryNameAttribute,
        columns,
        alternateKeys: input.alternateKeys ?? [],
        changeTrackingEnabled: input.changeTrackingEnabled ?? false,
        readOnly: input.readOnly ?? false,
        metadataId: randomUUID(),
      };
      byName.set(def.logicalName, def);
      bySetName.set(def.entitySetName, def);
      return def;
    },
    addColumn(table, input) {
      const t = must(table);
      const prefix = `${opts.publisherPrefix}_`;
      if (!input.logicalName.startsWith(prefix) || !/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(input.logicalName)) {
        // [U] code/text: the maker portal refuses a custom column without the solution publisher's prefix.
        throw dvError(400, '0x80044363', `Invalid schema name '${input.logicalName}': custom column names must start with the publisher prefix '${prefix}' and use lower-case letters, digits and underscores.`);
      }
      if (t.columns.has(input.logicalName)) throw dvError(400, '0x80047013', `An attribute with the name '${input.logicalName}' already exists on entity '${table}'.`);
      if (input.type === 'lookup' && (!input.targets || input.targets.some((x) => !byName.has(x.table)))) {
        throw dvError(400, '0x80040203', `Lookup column '${input.logicalName}' needs targets naming registered tables.`);
      }
      const def = makeColumn({ ...input, isCustom: true }, true);
      t.columns.set(def.logicalName, def);
      return def;
    },
    setChangeTracking(table, enabled) {
      const t = must(table);
      // FACTS §4 [V]: once enabled, change tracking cannot be disabled.
      if (t.changeTrackingEnabled && !enabled) throw dvError(400, '0x800609A1', `Change tracking cannot be disabled for entity '${table}' once it is enabled.`);
      t.changeTrackingEnabled = enabled;
    },
    insertOption(table, column, input) {
      const c = choiceColumn(table, column);
      const options = c.options as OptionDef[];
      const key = `${table}.${column}`;
      let value = input.value;
      if (value === undefined) {
        value = nextOptionValue.get(key) ?? opts.optionValuePrefix * 10_000;
        while (options.some((o) => o.value === value)) value += 1;
      }
      if (!Number.isInteger(value)) throw dvError(400, '0x80040203', `Value must be a whole number, got ${String(value)}.`);
      if (options.some((o) => o.value === value)) {
        // [U] code; the platform refuses a second option with the same value.
        throw dvError(400, '0x80048403', `An option with the value ${value} already exists on the attribute '${column}' of entity '${table}'.`);
      }
      options.push(makeOption({ value, label: input.label, description: input.description ?? null, externalValue: input.externalValue ?? null }, false));
      nextOptionValue.set(key, value + 1);
      return value;
    },
    updateOption(table, column, input) {
      const c = choiceColumn(table, column);
      const option = (c.options as OptionDef[]).find((o) => o.value === input.value);
      if (!option) throw dvError(404, '0x80040217', `Option value ${input.value} does not exist on the attribute '${column}' of entity '${table}'.`);
      if (input.label !== undefined) option.label = input.label;
      if (input.description !== undefined) option.description = input.description;
    },
  };
}
