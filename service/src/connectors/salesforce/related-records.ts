/**
 * Child records of many parents at once, for a flow's `source.include` (an Order's OrderItems, an Account's
 * Contacts): one SOQL `WHERE <parentField> IN (…)` per chunk of parent ids, ordered by CreatedDate then Id so the
 * order of children (and so the mapped content hash) is stable. Names are qualified with the connection's namespace.
 */
import { ConnectorError } from '../../lib/errors.ts';
import type { ConnectionRuntime } from '../../engine/connections.ts';
import type { SalesforceClient } from './client.ts';
import { isSalesforceId } from './feeds/record-reader.ts';

export type RelatedRecordsReader = NonNullable<ConnectionRuntime['related']>;

/** Parent ids per query: keeps the SOQL well under the URL limit (18-character ids). */
const PARENTS_PER_QUERY = 200;
const NAME_RE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
/** Compound fields cannot be selected next to their parts; the parts are read instead. */
const COMPOUND_TYPES = new Set(['address', 'location']);

function checkName(name: string, what: string): void {
  if (!NAME_RE.test(name)) throw new ConnectorError('validation', `related records: ${what} "${name}" is not a field or object name`, { code: 'INVALID_NAME' });
}

export function createRelatedRecordsReader(client: SalesforceClient): RelatedRecordsReader {
  const described = new Map<string, Promise<string[]>>();

  function fieldsOf(sobject: string): Promise<string[]> {
    let cached = described.get(sobject);
    if (!cached) {
      cached = client.describe(sobject).then((d) => d.fields.filter((f) => !COMPOUND_TYPES.has(f.type)).map((f) => f.name));
      cached.catch(() => described.delete(sobject));
      described.set(sobject, cached);
    }
    return cached;
  }

  return async (entity, parentField, parentIds, fields) => {
    checkName(entity, 'entity');
    checkName(parentField, 'parent field');
    for (const f of fields ?? []) checkName(f, 'field');
    const sobject = client.names.qualify(entity);
    const parent = client.names.qualify(parentField);
    const selected = fields?.length ? [...new Set(['Id', parent, ...fields.map((f) => client.names.qualify(f))])] : await fieldsOf(sobject);
    if (!selected.includes(parent)) selected.push(parent);
    const byParent = new Map<string, Record<string, unknown>[]>();
    const ids = [...new Set(parentIds)].filter(isSalesforceId);
    for (let i = 0; i < ids.length; i += PARENTS_PER_QUERY) {
      const chunk = ids.slice(i, i + PARENTS_PER_QUERY);
      const soql = `SELECT ${selected.join(', ')} FROM ${sobject} WHERE ${parent} IN (${chunk.map((id) => `'${id}'`).join(', ')}) ORDER BY CreatedDate ASC, Id ASC`;
      for await (const record of client.query<Record<string, unknown>>(soql)) {
        const { attributes: _attributes, ...row } = record;
        const parentId = String(row[parent] ?? '');
        // Parents may be named by 15- or 18-character ids; children always carry the 18-character form.
        const key = chunk.find((id) => id === parentId || id === parentId.slice(0, 15)) ?? parentId;
        byParent.set(key, [...(byParent.get(key) ?? []), row]);
      }
    }
    return byParent;
  };
}
