/**
 * Server-side check of an AUTHENTICATE message against the challenge the server issued on that connection.
 * NTLMv2 is verified by recomputing NTProofStr (FACTS §7.1 #2); NTLMv1 (and its extended-session-security
 * variant) only when explicitly allowed — Windows domains at LmCompatibilityLevel 5 refuse it.
 */
import { timingSafeEqual } from 'node:crypto';
import { computeNtProofStr, computeNtlmV1Response, computeNtowfV2 } from './ntlm-crypto.ts';
import { NTLM_FLAGS, hasFlag } from './ntlm-flags.ts';
import type { AuthenticateMessage } from './ntlm-messages.ts';

export interface NtlmAccount {
  domain: string;
  user: string;
  password: string;
}

export interface VerifyOptions {
  serverChallenge: Buffer;
  /** Flags of the CHALLENGE that was sent (decides whether a 24-byte response is NTLM2 session security). */
  challengeFlags: number;
  /** Finds the account for the domain and user named in the message (case-insensitive), or undefined. */
  findAccount(domain: string, user: string): NtlmAccount | undefined;
  allowNtlmV1: boolean;
}

export type NtlmProtocol = 'NTLMv2' | 'NTLMv1' | 'NTLMv1-ESS';

export type VerifyResult =
  | { ok: true; account: NtlmAccount; protocol: NtlmProtocol }
  | { ok: false; reason: string; protocol?: NtlmProtocol };

const NTLMV1_RESPONSE_BYTES = 24;
const NT_PROOF_BYTES = 16;

function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function verifyAuthenticateMessage(msg: AuthenticateMessage, opts: VerifyOptions): VerifyResult {
  if (msg.user === '' || msg.ntResponse.length === 0) return { ok: false, reason: 'anonymous logon refused' };
  const account = opts.findAccount(msg.domain, msg.user);

  if (msg.ntResponse.length > NTLMV1_RESPONSE_BYTES) {
    const proof = msg.ntResponse.subarray(0, NT_PROOF_BYTES);
    const blob = msg.ntResponse.subarray(NT_PROOF_BYTES);
    if (blob[0] !== 1 || blob[1] !== 1) return { ok: false, reason: 'malformed NTLMv2 blob', protocol: 'NTLMv2' };
    if (!account) return { ok: false, reason: 'unknown user or bad password', protocol: 'NTLMv2' };
    // The client keys NTOWFv2 with the user and domain strings it put in the message, so the server does too.
    const ntowf = computeNtowfV2(account.password, msg.user, msg.domain);
    const expected = computeNtProofStr(ntowf, opts.serverChallenge, blob);
    return equalBytes(expected, proof)
      ? { ok: true, account, protocol: 'NTLMv2' }
      : { ok: false, reason: 'unknown user or bad password', protocol: 'NTLMv2' };
  }

  if (msg.ntResponse.length !== NTLMV1_RESPONSE_BYTES) return { ok: false, reason: 'malformed NT response' };
  const ess =
    hasFlag(opts.challengeFlags, NTLM_FLAGS.EXTENDED_SESSION_SECURITY) &&
    msg.lmResponse.length === NTLMV1_RESPONSE_BYTES &&
    msg.lmResponse.subarray(8).every((b) => b === 0);
  const protocol: NtlmProtocol = ess ? 'NTLMv1-ESS' : 'NTLMv1';
  if (!opts.allowNtlmV1) return { ok: false, reason: `${protocol} responses are refused (NTLMv2 required)`, protocol };
  if (!account) return { ok: false, reason: 'unknown user or bad password', protocol };
  const expected = computeNtlmV1Response(account.password, opts.serverChallenge, ess ? msg.lmResponse.subarray(0, 8) : undefined);
  return equalBytes(expected, msg.ntResponse)
    ? { ok: true, account, protocol }
    : { ok: false, reason: 'unknown user or bad password', protocol };
}
