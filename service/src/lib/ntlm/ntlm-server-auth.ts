/**
 * NTLM over HTTP, server side, the way IIS does it (FACTS §2.3 #7, §7.1 #7): NTLM authenticates the
 * *connection*. A request without credentials gets 401 offering NTLM and Negotiate; a NEGOTIATE gets a
 * CHALLENGE with a fresh random 8-byte challenge kept for that socket only; an AUTHENTICATE is checked against
 * that socket's challenge. Once a socket is authenticated, later requests on it pass without headers.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { NTLM_FLAGS, hasFlag } from './ntlm-flags.ts';
import {
  NtlmMessageError,
  buildChallengeMessage,
  parseAuthenticateMessage,
  parseAuthorizationHeader,
  parseNegotiateMessage,
  readMessageType,
  type HttpAuthScheme,
} from './ntlm-messages.ts';
import { verifyAuthenticateMessage, type NtlmAccount, type NtlmProtocol } from './ntlm-verify.ts';

export interface NtlmServerOptions {
  /** Accounts that may log on; `domain` is the NetBIOS domain (the DNS domain below is accepted too). */
  accounts: NtlmAccount[];
  netbiosDomain: string;
  dnsDomain: string;
  netbiosComputer: string;
  dnsComputer: string;
  /** Accept NTLMv1 / NTLMv1-ESS responses (default false: NTLMv2 only, like LmCompatibilityLevel 5). */
  allowNtlmV1?: boolean;
  /**
   * Offer extended session security + TargetInfo (default true). False imitates a legacy server: clients
   * then answer with NTLMv1, which is refused unless allowNtlmV1.
   */
  offerExtendedSecurity?: boolean;
  /** Epoch ms, for MsvAvTimestamp. */
  now?: () => number;
  randomBytes?: (size: number) => Buffer;
}

export type NtlmAuthOutcome =
  | { kind: 'authenticated'; account: NtlmAccount; protocol: NtlmProtocol; handshakeCompleted: boolean }
  | { kind: 'challenge'; wwwAuthenticate: string[] }
  | { kind: 'unauthorized'; wwwAuthenticate: string[]; reason: string };

export interface NtlmServerCounters {
  negotiateMessages: number;
  challengesIssued: number;
  handshakesCompleted: number;
  authenticateRejected: number;
  ntlmV1Refused: number;
  authenticateWithoutChallenge: number;
  malformedMessages: number;
  missingCredentials: number;
}

interface SocketState {
  phase: 'challenged' | 'authenticated';
  scheme: HttpAuthScheme;
  serverChallenge: Buffer;
  challengeFlags: number;
  account?: NtlmAccount;
  protocol?: NtlmProtocol;
}

const OFFERED_SCHEMES = ['NTLM', 'Negotiate'];

export interface NtlmServerAuth {
  /** Decide what to do with a request on `socket` carrying `authorization` (the raw header, if any). */
  authenticate(socket: object, authorization: string | undefined): NtlmAuthOutcome;
  counters(): NtlmServerCounters;
  resetCounters(): void;
}

function emptyCounters(): NtlmServerCounters {
  return {
    negotiateMessages: 0,
    challengesIssued: 0,
    handshakesCompleted: 0,
    authenticateRejected: 0,
    ntlmV1Refused: 0,
    authenticateWithoutChallenge: 0,
    malformedMessages: 0,
    missingCredentials: 0,
  };
}

