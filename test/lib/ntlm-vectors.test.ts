import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import httpntlm from 'httpntlm';
import {
  computeLmV2Response,
  computeNtHash,
  computeNtProofStr,
  computeNtowfV2,
  computeSessionBaseKey,
} from '../../service/src/lib/ntlm/ntlm-crypto.ts';
import { parseAuthenticateMessage, parseChallengeMessage } from '../../service/src/lib/ntlm/ntlm-messages.ts';
import { createNtlmServerAuth } from '../../service/src/lib/ntlm/ntlm-server-auth.ts';
import { verifyAuthenticateMessage, type NtlmAccount } from '../../service/src/lib/ntlm/ntlm-verify.ts';

interface Vectors {
  inputs: Record<string, string>;
  results: Record<string, string | { hex: string }>;
  messages_4_2_4_3: { CHALLENGE_MESSAGE: string; AUTHENTICATE_MESSAGE: string };
}
const v = JSON.parse(readFileSync(new URL('../fixtures/ntlm/ms-nlmp-4.2.4-ntlmv2-test-vectors.json', import.meta.url), 'utf8')) as Vectors;
const hex = (s: string) => Buffer.from(s, 'hex');
const result = (k: string) => {
  const r = v.results[k]!;
  return typeof r === 'string' ? r : r.hex;
};
const { User, UserDom, Passwd } = v.inputs as { User: string; UserDom: string; Passwd: string };
const serverChallenge = hex(v.inputs.ServerChallenge!);
const clientChallenge = hex(v.inputs.ClientChallenge!);
const specAccount: NtlmAccount = { domain: UserDom, user: User, password: Passwd };

describe('NTLMv2 computations against MS-NLMP §4.2.4', () => {
  it('NT hash and NTOWFv2 (user upper-cased, domain as given)', () => {
    expect(computeNtHash(Passwd).toString('hex')).toBe(result('NT_hash_MD4_UTF16LE_Password'));
    expect(computeNtowfV2(Passwd, User, UserDom).toString('hex')).toBe(result('NTOWFv2'));
    // The domain is not upper-cased: using DOMAIN gives a different key.
    expect(computeNtowfV2(Passwd, User, UserDom.toUpperCase()).toString('hex')).not.toBe(result('NTOWFv2'));
  });

  it('NTProofStr, LMv2 response and SessionBaseKey', () => {
    const ntowf = computeNtowfV2(Passwd, User, UserDom);
    const proof = computeNtProofStr(ntowf, serverChallenge, hex(result('temp')));
    expect(proof.toString('hex')).toBe(result('NTProofStr'));
    expect(computeLmV2Response(ntowf, serverChallenge, clientChallenge).toString('hex')).toBe(result('LMv2_Response_LmChallengeResponse'));
    expect(computeSessionBaseKey(ntowf, proof).toString('hex')).toBe(result('SessionBaseKey'));
  });

  it('parses the spec CHALLENGE and AUTHENTICATE messages', () => {
    const challenge = parseChallengeMessage(hex(v.messages_4_2_4_3.CHALLENGE_MESSAGE));
    expect(challenge.serverChallenge).toEqual(serverChallenge);
    expect(challenge.flags >>> 0).toBe(0xe28a8233);
    expect(challenge.targetName).toBe('Server');
    expect(challenge.targetInfo.toString('hex')).toBe(v.inputs.TargetInfo_AVPairs_hex);
    const auth = parseAuthenticateMessage(hex(v.messages_4_2_4_3.AUTHENTICATE_MESSAGE));
    expect(auth).toMatchObject({ domain: 'Domain', user: 'User', workstation: 'COMPUTER' });
    expect(auth.ntResponse.toString('hex')).toBe(result('NtChallengeResponse'));
    expect(auth.encryptedRandomSessionKey.toString('hex')).toBe(result('EncryptedRandomSessionKey'));
  });
});

describe('the verifier with the spec messages', () => {
  const challengeFlags = parseChallengeMessage(hex(v.messages_4_2_4_3.CHALLENGE_MESSAGE)).flags;
  const authenticate = parseAuthenticateMessage(hex(v.messages_4_2_4_3.AUTHENTICATE_MESSAGE));
  const verify = (opts: { password?: string; challenge?: Buffer }) =>
    verifyAuthenticateMessage(authenticate, {
      serverChallenge: opts.challenge ?? serverChallenge,
      challengeFlags,
      findAccount: (d, u) => (d.toUpperCase() === 'DOMAIN' && u.toUpperCase() === 'USER' ? { ...specAccount, password: opts.password ?? Passwd } : undefined),
      allowNtlmV1: false,
    });

  it('accepts the spec AUTHENTICATE for the spec CHALLENGE (server challenge 0123456789abcdef)', () => {
    expect(verify({})).toMatchObject({ ok: true, protocol: 'NTLMv2', account: { user: 'User' } });
  });

  it('rejects it for a wrong password or another server challenge', () => {
    expect(verify({ password: 'Passw0rd' })).toMatchObject({ ok: false, reason: 'unknown user or bad password' });
    expect(verify({ challenge: hex('0123456789abcdee') })).toMatchObject({ ok: false });
  });

  it('accepts it through the per-socket server state machine, and refuses a replay on another socket', () => {
    const server = createNtlmServerAuth({
      accounts: [specAccount],
      netbiosDomain: 'Domain',
      dnsDomain: 'domain.test',
      netbiosComputer: 'Server',
      dnsComputer: 'server.domain.test',
      randomBytes: () => Buffer.from(serverChallenge),
    });
    const socket = {};
    const type1 = httpntlm.ntlm.createType1Message({ username: User, domain: UserDom });
    expect(server.authenticate(socket, type1).kind).toBe('challenge');
    const type3Header = `NTLM ${hex(v.messages_4_2_4_3.AUTHENTICATE_MESSAGE).toString('base64')}`;
    expect(server.authenticate(socket, type3Header)).toMatchObject({ kind: 'authenticated', protocol: 'NTLMv2', handshakeCompleted: true });
    // Authenticated connection: later requests need no header (IIS behaviour).
    expect(server.authenticate(socket, undefined)).toMatchObject({ kind: 'authenticated', handshakeCompleted: false });
    // The same AUTHENTICATE on a socket that never got a CHALLENGE fails.
    expect(server.authenticate({}, type3Header)).toMatchObject({ kind: 'unauthorized', reason: 'AUTHENTICATE on a connection that never got a CHALLENGE' });
    expect(server.counters()).toMatchObject({ handshakesCompleted: 1, authenticateWithoutChallenge: 1 });
  });
});
