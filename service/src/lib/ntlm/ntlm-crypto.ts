/**
 * The NTLM one-way functions and responses of MS-NLMP §3.3, checked against the §4.2.4 test vectors
 * (test/fixtures/ntlm). Node 20's OpenSSL 3 has no MD4 and no DES-ECB, so those come from js-md4 / des.js.
 */
import { createHash, createHmac } from 'node:crypto';
import md4 from 'js-md4';
import des from 'des.js';

export function hmacMd5(key: Buffer, ...data: Buffer[]): Buffer {
  const h = createHmac('md5', key);
  for (const d of data) h.update(d);
  return h.digest();
}

/** NT hash = MD4(UTF-16LE(password)). */
export function computeNtHash(password: string): Buffer {
  return Buffer.from(md4.create().update(Buffer.from(password, 'utf16le')).digest());
}

/** NTOWFv2 = HMAC_MD5(MD4(UTF16LE(Passwd)), UTF16LE(UPPER(User) + UserDom)) — the domain is NOT upper-cased (FACTS §7.1 #1). */
export function computeNtowfV2(password: string, user: string, domain: string): Buffer {
  return hmacMd5(computeNtHash(password), Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

/** NTProofStr = HMAC_MD5(NTOWFv2, ServerChallenge ‖ temp), temp being the client's blob (FACTS §7.1 #2). */
export function computeNtProofStr(ntowfV2: Buffer, serverChallenge: Buffer, blob: Buffer): Buffer {
  return hmacMd5(ntowfV2, serverChallenge, blob);
}

/** LMv2 = HMAC_MD5(LMOWFv2, ServerChallenge ‖ ClientChallenge) ‖ ClientChallenge (FACTS §7.1 #4). */
export function computeLmV2Response(lmowfV2: Buffer, serverChallenge: Buffer, clientChallenge: Buffer): Buffer {
  return Buffer.concat([hmacMd5(lmowfV2, serverChallenge, clientChallenge), clientChallenge]);
}

/** SessionBaseKey = HMAC_MD5(NTOWFv2, NTProofStr) (FACTS §7.1 #5). */
export function computeSessionBaseKey(ntowfV2: Buffer, ntProofStr: Buffer): Buffer {
  return hmacMd5(ntowfV2, ntProofStr);
}

/** Spreads 7 key bytes over 8 DES key bytes (the low bit of each is parity, ignored by DES). */
function expandDesKey(key7: Buffer): Buffer {
  const out = Buffer.alloc(8);
  out[0] = key7[0]! & 0xfe;
  out[1] = ((key7[0]! << 7) | (key7[1]! >> 1)) & 0xfe;
  out[2] = ((key7[1]! << 6) | (key7[2]! >> 2)) & 0xfe;
  out[3] = ((key7[2]! << 5) | (key7[3]! >> 3)) & 0xfe;
  out[4] = ((key7[3]! << 4) | (key7[4]! >> 4)) & 0xfe;
  out[5] = ((key7[4]! << 3) | (key7[5]! >> 5)) & 0xfe;
  out[6] = ((key7[5]! << 2) | (key7[6]! >> 6)) & 0xfe;
  out[7] = (key7[6]! << 1) & 0xfe;
  return out;
}

function desEncrypt(key7: Buffer, block: Buffer): Buffer {
  const cipher = des.DES.create({ type: 'encrypt', key: expandDesKey(key7), padding: false });
  return Buffer.from(cipher.update(block));
}

/** DESL(K, D) of MS-NLMP §6: three DES encryptions of D under the 16-byte key padded to 21 bytes. */
export function computeDesl(key16: Buffer, data8: Buffer): Buffer {
  const k = Buffer.alloc(21);
  key16.copy(k);
  return Buffer.concat([desEncrypt(k.subarray(0, 7), data8), desEncrypt(k.subarray(7, 14), data8), desEncrypt(k.subarray(14, 21), data8)]);
}

/** NTLMv1 NT response: DESL(NT hash, challenge); with extended session security the challenge is MD5(server ‖ client)[0..8]. */
export function computeNtlmV1Response(password: string, serverChallenge: Buffer, clientChallenge?: Buffer): Buffer {
  const challenge = clientChallenge
    ? createHash('md5').update(Buffer.concat([serverChallenge, clientChallenge])).digest().subarray(0, 8)
    : serverChallenge;
  return computeDesl(computeNtHash(password), challenge);
}
