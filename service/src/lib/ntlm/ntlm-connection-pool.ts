/**
 * Client side of NTLM over HTTP: a small pool of connections, each one an undici `Client` (exactly one socket),
 * so the NEGOTIATE and AUTHENTICATE legs of a handshake always travel on the same socket (TOOLCHAIN §4: a
 * pooled Agent or global fetch scatters them and every handshake fails). Messages come from httpntlm, which
 * answers with NTLMv2 when the CHALLENGE carries TargetInfo.
 *
 * A connection is authenticated once and then reused (IIS authenticates the connection, not the request);
 * when its socket closes, the next use handshakes again.
 */
import { Client, type Dispatcher } from 'undici';
import httpntlm, { type NtlmType2 } from 'httpntlm';
import { findNtlmChallengeHeader } from './ntlm-messages.ts';

export interface NtlmClientCredentials {
  domain: string;
  username: string;
  password: string;
  workstation?: string;
}

export type DispatcherFactory = (origin: string, options: Client.Options) => Dispatcher;

export interface NtlmPoolOptions {
  origin: string;
  /** Number of connections (= the most requests in flight at once). */
  size: number;
  credentials: NtlmClientCredentials;
  /** Extra CA certificate(s) in PEM to trust for https (self-signed / internal CA on the GP host). */
  caPem?: string;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Idle time after which the client closes a kept-alive socket itself (keep it below the server's). */
  keepAliveTimeoutMs?: number;
  dispatcherFactory?: DispatcherFactory;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type NtlmHandshakeFailure = 'not-offered' | 'rejected' | 'unexpected-response';

/** The handshake did not produce an authenticated connection. `response` is the server's answer, if any. */
export class NtlmHandshakeError extends Error {
  override readonly name = 'NtlmHandshakeError';
  constructor(
    readonly reason: NtlmHandshakeFailure,
    message: string,
    readonly response?: HttpResponse,
  ) {
    super(message);
  }
}

export interface NtlmLease {
  /**
   * Sends the NEGOTIATE leg now if the connection is not authenticated yet, so that the request itself
   * (sent by `send`, possibly after a wait in a limiter) reaches the server without handshake delay.
   */
  prepare(req: HttpRequest): Promise<void>;
  /** Sends the request, completing the handshake on the way if needed. */
  send(req: HttpRequest): Promise<HttpResponse>;
  release(): void;
}

export interface NtlmPoolStats {
  size: number;
  open: number;
  busy: number;
  waiting: number;
  handshakesStarted: number;
  handshakesCompleted: number;
  disconnects: number;
}

export interface NtlmConnectionPool {
  acquire(): Promise<NtlmLease>;
  stats(): NtlmPoolStats;
  close(): Promise<void>;
}

interface Slot {
  dispatcher: Dispatcher;
  phase: 'fresh' | 'challenged' | 'authenticated';
  /** AUTHENTICATE answering the connection's CHALLENGE, computed as soon as the CHALLENGE arrives. */
  type3?: string;
  /** Bumped on every disconnect: a handshake whose legs straddle a reconnect is retried, not reported as refused. */
  generation: number;
  busy: boolean;
}

async function readResponse(res: Dispatcher.ResponseData): Promise<HttpResponse> {
  const body = await res.body.text();
  return { status: res.statusCode, headers: res.headers as HttpResponse['headers'], body };
}

export function createNtlmConnectionPool(opts: NtlmPoolOptions): NtlmConnectionPool {
  if (!Number.isInteger(opts.size) || opts.size < 1) throw new RangeError('NTLM pool size must be a positive integer');
  const slots: Slot[] = [];
  const waiters: Array<(slot: Slot) => void> = [];
  let closed = false;
  let handshakesStarted = 0;
  let handshakesCompleted = 0;
  let disconnects = 0;

  const clientOptions: Client.Options = {
    pipelining: 1,
    headersTimeout: opts.headersTimeoutMs,
    bodyTimeout: opts.bodyTimeoutMs,
    keepAliveTimeout: opts.keepAliveTimeoutMs ?? 30_000,
    ...(opts.caPem ? { connect: { ca: opts.caPem } } : {}),
  };
  const makeDispatcher = opts.dispatcherFactory ?? ((origin: string, o: Client.Options) => new Client(origin, o));

  function credentials() {
    // httpntlm fills defaults into the object it is given: hand it a fresh copy each time.
    const c = opts.credentials;
    return { username: c.username, password: c.password, domain: c.domain, workstation: c.workstation ?? '' };
  }

  function openSlot(): Slot {
    const slot: Slot = { dispatcher: makeDispatcher(opts.origin, clientOptions), phase: 'fresh', generation: 0, busy: false };
    slot.dispatcher.on('disconnect', () => {
      disconnects += 1;
      slot.generation += 1;
      slot.phase = 'fresh';
      slot.type3 = undefined;
    });
    slots.push(slot);
    return slot;
  }

  async function request(slot: Slot, req: HttpRequest, authorization: string | undefined, withBody: boolean): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...req.headers };
    if (authorization) headers.authorization = authorization;
    const body = withBody ? req.body : undefined;
    if (!withBody && req.method !== 'GET') headers['content-length'] = '0';
    const res = await slot.dispatcher.request({ method: req.method, path: req.path, headers, body, signal: req.signal });
    return readResponse(res);
  }