export function createNtlmServerAuth(opts: NtlmServerOptions): NtlmServerAuth {
  const sockets = new WeakMap<object, SocketState>();
  const now = opts.now ?? Date.now;
  const random = opts.randomBytes ?? nodeRandomBytes;
  const offerEss = opts.offerExtendedSecurity ?? true;
  let counters = emptyCounters();

  const domainAliases = new Set([opts.netbiosDomain.toUpperCase(), opts.dnsDomain.toUpperCase()]);
  function findAccount(domain: string, user: string): NtlmAccount | undefined {
    const d = domain.toUpperCase();
    return opts.accounts.find((a) => {
      const sameDomain = a.domain.toUpperCase() === d || (domainAliases.has(a.domain.toUpperCase()) && domainAliases.has(d));
      return sameDomain && a.user.toUpperCase() === user.toUpperCase();
    });
  }

  function refuse(reason: string): NtlmAuthOutcome {
    return { kind: 'unauthorized', wwwAuthenticate: OFFERED_SCHEMES, reason };
  }

  function challenge(socket: object, scheme: HttpAuthScheme, negotiateFlags: number): NtlmAuthOutcome {
    let flags =
      NTLM_FLAGS.REQUEST_TARGET |
      NTLM_FLAGS.NTLM |
      NTLM_FLAGS.ALWAYS_SIGN |
      NTLM_FLAGS.TARGET_TYPE_DOMAIN |
      NTLM_FLAGS.VERSION |
      NTLM_FLAGS.NEGOTIATE_128 |
      NTLM_FLAGS.NEGOTIATE_56;
    flags |= hasFlag(negotiateFlags, NTLM_FLAGS.UNICODE) ? NTLM_FLAGS.UNICODE : NTLM_FLAGS.OEM;
    if (offerEss) flags |= NTLM_FLAGS.EXTENDED_SESSION_SECURITY | NTLM_FLAGS.TARGET_INFO;
    flags >>>= 0;
    const serverChallenge = random(8);
    const message = buildChallengeMessage({
      flags,
      serverChallenge,
      netbiosDomain: opts.netbiosDomain,
      netbiosComputer: opts.netbiosComputer,
      dnsDomain: opts.dnsDomain,
      dnsComputer: opts.dnsComputer,
      timestampMs: now(),
    });
    sockets.set(socket, { phase: 'challenged', scheme, serverChallenge, challengeFlags: flags });
    counters.challengesIssued += 1;
    return { kind: 'challenge', wwwAuthenticate: [`${scheme} ${message.toString('base64')}`] };
  }

  return {
    authenticate(socket, authorization) {
      const state = sockets.get(socket);
      if (authorization === undefined || authorization === '') {
        if (state?.phase === 'authenticated' && state.account && state.protocol) {
          return { kind: 'authenticated', account: state.account, protocol: state.protocol, handshakeCompleted: false };
        }
        counters.missingCredentials += 1;
        return refuse('no credentials');
      }
      const token = parseAuthorizationHeader(authorization);
      if (!token) {
        counters.malformedMessages += 1;
        return refuse('unsupported authorization scheme or token');
      }
      try {
        const type = readMessageType(token.message);
        if (type === 1) {
          counters.negotiateMessages += 1;
          return challenge(socket, token.scheme, parseNegotiateMessage(token.message).flags);
        }
        if (type !== 3) {
          counters.malformedMessages += 1;
          return refuse(`unexpected NTLM message type ${type}`);
        }
        if (state?.phase !== 'challenged') {
          counters.authenticateWithoutChallenge += 1;
          return refuse('AUTHENTICATE on a connection that never got a CHALLENGE');
        }
        const msg = parseAuthenticateMessage(token.message);
        const result = verifyAuthenticateMessage(msg, {
          serverChallenge: state.serverChallenge,
          challengeFlags: state.challengeFlags,
          findAccount,
          allowNtlmV1: opts.allowNtlmV1 ?? false,
        });
        if (!result.ok) {
          sockets.delete(socket);
          counters.authenticateRejected += 1;
          if (result.protocol && result.protocol !== 'NTLMv2' && !(opts.allowNtlmV1 ?? false)) counters.ntlmV1Refused += 1;
          return refuse(result.reason);
        }
        sockets.set(socket, { ...state, phase: 'authenticated', account: result.account, protocol: result.protocol });
        counters.handshakesCompleted += 1;
        return { kind: 'authenticated', account: result.account, protocol: result.protocol, handshakeCompleted: true };
      } catch (err) {
        if (!(err instanceof NtlmMessageError)) throw err;
        sockets.delete(socket);
        counters.malformedMessages += 1;
        return refuse(err.message);
      }
    },
    counters: () => ({ ...counters }),
    resetCounters() {
      counters = emptyCounters();
    },
  };
}
