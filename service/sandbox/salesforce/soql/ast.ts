/** The SOQL subset the emulator understands (see parse.ts for the grammar). */

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; ms: number; text: string }
  | { kind: 'datetime'; ms: number; text: string }
  /** TODAY, YESTERDAY, LAST_N_DAYS:n …: a range of whole days, resolved when the query runs. */
  | { kind: 'dateRange'; name: string; n?: number; text: string };

export type ComparisonOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; path: string[]; op: ComparisonOp; value: Literal; column: number }
  | { kind: 'in'; path: string[]; negated: boolean; values: Literal[]; column: number }
  | { kind: 'like'; path: string[]; pattern: string; column: number };

export interface OrderItem {
  path: string[];
  descending: boolean;
  nullsLast: boolean;
  column: number;
}

export interface SelectField {
  path: string[];
  column: number;
}

export interface SoqlQuery {
  /** Empty when the query is `SELECT COUNT() …`. */
  fields: SelectField[];
  count: boolean;
  from: string;
  fromColumn: number;
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}

/** A query the org rejects: MALFORMED_QUERY (syntax), INVALID_FIELD, INVALID_TYPE (unknown object). */
export class SoqlError extends Error {
  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE',
    message: string,
  ) {
    super(message);
  }
}
