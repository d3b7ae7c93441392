/**
 * The account framework and its segment descriptions: SY00300 (one row per segment: SGMTNUMB, SGMTNAME, LOFSGMNT)
 * and GL40200 (segment values with a description: SGMTNUMB, SGMNTID char(67), DSCRIPTN char(31); it carries
 * DEX_ROW_TS [V] DDL). Fabrikam's framework is 3-4-2 (GP-DOMAIN §1 [V]); the segment names — 1 Division,
 * 2 Main Account, 3 Department (the cost centre) — and every value below are fill-ins [U].
 * Exposed read-only as `Financials/AccountSegments(<SegmentNumber>;<SegmentId>)` [U path] so a client can check
 * that a cost centre exists before it writes a document against it; a GP user adds one in Account Segment Setup
 * (`addAccountSegment`, sandbox-only).
 */
import { normalizeKey, padChar, toWireValue, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { badRequest } from '../sba-error.ts';

export const SEGMENT_FORMAT_TABLE = 'SY00300';
export const SEGMENT_TABLE = 'GL40200';
const SGMNTID_WIDTH = 67;
const DSCRIPTN_WIDTH = 31;
const DSCRIPTN_MAX = 30;

export const ACCOUNT_FRAMEWORK: Array<{ number: number; name: string; length: number }> = [
  { number: 1, name: 'Division', length: 3 },
  { number: 2, name: 'Main Account', length: 4 },
  { number: 3, name: 'Department', length: 2 },
];

export const segmentKey = (segment: number, id: string) => `${segment}|${normalizeKey(id)}`;

export function seedAccountFramework(company: GpCompany): void {
  for (const s of ACCOUNT_FRAMEWORK) {
    company.table<Row>(SEGMENT_FORMAT_TABLE).set(String(s.number), { SGMTNUMB: s.number, SGMTNAME: padChar(s.name, 31), LOFSGMNT: s.length });
  }
}

function segmentFormat(company: GpCompany, segment: number): Row | undefined {
  return company.table<Row>(SEGMENT_FORMAT_TABLE).get(String(segment));
}

/** Account Segment Setup: adds or renames a segment value. */
export function addAccountSegment(company: GpCompany, clock: GpClock, segment: number, id: string, description: string): Row {
  const format = segmentFormat(company, segment);
  if (!format) throw badRequest(`segmentNumber must be one of the account framework's segments (1..${company.table<Row>(SEGMENT_FORMAT_TABLE).size})`, 'ValidationFailed');
  const value = id.trim().toUpperCase();
  if (value === '' || value.length > (format.LOFSGMNT as number)) {
    throw badRequest(`The segment ID (SGMNTID) of segment ${segment} (${(format.SGMTNAME as string).trimEnd()}) must be 1 to ${format.LOFSGMNT as number} characters; got "${id}"`, 'ValidationFailed');
  }
  if (description.trim().length > DSCRIPTN_MAX) throw badRequest(`The description (DSCRIPTN) is at most ${DSCRIPTN_MAX} characters`, 'ValidationFailed');
  const row: Row = { SGMTNUMB: segment, SGMNTID: padChar(value, SGMNTID_WIDTH), DSCRIPTN: padChar(description.trim(), DSCRIPTN_WIDTH), DEX_ROW_TS: clock.rowTimestamp() };
  company.table<Row>(SEGMENT_TABLE).set(segmentKey(segment, value), row);
  return row;
}

export function findAccountSegment(company: GpCompany, segment: number, id: string): Row | undefined {
  return company.table<Row>(SEGMENT_TABLE).get(segmentKey(segment, id));
}

/** A GL40200 row with its segment's name and length (SY00300) joined in. */
export function describeSegment(company: GpCompany, r: Row): Row {
  const format = segmentFormat(company, r.SGMTNUMB as number);
  return { ...r, SGMTNAME: (format?.SGMTNAME as string | undefined) ?? '', LOFSGMNT: (format?.LOFSGMNT as number | undefined) ?? 0 };
}

function view(company: GpCompany): GpTable<Row> {
  const table = company.table<Row>(SEGMENT_TABLE);
  const withName = (r: Row) => describeSegment(company, r);
  return {
    get version() {
      return table.version;
    },
    get: (key) => {
      const r = table.get(key);
      return r && withName(r);
    },
    set: () => {
      throw new Error('account segments are read-only through the GP Service');
    },
    delete: () => false,
    values: () => table.values().map(withName),
    get size() {
      return table.size;
    },
  };
}

const FIELDS: FieldDefs<Row> = {
  SegmentNumber: { type: 'number', get: (r) => r.SGMTNUMB as number },
  SegmentName: { type: 'string', get: (r) => r.SGMTNAME as string },
  SegmentId: { type: 'string', get: (r) => r.SGMNTID as string },
  Description: { type: 'string', get: (r) => r.DSCRIPTN as string },
  LastModifiedDate: { type: 'datetime', get: (r) => r.DEX_ROW_TS as number },
};

export const accountSegmentsResource: GpResource<Row> = {
  path: 'Financials/AccountSegments',
  entity: 'AccountSegment',
  keyParts: 2,
  fields: FIELDS,
  defaultOrder: [
    { field: 'SegmentNumber', descending: false },
    { field: 'SegmentId', descending: false },
  ],
  table: (ctx) => view(ctx.company),
  find: (ctx, [segment, id]) => (Number.isInteger(Number(segment)) ? view(ctx.company).get(segmentKey(Number(segment), id ?? '')) : undefined),
  toWire: (r) => ({
    SegmentNumber: r.SGMTNUMB,
    SegmentName: r.SGMTNAME,
    SegmentLength: r.LOFSGMNT,
    SegmentId: r.SGMNTID,
    Description: r.DSCRIPTN,
    LastModifiedDate: toWireValue({ kind: 'timestamp', wire: '', column: '', readOnly: true }, r.DEX_ROW_TS),
  }),
};
