import type { Dml } from './dml.ts';
import type { ChangeListener, RecordStore, SfRecord } from './record-store.ts';
import type { SaveError } from './save-error.ts';
import type { IndexedSObjectSchema } from './schema/object-schema.ts';

/**
 * Direct record access for tests and demo seeding. Writes go through the same validation as the API (so
 * seeded data is data Salesforce would accept) but do not count against API usage.
 */
export interface SandboxRecords {
  create(sobject: string, fields: Record<string, unknown>): SfRecord;
  /** Creates all records in one transaction; any failure creates none. */
  createMany(sobject: string, rows: Array<Record<string, unknown>>): SfRecord[];
  update(sobject: string, id: string, fields: Record<string, unknown>): SfRecord;
  delete(sobject: string, id: string): void;
  undelete(sobject: string, id: string): void;
  get(sobject: string, id: string): SfRecord | undefined;
  list(sobject: string): SfRecord[];
  count(sobject: string): number;
  findByField(sobject: string, field: string, value: unknown): SfRecord[];
  onChange(listener: ChangeListener): () => void;
}

function describeErrors(errors: SaveError[]): string {
  return errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ');
}

export function createSandboxRecords(store: RecordStore, dml: Dml): SandboxRecords {
  const schemaOf = (sobject: string): IndexedSObjectSchema => {
    const schema = store.registry.get(sobject);
    if (!schema) throw new Error(`unknown sObject '${sobject}'`);
    return schema;
  };
  const must = (record: SfRecord | undefined, what: string): SfRecord => {
    if (!record) throw new Error(`${what} not found`);
    return record;
  };
  const records: SandboxRecords = {
    create: (sobject, fields) => records.createMany(sobject, [fields])[0] as SfRecord,
    createMany(sobject, rows) {
      const schema = schemaOf(sobject);
      const ids = store.transaction(
        (tx) =>
          rows.map((row, i) => {
            const outcome = dml.insert(tx, schema, row);
            if (!outcome.ok) throw new Error(`${schema.name} #${i}: ${describeErrors(outcome.errors)}`);
            return outcome.id;
          }),
        { origin: 'com/salesforce/api/sandbox' },
      );
      return ids.map((id) => must(store.get(schema.name, id), id));
    },
    update(sobject, id, fields) {
      const schema = schemaOf(sobject);
      store.transaction((tx) => {
        const outcome = dml.update(tx, schema, id, fields);
        if (!outcome.ok) throw new Error(`${schema.name} ${id}: ${describeErrors(outcome.errors)}`);
      });
      return must(store.get(schema.name, id), id);
    },
    delete(sobject, id) {
      store.transaction((tx) => tx.delete(schemaOf(sobject).name, id));
    },
    undelete(sobject, id) {
      store.transaction((tx) => tx.undelete(schemaOf(sobject).name, id));
    },
    get: (sobject, id) => store.get(sobject, id),
    list: (sobject) => store.list(schemaOf(sobject).name).map((r) => ({ ...r })),
    count: (sobject) => store.count(schemaOf(sobject).name),
    findByField: (sobject, field, value) =>
      store.findByField(schemaOf(sobject).name, field, value).map((id) => must(store.get(sobject, id), id)),
    onChange: (listener) => store.onChange(listener),
  };
  return records;
}
