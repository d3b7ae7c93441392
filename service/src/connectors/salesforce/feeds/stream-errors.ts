import { ConnectorError } from '../../../lib/errors.ts';

/** gRPC status codes the feed tells apart (numeric to avoid depending on the grpc module here). */
const UNAUTHENTICATED = 16;
const PERMISSION_DENIED = 7;
const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;

export type StreamFailure =
  | { kind: 'auth'; error: ConnectorError }
  | { kind: 'replay-rejected'; error: ConnectorError }
  | { kind: 'fatal'; error: ConnectorError }
  | { kind: 'transient'; error: ConnectorError };

interface GrpcLikeError {
  code?: unknown;
  details?: unknown;
  message?: unknown;
  metadata?: { get?(key: string): unknown[] };
}

function errorCodeOf(err: GrpcLikeError): string | undefined {
  const value = err.metadata?.get?.('error-code')?.[0];
  return value === undefined ? undefined : String(value);
}

/**
 * Classifies how a Subscribe stream ended (FACTS 1.3 #1, #4): UNAUTHENTICATED → re-auth and resubscribe;
 * INVALID_ARGUMENT with a `…replayid…` error code → the stored replay id is stale or corrupt (fallback poll);
 * a missing topic or permission → configuration (stop the run); anything else → reconnect with backoff.
 */
export function classifyStreamError(raw: unknown, channel: string): StreamFailure {
  const err = (raw ?? {}) as GrpcLikeError;
  const code = typeof err.code === 'number' ? err.code : undefined;
  const errorCode = errorCodeOf(err);
  const detail = typeof err.details === 'string' ? err.details : typeof err.message === 'string' ? err.message : String(raw);
  const what = `Pub/Sub subscription to ${channel} ended: ${code ?? '?'} ${detail}`;
  const opts = { status: code, code: errorCode, cause: raw };
  if (code === UNAUTHENTICATED) return { kind: 'auth', error: new ConnectorError('auth', what, opts) };
  if (code === INVALID_ARGUMENT && (errorCode?.includes('replayid') || /replay id/i.test(detail))) {
    return { kind: 'replay-rejected', error: new ConnectorError('transient', what, opts) };
  }
  if (code === PERMISSION_DENIED) return { kind: 'fatal', error: new ConnectorError('auth', what, opts) };
  if (code === NOT_FOUND || code === INVALID_ARGUMENT) return { kind: 'fatal', error: new ConnectorError('validation', what, opts) };
  return { kind: 'transient', error: new ConnectorError('transient', what, opts) };
}
