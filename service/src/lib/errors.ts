/**
 * The one error type every connector throws. Its category decides what the engine does with it:
 * - validation: the record itself is wrong (bad data, missing reference, closed period) → park, no retry
 * - auth: credentials or permissions are wrong → stop the run, cursor unchanged, nothing parked
 * - transient: network, 5xx, 429, timeouts → retry with backoff (honouring retryAfterMs), then park / stop
 * - conflict: the target changed under us or refuses the change (stale etag, posted document) → park
 */
export type ErrorCategory = 'validation' | 'auth' | 'transient' | 'conflict';

export interface ConnectorErrorOptions {
  /** HTTP status (or gRPC code) of the failing call, when there was one. */
  status?: number;
  /** The system's own error code, e.g. INVALID_SESSION_ID, Request_EntityChanged, eConnect 221. */
  code?: string;
  /** Wait at least this long before retrying (from Retry-After). */
  retryAfterMs?: number;
  /** Request id of the failing call, for audit correlation. */
  requestId?: string;
  /** Field names the error is about. */
  fields?: string[];
  /**
   * The target refuses this change by rule and always will (a posted GP document, a released BC order): the
   * engine records it as `refused` and does not park it — replaying would change nothing.
   */
  refusal?: boolean;
  cause?: unknown;
}

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly category: ErrorCategory;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  readonly fields: string[] | undefined;
  readonly refusal: boolean;

  constructor(category: ErrorCategory, message: string, opts: ConnectorErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.category = category;
    this.status = opts.status;
    this.code = opts.code;
    this.retryAfterMs = opts.retryAfterMs;
    this.requestId = opts.requestId;
    this.fields = opts.fields;
    this.refusal = opts.refusal === true;
  }
}

export function isConnectorError(err: unknown): err is ConnectorError {
  return err instanceof ConnectorError;
}

/** Anything thrown that is not a ConnectorError is treated as transient (network resets, timeouts, bugs surface in logs). */
export function toConnectorError(err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ConnectorError('transient', message, { cause: err });
}

/** Configuration problems found at boot or in admin input: one message per problem, each naming its field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Parse an HTTP Retry-After header (delta-seconds or HTTP-date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