  async function negotiate(slot: Slot, req: HttpRequest): Promise<void> {
    handshakesStarted += 1;
    const res = await request(slot, req, httpntlm.ntlm.createType1Message(credentials()), false);
    if (res.status !== 401) {
      throw new NtlmHandshakeError('unexpected-response', `the server answered the NTLM NEGOTIATE with HTTP ${res.status}`, res);
    }
    const header = findNtlmChallengeHeader(res.headers['www-authenticate']);
    if (!header) {
      const offered = [res.headers['www-authenticate'] ?? []].flat().join(', ') || 'nothing';
      throw new NtlmHandshakeError('not-offered', `the server did not answer with an NTLM challenge (it offered: ${offered})`, res);
    }
    let parseError: Error | undefined;
    const type2 = httpntlm.ntlm.parseType2Message(header, (e) => {
      parseError = e;
    });
    if (parseError || !type2) throw new NtlmHandshakeError('not-offered', `unreadable NTLM challenge: ${parseError?.message ?? 'empty'}`, res);
    // Computed now, not when the request goes out: httpntlm's pure-JS hashing would otherwise delay the
    // request after the limiter has started it.
    slot.type3 = httpntlm.ntlm.createType3Message(type2 as NtlmType2, credentials());
    slot.phase = 'challenged';
  }

  async function authenticateAndSend(slot: Slot, req: HttpRequest, retried: boolean): Promise<HttpResponse> {
    if (slot.phase !== 'challenged' || !slot.type3) await negotiate(slot, req);
    const generation = slot.generation;
    const type3 = slot.type3 as string;
    slot.type3 = undefined;
    const res = await request(slot, req, type3, true);
    if (res.status === 401) {
      slot.phase = 'fresh';
      if (slot.generation !== generation && !retried) return authenticateAndSend(slot, req, true);
      throw new NtlmHandshakeError('rejected', 'the server refused the NTLM credentials', res);
    }
    if (slot.generation === generation) slot.phase = 'authenticated';
    handshakesCompleted += 1;
    return res;
  }

  async function send(slot: Slot, req: HttpRequest): Promise<HttpResponse> {
    if (slot.phase !== 'authenticated') return authenticateAndSend(slot, req, false);
    const res = await request(slot, req, undefined, true);
    if (res.status === 401 && findNtlmChallengeHeader(res.headers['www-authenticate']) === undefined && offersNtlm(res)) {
      // The server no longer knows this connection (reset behind our back): authenticate it again, once.
      slot.phase = 'fresh';
      return authenticateAndSend(slot, req, true);
    }
    return res;
  }

  function offersNtlm(res: HttpResponse): boolean {
    return [res.headers['www-authenticate'] ?? []].flat().some((v) => /^(NTLM|Negotiate)\b/i.test(v.trim()));
  }

  function lease(slot: Slot): NtlmLease {
    let released = false;
    return {
      async prepare(req) {
        if (slot.phase === 'fresh') await negotiate(slot, req);
      },
      send: (req) => send(slot, req),
      release() {
        if (released) return;
        released = true;
        const next = waiters.shift();
        if (next) next(slot);
        else slot.busy = false;
      },
    };
  }

  return {
    acquire() {
      if (closed) return Promise.reject(new Error('the NTLM connection pool is closed'));
      const idle =
        slots.find((s) => !s.busy && s.phase === 'authenticated') ??
        slots.find((s) => !s.busy) ??
        (slots.length < opts.size ? openSlot() : undefined);
      if (idle) {
        idle.busy = true;
        return Promise.resolve(lease(idle));
      }
      return new Promise((resolve) => waiters.push((slot) => resolve(lease(slot))));
    },
    stats: () => ({
      size: opts.size,
      open: slots.length,
      busy: slots.filter((s) => s.busy).length,
      waiting: waiters.length,
      handshakesStarted,
      handshakesCompleted,
      disconnects,
    }),
    async close() {
      closed = true;
      await Promise.allSettled(slots.map((s) => s.dispatcher.close()));
    },
  };
}
