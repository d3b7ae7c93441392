import type { ConnectorError } from '../../../lib/errors.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { SalesforceAuth } from '../auth.ts';
import { decodeCdcEvent, type CdcEvent } from './decode-event.ts';
import type { PubSubConnection, PubSubConnectionOptions, ReplayStart } from './pubsub-connection.ts';
import { classifyStreamError, type StreamFailure } from './stream-errors.ts';

export interface ChannelStreamOptions {
  channel: string;
  endpoint: string;
  caPem?: string;
  /** Events asked for per FetchRequest (≤ 100, FACTS 1.3 #2). */
  numRequested: number;
  /** Events held (received but not yet acknowledged) before the stream stops asking for more. */
  maxBufferedEvents: number;
  /** No event or keepalive for this long → the stream is presumed dead and replaced (keepalives come within 270 s). */
  silenceTimeoutMs: number;
  /** Waits between reconnect attempts; the last one repeats. */
  reconnectDelaysMs: number[];
  /** Consecutive undecodable events at one position before the stream gives up. */
  maxParseFailures: number;
}

export interface ChannelStreamDeps {
  auth: SalesforceAuth;
  logger: Logger;
  now: () => number;
  openConnection: (opts: PubSubConnectionOptions) => Promise<PubSubConnection>;
  /** Where a reconnect resumes: after the last event received (or keepalive position) of the stream. */
  resumePoint: () => ReplayStart;
  bufferedEvents: () => number;
  onEvent: (event: CdcEvent) => void;
  /** A keepalive while the server owed us events: everything up to `latestReplayId` was delivered (FACTS 1.3 #3). */
  onCaughtUp: (latestReplayId: number) => void;
}

export type StreamState =
  | { state: 'idle' }
  | { state: 'open' }
  | { state: 'reconnecting' }
  | { state: 'replay-rejected'; error: ConnectorError }
  | { state: 'failed'; error: ConnectorError };

export interface ChannelStream {
  /** Replaces any current stream with one starting at `start`. */
  open(start: ReplayStart): Promise<void>;
  state(): StreamState;
  /** Resolves true at the first response (event or keepalive) of the current stream, false after `ms`. */
  waitForActivity(ms: number): Promise<boolean>;
  /** Asks for more events if none are outstanding and the buffer has room (flow control). */
  requestIfRoom(): void;
  /** `received`: events decoded and handed on since the stream was created. */
  stats(): { connects: number; silentReconnects: number; received: number; requested: number[] };
  close(): Promise<void>;
}

