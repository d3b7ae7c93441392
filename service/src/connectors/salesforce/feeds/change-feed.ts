import { ConnectorError } from '../../../lib/errors.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { ChangeFeed, FeedPage, SourceChange } from '../../../engine/types.ts';
import type { SalesforceAuth } from '../auth.ts';
import type { SalesforceClient } from '../client.ts';
import { createChannelStream, type ChannelStream } from './channel-stream.ts';
import { sameCursor, type SalesforceCdcCursor } from './cursor.ts';
import type { CdcEvent } from './decode-event.ts';
import { pollForFallback, type FallbackReason, type FallbackReport } from './fallback-poll.ts';
import { parseChangeFeedOptions, type ChangeFeedOptions, type ChangeFeedOptionsInput } from './feed-options.ts';
import { openPubSubConnection, type PubSubConnection, type PubSubConnectionOptions, type ReplayStart } from './pubsub-connection.ts';
import { createRecordReader, isSalesforceId, type RecordReader } from './record-reader.ts';
import { replayIdFromBase64, replayIdToBase64 } from './replay-id.ts';
import { changeFromEvent, dedupeById } from './source-changes.ts';

export interface SalesforceChangeFeedDeps {
  /** REST client for re-reads and fallback polls; its auth is the one the stream uses unless `auth` is given. */
  client: SalesforceClient;
  auth: SalesforceAuth;
  logger: Logger;
  now?: () => number;
  openConnection?: (opts: PubSubConnectionOptions) => Promise<PubSubConnection>;
  /** Called once per fallback poll: the engine turns it into an audit row with outcome `fallback`. */
  onFallback?: (report: FallbackReport) => void;
}

export interface SalesforceChangeFeed extends ChangeFeed<SalesforceCdcCursor> {
  readonly channel: string;
  /** Fallback polls done so far (newest last). */
  fallbacks(): FallbackReport[];
  stats(): { buffered: number; connects: number; silentReconnects: number; received: number; requested: number[] };
  /** Ends the subscription and releases every connection. */
  close(): Promise<void>;
}

type Entry = { kind: 'event'; event: CdcEvent } | { kind: 'position'; replayId: string };

interface PendingFallback {
  changes: SourceChange[];
  served: number;
  /** The cursor whose replay was refused: pages before the last one keep it, so a crash redoes the poll. */
  trigger: SalesforceCdcCursor | null;
  final: SalesforceCdcCursor;
}

const entryReplayId = (e: Entry): string => (e.kind === 'event' ? e.event.replayId : e.replayId);

/**
 * The Salesforce change feed (CDC over the Pub/Sub API) as a `ChangeFeed`:
 * - events are buffered as they arrive and handed out from the cursor; an event stays buffered until a later
 *   read() passes a cursor past it (the engine passes a cursor only once it is durable), so a failed page is
 *   served again and a restart resubscribes with CUSTOM replay from the stored replay id (FACTS 1.3 #1);
 * - every event's records are re-read through REST (one SOQL per entity per page), so the engine gets complete
 *   current records (FACTS 1.3 #6) and GAP_* events (header only) need nothing special (FACTS 1.3 #7);
 * - a rejected/stale replay id, or a GAP_OVERFLOW, falls back to polling from the last durable commit timestamp,
 *   then continues from LATEST, and is reported through `onFallback`.
 */
