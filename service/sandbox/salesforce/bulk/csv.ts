/**
 * CSV as Bulk API 2.0 reads and writes it (RFC 4180 with the job's delimiter and line ending).
 *
 * Facts ([V] = seen in Salesforce's "Prepare CSV Files" / "Valid CSV Record Rows" pages, [C] = seen in
 * several captured responses, [U] = assumed):
 * - Delimiters BACKQUOTE ` CARET ^ COMMA , PIPE | SEMICOLON ; TAB; line endings LF and CRLF; defaults COMMA, LF. [V]
 * - A value holding the delimiter, a line break or a double quote is enclosed in double quotes; a quote inside
 *   is doubled. Values are not trimmed; a space before or after a quote is an error. [V]
 * - Data whose line endings do not match the job's fails the job with
 *   `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF`. [C]
 * - A stray quote fails with `InvalidBatch : Failed to parse CSV. Found unescaped quote. A value with quote
 *   should be within a quote` [U: the wording of Salesforce's own CSV reader, not seen from the API].
 */

export type ColumnDelimiter = 'BACKQUOTE' | 'CARET' | 'COMMA' | 'PIPE' | 'SEMICOLON' | 'TAB';
export type LineEnding = 'LF' | 'CRLF';

export const COLUMN_DELIMITERS: Record<ColumnDelimiter, string> = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
};

/** A CSV the job cannot read; `message` is the job's errorMessage. */
export class CsvFormatError extends Error {}

const UNESCAPED_QUOTE = 'InvalidBatch : Failed to parse CSV. Found unescaped quote. A value with quote should be within a quote';

function lineEndingError(setting: LineEnding): CsvFormatError {
  return new CsvFormatError(`ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${setting}`);
}

/**
 * Parses CSV text into rows of raw string values. Throws CsvFormatError for a stray quote or line endings that
 * do not match the job's. A final line ending is optional; blank lines are skipped.
 */
export function parseCsv(text: string, opts: { delimiter: ColumnDelimiter; lineEnding: LineEnding }): string[][] {
  const delimiter = COLUMN_DELIMITERS[opts.delimiter];
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  /** The current value was quoted and its closing quote has been read: only a delimiter or line end may follow. */
  let closed = false;
  const endValue = (): void => {
    row.push(value);
    value = '';
    closed = false;
  };
  const endRow = (): void => {
    endValue();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === delimiter) {
      endValue();
      i += 1;
    } else if (ch === '\r') {
      if (text.charAt(i + 1) !== '\n' || opts.lineEnding !== 'CRLF') throw lineEndingError(opts.lineEnding);
      endRow();
      i += 2;
    } else if (ch === '\n') {
      if (opts.lineEnding !== 'LF') throw lineEndingError(opts.lineEnding);
      endRow();
      i += 1;
    } else if (closed || (ch === '"' && value !== '')) {
      throw new CsvFormatError(UNESCAPED_QUOTE);
    } else if (ch === '"') {
      // A quoted value runs to the closing quote; "" is a literal quote; line breaks inside are data.
      i += 1;
      for (;;) {
        if (i >= text.length) throw new CsvFormatError(UNESCAPED_QUOTE);
        const q = text.charAt(i);
        i += 1;
        if (q !== '"') value += q;
        else if (text.charAt(i) === '"') {
          value += '"';
          i += 1;
        } else break;
      }
      closed = true;
    } else {
      value += ch;
      i += 1;
    }
  }
  if (value !== '' || closed || row.length > 0) endRow();
  return rows;
}

/** One CSV line (no line ending) with every value quoted and quotes doubled: the shape of result rows. [C] */
export function formatQuotedRow(values: readonly string[], delimiter: ColumnDelimiter): string {
  return values.map((v) => `"${v.replace(/"/g, '""')}"`).join(COLUMN_DELIMITERS[delimiter]);
}

/** One CSV line quoting only the values that need it (the client's own header names, as sent). */
export function formatPlainRow(values: readonly string[], delimiter: ColumnDelimiter): string {
  const sep = COLUMN_DELIMITERS[delimiter];
  return values.map((v) => (v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(sep);
}

export const LINE_ENDINGS: Record<LineEnding, string> = { LF: '\n', CRLF: '\r\n' };
