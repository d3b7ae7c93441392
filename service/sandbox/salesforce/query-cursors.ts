import { randomBytes } from 'node:crypto';

/** Server-side query cursors behind `nextRecordsUrl` (`/services/data/vXX.X/query/01g…-2000`, FACTS 1.2). */
export interface QueryCursors {
  open(records: Array<Record<string, unknown>>, batchSize: number): string;
  /** Records of the batch starting at `position`, or undefined for an unknown / expired locator. */
  read(locator: string, position: number): { records: Array<Record<string, unknown>>; total: number; batchSize: number } | undefined;
}

const MAX_OPEN_CURSORS = 50;
const LOCATOR_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function createQueryCursors(): QueryCursors {
  const cursors = new Map<string, { records: Array<Record<string, unknown>>; batchSize: number }>();
  return {
    open(records, batchSize) {
      const locator = `01g${[...randomBytes(15)].map((b) => LOCATOR_ALPHABET.charAt(b % 62)).join('')}`;
      cursors.set(locator, { records, batchSize });
      // Orgs cap the open cursors per user; the oldest is dropped first.
      if (cursors.size > MAX_OPEN_CURSORS) cursors.delete(cursors.keys().next().value as string);
      return locator;
    },
    read(locator, position) {
      const cursor = cursors.get(locator);
      if (!cursor || position < 0 || position > cursor.records.length) return undefined;
      return {
        records: cursor.records.slice(position, position + cursor.batchSize),
        total: cursor.records.length,
        batchSize: cursor.batchSize,
      };
    },
  };
}