export function createSalesforceChangeFeed(input: ChangeFeedOptionsInput, deps: SalesforceChangeFeedDeps): SalesforceChangeFeed {
  const opts: ChangeFeedOptions = parseChangeFeedOptions(input);
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'salesforce-change-feed', channel: opts.channel });
  const reader: RecordReader = createRecordReader(deps.client, { fields: opts.fields });
  const wanted = new Map(opts.entities.map((e) => [deps.client.names.qualify(e).toLowerCase(), e]));
  const reports: FallbackReport[] = [];

  let entries: Entry[] = [];
  /** Replay id just before entries[0] (null: the stream started at LATEST/EARLIEST or after a fallback). */
  let anchor: string | null = null;
  let subscribed = false;
  /** Last position the stream reached (event or keepalive), where a reconnect resumes. */
  let streamPosition: ReplayStart = { preset: opts.initialReplay };
  let caughtUp: number | null = null;
  let fallback: PendingFallback | undefined;

  const stream: ChannelStream = createChannelStream(
    {
      channel: opts.channel,
      endpoint: opts.pubsubEndpoint,
      caPem: opts.caPem,
      numRequested: opts.numRequested,
      maxBufferedEvents: opts.maxBufferedEvents,
      silenceTimeoutMs: opts.silenceTimeoutMs,
      reconnectDelaysMs: opts.reconnectDelaysMs,
      maxParseFailures: opts.maxParseFailures,
    },
    {
      auth: deps.auth,
      logger: deps.logger,
      now,
      openConnection: deps.openConnection ?? openPubSubConnection,
      resumePoint: () => streamPosition,
      bufferedEvents: () => entries.length,
      onEvent(event) {
        caughtUp = null;
        entries.push({ kind: 'event', event });
        const n = replayIdFromBase64(event.replayId);
        if (n !== undefined) streamPosition = { preset: 'CUSTOM', replayId: n };
      },
      onCaughtUp(latest) {
        caughtUp = latest;
        streamPosition = { preset: 'CUSTOM', replayId: latest };
      },
    },
  );

  function cursorWith(replayId: string | null, lastCommitTimestamp: number | null): SalesforceCdcCursor {
    return { channel: opts.channel, replayId, lastCommitTimestamp };
  }

  /** Drops what `cursor` acknowledges; false if the cursor is not a position of the current stream. */
  function acknowledge(cursor: SalesforceCdcCursor | null): boolean {
    const replayId = cursor?.replayId ?? null;
    if (replayId === anchor) return true;
    const index = entries.findIndex((e) => entryReplayId(e) === replayId);
    if (index < 0) return false;
    entries = entries.slice(index + 1);
    anchor = replayId;
    return true;
  }

  async function subscribeFrom(cursor: SalesforceCdcCursor | null): Promise<void> {
    entries = [];
    caughtUp = null;
    fallback = undefined;
    subscribed = true;
    const replayId = cursor?.replayId ?? null;
    const numeric = replayId === null ? undefined : replayIdFromBase64(replayId);
    anchor = replayId;
    streamPosition = numeric !== undefined ? { preset: 'CUSTOM', replayId: numeric } : { preset: opts.initialReplay };
    if (replayId !== null && numeric === undefined) return startFallback(cursor, 'replay-rejected');
    if (replayId === null && cursor?.lastCommitTimestamp != null) return startFallback(cursor, 'resume-without-replay-id');
    await stream.open(streamPosition);
    await stream.waitForActivity(opts.settleMs);
  }

  async function startFallback(cursor: SalesforceCdcCursor | null, reason: FallbackReason, signal?: AbortSignal): Promise<void> {
    // Subscribe at LATEST first, then poll: anything committed after the poll arrives as an event (duplicates are harmless).
    entries = [];
    anchor = null;
    caughtUp = null;
    streamPosition = { preset: 'LATEST' };
    await stream.open(streamPosition);
    await stream.waitForActivity(opts.settleMs);
    const untilMs = now();
    const sinceMs = cursor?.lastCommitTimestamp == null ? null : cursor.lastCommitTimestamp - opts.fallbackOverlapMs;
    const { changes, report } = await pollForFallback(reader, { channel: opts.channel, reason, entities: opts.entities, sinceMs, untilMs, signal });
    fallback = { changes: dedupeById(changes), served: 0, trigger: cursor, final: cursorWith(null, untilMs) };
    record(report);
  }

  function record(report: FallbackReport): void {
    reports.push(report);
    log.warn({ reason: report.reason, records: report.records, deleted: report.deleted, deletesKnown: report.deletesKnown }, report.message);
    deps.onFallback?.(report);
  }

  function serveFallback(pending: PendingFallback, pageSize: number): FeedPage<SalesforceCdcCursor> {
    const changes = pending.changes.slice(pending.served, pending.served + pageSize);
    pending.served += changes.length;
    const last = pending.served >= pending.changes.length;
    const fallbackCursor = last ? pending.final : (pending.trigger ?? cursorWith(null, null));
    return { changes, cursor: fallbackCursor, hasMore: !last || entries.length > 0, requestIds: [] };
  }

  async function servePage(cursor: SalesforceCdcCursor | null, pageSize: number, signal?: AbortSignal): Promise<FeedPage<SalesforceCdcCursor>> {
    if (caughtUp !== null) {
      // A keepalive while events were owed: every event up to it was delivered, so its position is a safe cursor.
      const position = replayIdToBase64(caughtUp);
      const last = entries[entries.length - 1];
      if (!last || entryReplayId(last) !== position) entries.push({ kind: 'position', replayId: position });
      caughtUp = null;
    }
    const taken: Entry[] = [];
    let records = 0;
    for (const entry of entries) {
      if (records >= pageSize) break;
      taken.push(entry);
      if (entry.kind === 'event') records += Math.max(1, entry.event.header.recordIds.length);
    }
    let lastCommit = cursor?.lastCommitTimestamp ?? null;
    const events = taken.flatMap((e) => (e.kind === 'event' ? [e.event] : []));
    for (const event of events) lastCommit = Math.max(lastCommit ?? 0, event.header.commitTimestamp);
    const lastTaken = taken[taken.length - 1];
    const nextCursor = lastTaken ? cursorWith(entryReplayId(lastTaken), lastCommit) : (cursor ?? cursorWith(anchor, null));
    const { changes, requestIds } = await changesFor(events, cursor, signal);
    return { changes, cursor: nextCursor, hasMore: entries.length > taken.length, requestIds };
  }

  async function changesFor(events: CdcEvent[], cursor: SalesforceCdcCursor | null, signal?: AbortSignal): Promise<{ changes: SourceChange[]; requestIds: string[] }> {
    const relevant = events.filter((e) => wanted.has(e.header.entityName.toLowerCase()));
    const idsByEntity = new Map<string, Set<string>>();
    const overflowed = new Map<string, number>();
    for (const event of relevant) {
      const entity = wanted.get(event.header.entityName.toLowerCase()) as string;
      const ids = event.header.recordIds;
      // GAP_OVERFLOW, or a wildcard such as `001*`, names no records: poll the entity instead (FACTS 1.1, 1.3 #7).
      if (event.header.changeType === 'GAP_OVERFLOW' || ids.length === 0 || ids.some((id) => !isSalesforceId(id))) {
        overflowed.set(entity, Math.min(overflowed.get(entity) ?? Infinity, event.header.commitTimestamp));
      }
      const set = idsByEntity.get(entity) ?? new Set<string>();
      for (const id of ids) if (isSalesforceId(id)) set.add(id);
      idsByEntity.set(entity, set);
    }
    const current = new Map<string, Map<string, Record<string, unknown> & { Id: string }>>();
    const requestIds: string[] = [];
    for (const [entity, ids] of idsByEntity) {
      const read = await reader.readByIds(entity, [...ids], signal);
      current.set(entity, read.records);
      requestIds.push(...read.requestIds);
    }
    const changes: SourceChange[] = [];
    for (const event of relevant) {
      const entity = wanted.get(event.header.entityName.toLowerCase()) as string;
      for (const id of event.header.recordIds) {
        if (isSalesforceId(id)) changes.push(changeFromEvent(event, id, current.get(entity)?.get(id)));
      }
    }
    for (const [entity, commitTimestamp] of overflowed) {
      const base = cursor?.lastCommitTimestamp ?? commitTimestamp;
      const polled = await pollForFallback(reader, { channel: opts.channel, reason: 'gap-overflow', entities: [entity], sinceMs: base - opts.fallbackOverlapMs, untilMs: now(), signal });
      changes.push(...polled.changes);
      requestIds.push(...polled.report.requestIds);
      record(polled.report);
    }
    return { changes: dedupeById(changes), requestIds };
  }

  return {
    channel: opts.channel,

    beginRun(stored) {
      // A new run re-serves everything after the stored cursor, including a fallback not yet persisted.
      if (fallback && sameCursor(stored, fallback.trigger)) fallback.served = 0;
      return stored;
    },

    async read(cursor, readOpts) {
      if (cursor && cursor.channel !== opts.channel) {
        throw new ConnectorError('validation', `cursor is for channel ${cursor.channel}, this feed reads ${opts.channel}`);
      }
      if (fallback && sameCursor(cursor, fallback.final)) fallback = undefined;
      if (fallback && sameCursor(cursor, fallback.trigger)) return serveFallback(fallback, readOpts.pageSize);
      if (!subscribed || !acknowledge(cursor)) await subscribeFrom(cursor);
      const state = stream.state();
      if (state.state === 'replay-rejected') {
        await startFallback(cursor, 'replay-rejected', readOpts.signal);
      } else if (state.state === 'failed') {
        subscribed = false;
        throw state.error;
      }
      if (fallback) return serveFallback(fallback, readOpts.pageSize);
      const page = await servePage(cursor, readOpts.pageSize, readOpts.signal);
      stream.requestIfRoom();
      return page;
    },

    async get(id) {
      for (const entity of opts.entities) {
        const read = await reader.readByIds(entity, [id]);
        const record = read.records.get(id);
        if (record) return { id: record.Id, version: `modstamp:${String(record.SystemModstamp ?? '')}`, op: 'upsert', data: record };
      }
      return undefined;
    },

    fallbacks: () => [...reports],
    stats: () => ({ buffered: entries.length, ...stream.stats() }),
    async close() {
      subscribed = false;
      await stream.close();
    },
  };
}
