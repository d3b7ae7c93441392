import type { TLSSocket } from 'node:tls';
import grpc from '@grpc/grpc-js';
import PubSubApiClient from 'salesforce-pubsub-api-client';
import type { Logger } from '../../../lib/logger.ts';

/** What the client reports on a subscription (its SubscribeCallbackType values). */
export type SubscribeSignal = 'event' | 'lastEvent' | 'error' | 'end' | 'grpcStatus' | 'grpcKeepAlive';

export type ReplayStart = { preset: 'LATEST' } | { preset: 'EARLIEST' } | { preset: 'CUSTOM'; replayId: number };

export interface PubSubConnectionOptions {
  endpoint: string;
  accessToken: string;
  /** Must be https (the client refuses anything else). */
  instanceUrl: string;
  /** Extra CA to trust (the local emulator's certificate); production uses the client's bundled roots only. */
  caPem?: string;
  logger: Logger;
}

export interface PubSubConnection {
  subscribe(topic: string, start: ReplayStart, numRequested: number, onSignal: (signal: SubscribeSignal, data: unknown, lastReplayId: number | null) => void): void;
  requestMore(topic: string, numRequested: number): void;
  /** Cancels the open stream (if any) and closes the channel; resolves once the stream has ended. */
  close(): Promise<void>;
}

/** How long close() waits for a torn-down stream to report its end before closing the channel anyway. */
const STREAM_END_WAIT_MS = 2000;

type SecureConnector = { connect(socket: unknown): Promise<{ socket: TLSSocket }> };
type TrackableCredentials = { _createSecureConnector?: (...args: unknown[]) => SecureConnector };

/** The client logs through this: its chatter goes to debug, never tokens (it logs no metadata). */
function clientLogger(logger: Logger) {
  const log = (level: 'debug' | 'warn') => (msg: unknown) => logger[level]({ component: 'pubsub-client' }, msg instanceof Error ? msg.message : String(msg));
  return { debug: log('debug'), info: log('debug'), warn: log('warn'), error: log('debug') };
}

/**
 * One Pub/Sub client (one gRPC channel) with the two things the package does not offer (TOOLCHAIN §3):
 * - trusting an extra CA: the client always passes only its bundled roots to `grpc.credentials.createSsl`, so
 *   createSsl is wrapped for the synchronous duration of `connect()` (restored before it returns) to append it;
 * - cancelling an open Subscribe: `client.close()` neither cancels the stream nor keeps an error listener on it
 *   (a later drop is an uncaught exception), so the TLS sockets the channel opens are tracked and destroyed on
 *   close, and the channel is closed only after the stream has reported its end to the still-attached listener.
 */
export async function openPubSubConnection(opts: PubSubConnectionOptions): Promise<PubSubConnection> {
  const sockets = new Set<TLSSocket>();
  let closing = false;
  let streamOpen = false;
  let streamEnded: (() => void) | undefined;

  const client = new PubSubApiClient(
    { authType: 'user-supplied', accessToken: opts.accessToken, instanceUrl: opts.instanceUrl, pubSubEndpoint: opts.endpoint, rejectUnauthorizedSsl: true },
    clientLogger(opts.logger),
  );

  const credentials = grpc.credentials;
  const createSsl = credentials.createSsl;
  credentials.createSsl = (rootCerts, ...rest) => {
    const roots = opts.caPem ? Buffer.concat([rootCerts ?? Buffer.alloc(0), Buffer.from('\n'), Buffer.from(opts.caPem)]) : rootCerts;
    const channelCredentials = createSsl.call(credentials, roots, ...rest);
    trackSockets(channelCredentials as unknown as TrackableCredentials);
    return channelCredentials;
  };
  let connecting: Promise<void>;
  try {
    connecting = client.connect();
  } finally {
    credentials.createSsl = createSsl;
  }
  await connecting;

  function trackSockets(channelCredentials: TrackableCredentials): void {
    const create = channelCredentials._createSecureConnector;
    if (typeof create !== 'function') {
      throw new Error('@grpc/grpc-js changed: ChannelCredentials._createSecureConnector is gone, so Pub/Sub streams could not be cancelled');
    }
    channelCredentials._createSecureConnector = (...args: unknown[]) => {
      const connector = create.apply(channelCredentials, args);
      const connect = connector.connect.bind(connector);
      connector.connect = async (socket: unknown) => {
        const result = await connect(socket);
        sockets.add(result.socket);
        result.socket.once('close', () => sockets.delete(result.socket));
        if (closing) result.socket.destroy();
        return result;
      };
      return connector;
    };
  }

  return {
    subscribe(topic, start, numRequested, onSignal) {
      streamOpen = true;
      const callback = (info: { lastReplayId?: number | null }, type: string, data?: unknown): void => {
        if (type === 'error' || type === 'end' || type === 'grpcStatus') {
          // A parse failure is reported as 'error' but the stream goes on; only gRPC errors (numeric code) end it.
          const endsStream = type !== 'error' || typeof (data as { code?: unknown } | undefined)?.code === 'number';
          if (endsStream) {
            streamOpen = false;
            streamEnded?.();
          }
        }
        onSignal(type as SubscribeSignal, data, info.lastReplayId ?? null);
      };
      if (start.preset === 'CUSTOM') client.subscribeFromReplayId(topic, callback, numRequested, start.replayId);
      else if (start.preset === 'EARLIEST') client.subscribeFromEarliestEvent(topic, callback, numRequested);
      else client.subscribe(topic, callback, numRequested);
    },
    requestMore(topic, numRequested) {
      client.requestAdditionalEvents(topic, numRequested);
    },
    async close() {
      if (closing) return;
      closing = true;
      if (streamOpen) {
        const ended = new Promise<void>((resolve) => {
          streamEnded = resolve;
        });
        for (const socket of sockets) socket.destroy();
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, STREAM_END_WAIT_MS);
        });
        await Promise.race([ended, timedOut]);
        clearTimeout(timer);
        if (streamOpen) opts.logger.warn('pubsub stream did not report its end after the connection was closed');
      }
      client.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}
