/** Desired sales document lines: validated, comparable with what BC holds, and turned into line bodies. */
import { ConnectorError } from '../../../lib/errors.ts';
import type { BcSalesLine } from '../entities.ts';
import { WRITABLE_FIELDS } from '../entities.ts';
import { checkWritable, createBody } from './write-helpers.ts';

export interface DesiredLine {
  lineType: 'Item' | 'Comment';
  /** Item No. (upper-case) for Item lines. */
  itemNumber?: string;
  fields: Record<string, unknown>;
}

/** BC numbers lines 10000, 20000, …; we set it so the order of lines never depends on batch execution order. */
const SEQUENCE_STEP = 10_000;

export function prepareLines(raw: unknown, linesField: string): DesiredLine[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ConnectorError('validation', `${linesField} must be a non-empty list of lines (lineObjectNumber = item No., quantity)`, { fields: [linesField] });
  }
  return raw.map((line, i) => {
    const where = `${linesField}[${i}]`;
    if (line === null || typeof line !== 'object' || Array.isArray(line)) throw new ConnectorError('validation', `${where} is not an object`, { fields: [linesField] });
    const fields = { ...(line as Record<string, unknown>) };
    checkWritable(fields, WRITABLE_FIELDS.salesLines, where);
    const lineType = fields.lineType ?? (fields.lineObjectNumber !== undefined ? 'Item' : 'Comment');
    if (lineType !== 'Item' && lineType !== 'Comment') throw new ConnectorError('validation', `${where}.lineType must be Item or Comment, got "${String(lineType)}"`, { fields: [linesField] });
    if (lineType === 'Comment') return { lineType, fields: { ...fields, lineType } };
    if (typeof fields.lineObjectNumber !== 'string' || fields.lineObjectNumber.trim() === '') {
      throw new ConnectorError('validation', `${where}.lineObjectNumber (the BC item No.) is empty`, { fields: [linesField] });
    }
    if (typeof fields.quantity !== 'number' || !(fields.quantity > 0)) {
      throw new ConnectorError('validation', `${where}.quantity must be a positive number, got ${JSON.stringify(fields.quantity)}`, { fields: [linesField] });
    }
    const itemNumber = fields.lineObjectNumber.trim().toUpperCase();
    return { lineType, itemNumber, fields: { ...fields, lineType, lineObjectNumber: itemNumber } };
  });
}

export function lineBodies(lines: DesiredLine[]): Array<Record<string, unknown>> {
  return lines.map((l, i) => ({ ...createBody(l.fields), sequence: (i + 1) * SEQUENCE_STEP }));
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  if (typeof a === 'string' && typeof b === 'string') return a.toUpperCase() === b.toUpperCase();
  return a === b;
}

/** True if BC's lines already are the desired lines (every property we set, in order). */
export function linesMatch(existing: BcSalesLine[], desired: DesiredLine[]): boolean {
  const sorted = [...existing].sort((a, b) => a.sequence - b.sequence);
  if (sorted.length !== desired.length) return false;
  return desired.every((d, i) => {
    const have = sorted[i] as unknown as Record<string, unknown>;
    return Object.entries(d.fields).every(([k, v]) => v === null || v === undefined || same(have[k], v));
  });
}
