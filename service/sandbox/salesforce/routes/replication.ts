import { Hono } from 'hono';
import type { SandboxDeps, SandboxEnv } from '../context.ts';
import { formatSfDateTime, parseSfDateTime, truncateToMinute } from '../dates.ts';
import { httpError } from '../save-error.ts';
import { requireSchema } from './resolve.ts';

const MS_PER_DAY = 86_400_000;

/**
 * `GET /sobjects/{SObject}/updated/?start&end` and `/deleted/` (FACTS 1.2, 1.3 #12): minute granularity
 * (seconds ignored), at most 30 days back, `latestDateCovered` = where the next window starts. Error codes
 * for bad windows are [U].
 */
export function createReplicationRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });

  function window(start: string | undefined, end: string | undefined): { startMs: number; endMs: number; latestMs: number } {
    const startRaw = start === undefined ? undefined : parseSfDateTime(start);
    const endRaw = end === undefined ? undefined : parseSfDateTime(end);
    if (startRaw === undefined || endRaw === undefined) {
      throw httpError(400, 'INVALID_REPLICATION_DATE', 'start and end must be ISO 8601 dateTimes');
    }
    const now = deps.now();
    const startMs = truncateToMinute(startRaw);
    const endMs = truncateToMinute(endRaw);
    if (startMs < now - deps.settings.replicationWindowDays * MS_PER_DAY) {
      throw httpError(400, 'INVALID_REPLICATION_DATE', `startDate cannot be more than ${deps.settings.replicationWindowDays} days ago`);
    }
    if (endMs <= startMs) throw httpError(400, 'INVALID_REPLICATION_DATE', 'EndDate must be after StartDate');
    return { startMs, endMs, latestMs: Math.min(endMs, truncateToMinute(now)) };
  }

  function tooMany(n: number): void {
    if (n > deps.settings.maxReplicationIds) {
      throw httpError(400, 'EXCEEDED_ID_LIMIT', `The number of ids returned exceeds ${deps.settings.maxReplicationIds}; narrow the window`);
    }
  }

  app.get('/:sobject/updated', (c) => {
    const schema = requireSchema(deps, c.req.param('sobject'));
    const { startMs, latestMs } = window(c.req.query('start'), c.req.query('end'));
    const ids = deps.store
      .list(schema.name)
      .filter((r) => {
        const stamp = parseSfDateTime(String(r.SystemModstamp ?? r.LastModifiedDate));
        return stamp !== undefined && stamp >= startMs && stamp < latestMs;
      })
      .map((r) => r.Id);
    tooMany(ids.length);
    return c.json({ ids, latestDateCovered: formatSfDateTime(latestMs) });
  });

  app.get('/:sobject/deleted', (c) => {
    const schema = requireSchema(deps, c.req.param('sobject'));
    const { startMs, latestMs } = window(c.req.query('start'), c.req.query('end'));
    const deleted = deps.store.deletedBetween(schema.name, startMs, latestMs);
    tooMany(deleted.length);
    return c.json({
      deletedRecords: deleted.map((d) => ({ id: d.id, deletedDate: formatSfDateTime(d.deletedAt) })),
      earliestDateAvailable: formatSfDateTime(truncateToMinute(deps.now() - deps.settings.replicationWindowDays * MS_PER_DAY)),
      latestDateCovered: formatSfDateTime(latestMs),
    });
  });

  return app;
}
