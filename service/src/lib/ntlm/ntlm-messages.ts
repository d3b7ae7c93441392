/**
 * Encoding and decoding of the three NTLM messages (MS-NLMP §2.2.1) and of their HTTP carrier
 * (`Authorization: NTLM <base64>` / `Negotiate <base64>`, FACTS §7.1 #7). Every length and offset read from
 * the wire is bounds-checked: a malformed message is an NtlmMessageError, never an out-of-range read.
 */
import { AV_ID, NTLM_FLAGS, hasFlag } from './ntlm-flags.ts';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
const CHALLENGE_HEADER_BYTES = 56;
/** Windows Server 2016 (10.0 build 14393), NTLM revision 15 — what a current IIS host reports. */
const SERVER_VERSION = Buffer.from([10, 0, 0x39, 0x38, 0, 0, 0, 15]);

export class NtlmMessageError extends Error {
  override readonly name = 'NtlmMessageError';
}

export type HttpAuthScheme = 'NTLM' | 'Negotiate';

export interface NegotiateMessage {
  type: 1;
  flags: number;
}

export interface AvPair {
  id: number;
  value: Buffer;
}

export interface ChallengeMessage {
  type: 2;
  flags: number;
  targetName: string;
  serverChallenge: Buffer;
  targetInfo: Buffer;
}

export interface AuthenticateMessage {
  type: 3;
  flags: number;
  lmResponse: Buffer;
  ntResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
}

function readField(buf: Buffer, at: number, what: string): Buffer {
  if (buf.length < at + 8) throw new NtlmMessageError(`${what}: message too short`);
  const len = buf.readUInt16LE(at);
  const offset = buf.readUInt32LE(at + 4);
  if (len === 0) return Buffer.alloc(0);
  if (offset + len > buf.length) throw new NtlmMessageError(`${what}: field runs past the end of the message`);
  return buf.subarray(offset, offset + len);
}

function checkHeader(buf: Buffer, expectedType: number): void {
  if (buf.length < 12 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new NtlmMessageError('not an NTLMSSP message');
  const type = buf.readUInt32LE(8);
  if (type !== expectedType) throw new NtlmMessageError(`expected NTLM message type ${expectedType}, got ${type}`);
}

export function readMessageType(buf: Buffer): number {
  if (buf.length < 12 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new NtlmMessageError('not an NTLMSSP message');
  return buf.readUInt32LE(8);
}

export function parseNegotiateMessage(buf: Buffer): NegotiateMessage {
  checkHeader(buf, 1);
  if (buf.length < 16) throw new NtlmMessageError('NEGOTIATE message too short');
  return { type: 1, flags: buf.readUInt32LE(12) };
}

export function encodeAvPairs(pairs: AvPair[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of pairs) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(p.id, 0);
    head.writeUInt16LE(p.value.length, 2);
    parts.push(head, p.value);
  }
  parts.push(Buffer.alloc(4)); // MsvAvEOL
  return Buffer.concat(parts);
}

export function decodeAvPairs(buf: Buffer): AvPair[] {
  const pairs: AvPair[] = [];
  let at = 0;
  while (at + 4 <= buf.length) {
    const id = buf.readUInt16LE(at);
    const len = buf.readUInt16LE(at + 2);
    if (id === AV_ID.EOL) return pairs;
    if (at + 4 + len > buf.length) throw new NtlmMessageError('AV_PAIR runs past the end of TargetInfo');
    pairs.push({ id, value: buf.subarray(at + 4, at + 4 + len) });
    at += 4 + len;
  }
  throw new NtlmMessageError('TargetInfo has no MsvAvEOL');
}

/** Windows FILETIME: 100 ns ticks since 1601-01-01 UTC. */
export function toFiletime(epochMs: number): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64LE((BigInt(Math.floor(epochMs)) + 11_644_473_600_000n) * 10_000n);
  return buf;
}

export interface ChallengeInput {
  flags: number;
  serverChallenge: Buffer;
  /** NetBIOS domain name, sent as TargetName and MsvAvNbDomainName. */
  netbiosDomain: string;
  netbiosComputer: string;
  dnsDomain: string;
  dnsComputer: string;
  /** Epoch ms for MsvAvTimestamp; clients that see it answer with NTLMv2 (FACTS §7.1 #8). */
  timestampMs: number;
}

