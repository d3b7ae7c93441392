import { Hono } from 'hono';
import type { SandboxDeps, SandboxEnv } from '../context.ts';
import { httpError } from '../save-error.ts';
import { SoqlError } from '../soql/ast.ts';
import { executeSoql } from '../soql/execute.ts';
import { parseSoql } from '../soql/parse.ts';

const MIN_BATCH_SIZE = 200;
const MAX_BATCH_SIZE = 2000;

/** `Sforce-Query-Options: batchSize=n` (200–2000) asks for smaller batches; the org may still return fewer. */
function requestedBatchSize(header: string | undefined, fallback: number): number {
  const m = /batchSize=(\d+)/i.exec(header ?? '');
  if (!m) return fallback;
  return Math.min(Math.max(Number(m[1]), MIN_BATCH_SIZE), MAX_BATCH_SIZE, fallback);
}

/**
 * `GET /query?q=` and `GET /query/{locator}-{position}`: `{totalSize, done, nextRecordsUrl?, records}`;
 * `totalSize` counts the whole result, `nextRecordsUrl` is followed unchanged until `done` (FACTS 1.3 #13).
 */
export function createQueryRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });

  const page = (apiVersion: string, locator: string, position: number, total: number, batch: Array<Record<string, unknown>>) => {
    const nextPosition = position + batch.length;
    const done = nextPosition >= total;
    return done
      ? { totalSize: total, done: true, records: batch }
      : { totalSize: total, done: false, nextRecordsUrl: `/services/data/v${apiVersion}/query/${locator}-${nextPosition}`, records: batch };
  };

  app.get('/', (c) => {
    const soql = c.req.query('q');
    if (soql === undefined) throw httpError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    let result;
    try {
      result = executeSoql(deps.store, parseSoql(soql), { now: deps.now(), apiVersion: c.get('apiVersion') });
    } catch (err) {
      if (err instanceof SoqlError) throw httpError(400, err.errorCode, err.message);
      throw err;
    }
    const batchSize = requestedBatchSize(c.req.header('sforce-query-options'), deps.settings.queryBatchSize);
    if (result.records.length <= batchSize) {
      return c.json({ totalSize: result.totalSize, done: true, records: result.records });
    }
    const locator = deps.cursors.open(result.records, batchSize);
    return c.json(page(c.get('apiVersion'), locator, 0, result.totalSize, result.records.slice(0, batchSize)));
  });

  app.get('/:cursor', (c) => {
    const m = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(c.req.param('cursor'));
    const batch = m ? deps.cursors.read(m[1] as string, Number(m[2])) : undefined;
    if (!m || !batch) throw httpError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return c.json(page(c.get('apiVersion'), m[1] as string, Number(m[2]), batch.total, batch.records));
  });

  return app;
}
