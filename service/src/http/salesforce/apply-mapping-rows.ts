/**
 * Applying admin-edited mapping rows (Field_Mapping__c) to a flow's default mapping: a valid row replaces the
 * default entry with the same target (case-insensitively) or adds a target; a rejected row leaves that target on
 * its default and says why. Targets without a row keep their default.
 */
import type { EntityCatalog } from '../../engine/catalog.ts';
import type { FlowDefinition } from '../../engine/flow.ts';
import { checkMapping, type FieldMapping } from '../../engine/mapping.ts';
import type { TransformRegistry } from '../../engine/transforms.ts';
import { rowToFieldMapping, type MappingRow } from './mapping-rows.ts';

export interface RejectedRow {
  row: MappingRow;
  reason: string;
}

export interface AppliedRows {
  mapping: FieldMapping[];
  /** Rows that were used. */
  applied: number;
  rejected: RejectedRow[];
}

export function applyMappingRows(
  flow: FlowDefinition,
  rows: readonly MappingRow[],
  catalogs: { source: EntityCatalog | undefined; target: EntityCatalog | undefined },
  transforms: TransformRegistry,
): AppliedRows {
  const { source, target } = catalogs;
  if (!source || !target) {
    const missing = !source ? `source ${flow.source.entity}` : `target ${flow.target.entity}`;
    const reason = `the service has no field catalog for the flow's ${missing}, so rows for this flow cannot be checked and are not applied`;
    return { mapping: flow.mapping, applied: 0, rejected: rows.map((row) => ({ row, reason })) };
  }
  const ctx = { flowId: flow.id, source, target, matchField: flow.target.matchField, defaults: flow.mapping, transforms };
  const overrides = new Map<string, FieldMapping>();
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.target.trim().toLowerCase();
    if (seen.has(key)) {
      rejected.push({ row, reason: `target field "${row.target}" has more than one row; only the first is considered` });
      continue;
    }
    seen.add(key);
    const result = rowToFieldMapping(row, ctx);
    if (result.ok) overrides.set(result.mapping.target.toLowerCase(), result.mapping);
    else rejected.push({ row, reason: result.reason });
  }
  const mapping = flow.mapping.map((m) => overrides.get(m.target.toLowerCase()) ?? m);
  const defaults = new Set(flow.mapping.map((m) => m.target.toLowerCase()));
  for (const [key, m] of overrides) if (!defaults.has(key)) mapping.push(m);
  const problems = checkMapping(`flow ${flow.id}`, mapping, transforms);
  if (problems.length > 0) {
    // Each row was checked alone; a problem of the whole (should not happen) keeps the defaults, loudly.
    return { mapping: flow.mapping, applied: 0, rejected: rows.map((row) => ({ row, reason: `the mapping as a whole is invalid: ${problems.join('; ')}` })) };
  }
  return { mapping, applied: overrides.size, rejected };
}