export function buildChallengeMessage(input: ChallengeInput): Buffer {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  const targetName = utf16(input.netbiosDomain);
  const targetInfo = hasFlag(input.flags, NTLM_FLAGS.TARGET_INFO)
    ? encodeAvPairs([
        { id: AV_ID.NB_DOMAIN_NAME, value: utf16(input.netbiosDomain) },
        { id: AV_ID.NB_COMPUTER_NAME, value: utf16(input.netbiosComputer) },
        { id: AV_ID.DNS_DOMAIN_NAME, value: utf16(input.dnsDomain) },
        { id: AV_ID.DNS_COMPUTER_NAME, value: utf16(input.dnsComputer) },
        { id: AV_ID.TIMESTAMP, value: toFiletime(input.timestampMs) },
      ])
    : Buffer.alloc(0);
  if (input.serverChallenge.length !== 8) throw new NtlmMessageError('server challenge must be 8 bytes');
  const head = Buffer.alloc(CHALLENGE_HEADER_BYTES);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(targetName.length, 12);
  head.writeUInt16LE(targetName.length, 14);
  head.writeUInt32LE(CHALLENGE_HEADER_BYTES, 16);
  head.writeUInt32LE(input.flags >>> 0, 20);
  input.serverChallenge.copy(head, 24);
  head.writeUInt16LE(targetInfo.length, 40);
  head.writeUInt16LE(targetInfo.length, 42);
  head.writeUInt32LE(CHALLENGE_HEADER_BYTES + targetName.length, 44);
  SERVER_VERSION.copy(head, 48);
  return Buffer.concat([head, targetName, targetInfo]);
}

export function parseChallengeMessage(buf: Buffer): ChallengeMessage {
  checkHeader(buf, 2);
  if (buf.length < 48) throw new NtlmMessageError('CHALLENGE message too short');
  const flags = buf.readUInt32LE(20);
  const unicode = hasFlag(flags, NTLM_FLAGS.UNICODE);
  return {
    type: 2,
    flags,
    targetName: readField(buf, 12, 'TargetName').toString(unicode ? 'utf16le' : 'latin1'),
    serverChallenge: Buffer.from(buf.subarray(24, 32)),
    targetInfo: hasFlag(flags, NTLM_FLAGS.TARGET_INFO) ? Buffer.from(readField(buf, 40, 'TargetInfo')) : Buffer.alloc(0),
  };
}

export function parseAuthenticateMessage(buf: Buffer): AuthenticateMessage {
  checkHeader(buf, 3);
  if (buf.length < 64) throw new NtlmMessageError('AUTHENTICATE message too short');
  const flags = buf.readUInt32LE(60);
  const text = (b: Buffer) => b.toString(hasFlag(flags, NTLM_FLAGS.UNICODE) ? 'utf16le' : 'latin1');
  return {
    type: 3,
    flags,
    lmResponse: Buffer.from(readField(buf, 12, 'LmChallengeResponse')),
    ntResponse: Buffer.from(readField(buf, 20, 'NtChallengeResponse')),
    domain: text(readField(buf, 28, 'DomainName')),
    user: text(readField(buf, 36, 'UserName')),
    workstation: text(readField(buf, 44, 'Workstation')),
    encryptedRandomSessionKey: Buffer.from(readField(buf, 52, 'EncryptedRandomSessionKey')),
  };
}

export interface AuthorizationToken {
  scheme: HttpAuthScheme;
  message: Buffer;
}

/**
 * Reads `NTLM <b64>` or `Negotiate <b64>` (raw NTLMSSP inside Negotiate, as Windows clients send when Kerberos
 * is unavailable). SPNEGO-wrapped tokens and other schemes give undefined: the caller answers 401.
 */
export function parseAuthorizationHeader(value: string | undefined): AuthorizationToken | undefined {
  if (!value) return undefined;
  const m = /^(NTLM|Negotiate)\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value.trim());
  if (!m) return undefined;
  const scheme: HttpAuthScheme = m[1]!.toLowerCase() === 'ntlm' ? 'NTLM' : 'Negotiate';
  const message = Buffer.from(m[2]!, 'base64');
  if (message.length < 12 || !message.subarray(0, 8).equals(SIGNATURE)) return undefined;
  return { scheme, message };
}

/** Picks the NTLM challenge out of one or several WWW-Authenticate values (a server may also offer Negotiate). */
export function findNtlmChallengeHeader(header: string | string[] | undefined): string | undefined {
  const values = header === undefined ? [] : Array.isArray(header) ? header : header.split(/,\s*(?=(?:NTLM|Negotiate|Basic|Bearer)\b)/i);
  return values.map((v) => v.trim()).find((v) => /^NTLM\s+\S+/i.test(v));
}
