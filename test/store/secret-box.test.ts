import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeKeyId, createSecretBox, parseSecretKey, SecretBoxError } from '../../service/src/store/secret-box.ts';

const PLAINTEXT = 'pa55word-that-must-not-leak';

function flipCharAt(text: string, index: number): string {
  const c = text[index];
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('secret box', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('round-trips and never stores the plaintext', () => {
    const blob = box.seal(PLAINTEXT, 'connections/a');
    expect(blob).toMatch(/^v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+$/);
    expect(blob).not.toContain(PLAINTEXT);
    expect(Buffer.from(blob.split('.')[2]!, 'base64url').toString('latin1')).not.toContain(PLAINTEXT);
    expect(box.open(blob, 'connections/a')).toBe(PLAINTEXT);
  });

  it('uses a fresh IV per value', () => {
    const a = box.seal(PLAINTEXT, 'ctx');
    const b = box.seal(PLAINTEXT, 'ctx');
    expect(a).not.toBe(b);
    const ivOf = (blob: string) => Buffer.from(blob.split('.')[2]!, 'base64url').subarray(0, 12).toString('hex');
    expect(ivOf(a)).not.toBe(ivOf(b));
  });

  it('detects a tampered ciphertext, tag or IV', () => {
    const blob = box.seal(PLAINTEXT, 'ctx');
    const prefixLength = blob.lastIndexOf('.') + 1;
    for (const offset of [0, 14, 20, blob.length - prefixLength - 2]) {
      const tampered = flipCharAt(blob, prefixLength + offset);
      expect(() => box.open(tampered, 'ctx'), `offset ${offset}`).toThrow(/tampered/);
    }
  });

  it('binds a blob to its context (a blob copied to another row fails)', () => {
    const blob = box.seal(PLAINTEXT, 'connections/a');
    expect(() => box.open(blob, 'connections/b')).toThrow(SecretBoxError);
  });

  it('reports a wrong key by key id, without the plaintext', () => {
    const other = createSecretBox(randomBytes(32));
    const blob = box.seal(PLAINTEXT, 'ctx');
    let message = '';
    try {
      other.open(blob, 'ctx');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(`encrypted with key ${computeKeyId(key)}`);
    expect(message).toContain(other.keyId);
    expect(message).not.toContain(PLAINTEXT);
  });

  it('rejects malformed and truncated blobs', () => {
    expect(() => box.open('not a blob', 'ctx')).toThrow(/not a recognised/);
    expect(() => box.open(`v1.${box.keyId}.AAAA`, 'ctx')).toThrow(/truncated/);
    expect(() => box.open(`v2.${box.keyId}.AAAA`, 'ctx')).toThrow(/not a recognised/);
  });

  it('opens values sealed with a previous key after rotation, and seals with the new one', () => {
    const newKey = randomBytes(32);
    const rotated = createSecretBox(newKey, { previousKeys: [key] });
    const old = box.seal(PLAINTEXT, 'ctx');
    expect(rotated.open(old, 'ctx')).toBe(PLAINTEXT);
    expect(rotated.seal(PLAINTEXT, 'ctx').split('.')[1]).toBe(computeKeyId(newKey));
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes, got 16/);
  });
});

describe('parseSecretKey', () => {
  const key = randomBytes(32);

  it('accepts hex, base64 and base64url, trimming whitespace', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('hex').toUpperCase())).toEqual(key);
    expect(parseSecretKey(`  ${key.toString('base64')}\n`)).toEqual(key);
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key);
  });

  it('rejects other lengths and encodings with an error naming the field, never echoing the text', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseSecretKey(short, 'SECRET_KEY')).toThrow(/^SECRET_KEY must be 32 random bytes/);
    for (const bad of [short, randomBytes(33).toString('hex'), 'correct horse battery staple', '', `${key.toString('base64')}!`]) {
      let message = '';
      try {
        parseSecretKey(bad);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, bad).toMatch(/must be 32 random bytes/);
      if (bad.length > 0) expect(message).not.toContain(bad);
    }
  });
});