/** The Pub/Sub client wants https; the local REST emulator is http (the only place an http instance URL exists). */
function pubSubInstanceUrl(instanceUrl: string): string {
  return instanceUrl.replace(/^http:\/\//, 'https://');
}

/**
 * One live Subscribe stream on a channel, kept alive: bounded FetchRequests, a watchdog for silent streams,
 * reconnect with backoff from the last received position, re-auth on UNAUTHENTICATED (FACTS 1.3 #2–#4).
 */
export function createChannelStream(opts: ChannelStreamOptions, deps: ChannelStreamDeps): ChannelStream {
  const log = deps.logger.child({ channel: opts.channel });
  let connection: PubSubConnection | undefined;
  let current: StreamState = { state: 'idle' };
  let generation = 0;
  let outstanding = 0;
  let lastActivityAt = deps.now();
  let activityWaiters: Array<(active: boolean) => void> = [];
  let attempts = 0;
  let authRetried = false;
  let parseFailures = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const stats = { connects: 0, silentReconnects: 0, received: 0, requested: [] as number[] };

  const watchdog = setInterval(() => {
    if (current.state !== 'open' || deps.now() - lastActivityAt <= opts.silenceTimeoutMs) return;
    stats.silentReconnects += 1;
    log.warn({ silentMs: deps.now() - lastActivityAt }, 'pubsub stream silent (no event or keepalive): reconnecting');
    scheduleReconnect(0);
  }, Math.max(50, Math.min(5000, Math.floor(opts.silenceTimeoutMs / 4))));
  watchdog.unref();

  function wake(active: boolean): void {
    const waiters = activityWaiters;
    activityWaiters = [];
    for (const w of waiters) w(active);
  }

  function markActive(): void {
    lastActivityAt = deps.now();
    attempts = 0;
    authRetried = false;
    wake(true);
  }

  function room(): number {
    return Math.min(opts.numRequested, opts.maxBufferedEvents - deps.bufferedEvents());
  }

  async function teardown(): Promise<void> {
    generation += 1;
    const old = connection;
    connection = undefined;
    outstanding = 0;
    if (old) await old.close();
  }

  async function connect(start: ReplayStart): Promise<void> {
    await teardown();
    if (closed) return;
    const gen = generation;
    const session = await deps.auth.getSession();
    let conn: PubSubConnection;
    try {
      conn = await deps.openConnection({ endpoint: opts.endpoint, accessToken: session.accessToken, instanceUrl: pubSubInstanceUrl(session.instanceUrl), caPem: opts.caPem, logger: log });
    } catch (err) {
      onFailure(gen, classifyStreamError(err, opts.channel), session.accessToken);
      return;
    }
    if (gen !== generation || closed) {
      await conn.close();
      return;
    }
    connection = conn;
    current = { state: 'open' };
    lastActivityAt = deps.now();
    stats.connects += 1;
    const n = Math.max(1, room());
    outstanding = n;
    stats.requested.push(n);
    conn.subscribe(opts.channel, start, n, (signal, data, lastReplayId) => {
      if (gen !== generation) return;
      switch (signal) {
        case 'event':
          onEvent(gen, data, session.accessToken);
          return;
        case 'lastEvent':
          outstanding = 0;
          stream.requestIfRoom();
          return;
        case 'grpcKeepAlive':
          markActive();
          if (outstanding > 0 && lastReplayId !== null) deps.onCaughtUp(lastReplayId);
          return;
        case 'error':
          if (typeof (data as { code?: unknown } | undefined)?.code === 'number') onFailure(gen, classifyStreamError(data, opts.channel), session.accessToken);
          else onParseFailure(gen, data);
          return;
        case 'grpcStatus':
        case 'end':
          // A normal end (OK status) is still the end of the stream: the server closed it, so resume elsewhere.
          if (current.state === 'open') onFailure(gen, classifyStreamError({ code: 14, details: `stream ${signal}` }, opts.channel), session.accessToken);
          return;
      }
    });
  }

  function onEvent(gen: number, data: unknown, token: string): void {
    markActive();
    outstanding = Math.max(0, outstanding - 1);
    let event: CdcEvent;
    try {
      event = decodeCdcEvent(data, opts.channel);
    } catch (err) {
      onFailure(gen, { kind: 'fatal', error: err as ConnectorError }, token);
      return;
    }
    parseFailures = 0;
    stats.received += 1;
    deps.onEvent(event);
  }

  function onParseFailure(gen: number, err: unknown): void {
    // The client could not decode an event (e.g. GetSchema failed): nothing after it may be trusted out of order,
    // so this stream is dropped and a new one resumes after the last event that was decoded.
    parseFailures += 1;
    const message = err instanceof Error ? err.message : String(err);
    if (parseFailures >= opts.maxParseFailures) {
      void teardown();
      current = { state: 'failed', error: classifyStreamError({ code: 13, details: `event could not be decoded ${parseFailures} times: ${message}` }, opts.channel).error };
      return;
    }
    log.warn({ parseFailures }, `pubsub event could not be decoded, resubscribing: ${message}`);
    if (gen === generation) scheduleReconnect(0);
  }

  function onFailure(gen: number, failure: StreamFailure, token: string): void {
    if (gen !== generation || closed) return;
    generation += 1;
    log.warn({ kind: failure.kind, status: failure.error.status, code: failure.error.code }, failure.error.message);
    if (failure.kind === 'replay-rejected' || failure.kind === 'fatal') {
      wake(false);
      void teardown();
      current = failure.kind === 'fatal' ? { state: 'failed', error: failure.error } : { state: 'replay-rejected', error: failure.error };
      return;
    }
    if (failure.kind === 'auth') {
      // FACTS 1.3 #4: re-auth and resubscribe (CUSTOM from the last position); twice in a row is a real auth failure.
      if (authRetried) {
        void teardown();
        current = { state: 'failed', error: failure.error };
        return;
      }
      authRetried = true;
      void deps.auth.refreshAfterRejection(token).then(
        () => scheduleReconnect(0),
        (err: unknown) => {
          current = { state: 'failed', error: classifyStreamError({ code: 16, details: err instanceof Error ? err.message : String(err) }, opts.channel).error };
        },
      );
      current = { state: 'reconnecting' };
      return;
    }
    const delays = opts.reconnectDelaysMs;
    scheduleReconnect(delays[Math.min(attempts, delays.length - 1)] ?? 1000);
    attempts += 1;
  }

  function scheduleReconnect(delayMs: number): void {
    if (closed) return;
    generation += 1;
    current = { state: 'reconnecting' };
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect(deps.resumePoint()).catch((err: unknown) => {
        log.warn(`pubsub reconnect failed: ${err instanceof Error ? err.message : String(err)}`);
        scheduleReconnect(opts.reconnectDelaysMs[Math.min(attempts++, opts.reconnectDelaysMs.length - 1)] ?? 1000);
      });
    }, delayMs);
  }

  const stream: ChannelStream = {
    async open(start) {
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      attempts = 0;
      authRetried = false;
      parseFailures = 0;
      current = { state: 'reconnecting' };
      await connect(start);
    },
    state: () => current,
    waitForActivity(ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          activityWaiters = activityWaiters.filter((w) => w !== done);
          resolve(false);
        }, ms);
        const done = (active: boolean): void => {
          clearTimeout(timer);
          resolve(active);
        };
        activityWaiters.push(done);
      });
    },
    requestIfRoom() {
      if (!connection || current.state !== 'open' || outstanding > 0) return;
      const n = room();
      if (n <= 0) return;
      outstanding = n;
      stats.requested.push(n);
      connection.requestMore(opts.channel, n);
    },
    stats: () => ({ ...stats, requested: [...stats.requested] }),
    async close() {
      closed = true;
      clearInterval(watchdog);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const w of activityWaiters) w(false);
      activityWaiters = [];
      await teardown();
      current = { state: 'idle' };
    },
  };
  return stream;
}
