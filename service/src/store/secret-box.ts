/**
 * Authenticated encryption for values kept at rest (connection secrets). AES-256-GCM with a random 96-bit IV per
 * value; the stored blob is `v1.<keyId>.<base64url(iv | tag | ciphertext)>`. The key id (a fingerprint of the key)
 * lets a later rotation keep old keys around for reading, and turns "wrong key" into a precise error instead of a
 * generic authentication failure.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const BLOB_VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_HEX_CHARS = 16;

export interface SecretBox {
  /** Id of the key new values are sealed with. */
  readonly keyId: string;
  /** Encrypt `plaintext`; `context` (e.g. the row id) is authenticated too, so a blob moved to another row fails. */
  seal(plaintext: string, context: string): string;
  /** Decrypt a blob from seal(); throws SecretBoxError (never including the plaintext) on any mismatch. */
  open(blob: string, context: string): string;
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * Parse a 32-byte key given as 64 hex characters or as base64 / base64url. `field` names the setting in errors;
 * the key text itself is never echoed.
 */
export function parseSecretKey(text: string, field = 'secret key'): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const normalised = trimmed.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Buffer.from(normalised, 'base64');
    // Buffer.from ignores trailing garbage bits; re-encoding proves the text really was this key.
    const roundTrips = bytes.toString('base64').replace(/=+$/, '') === normalised.replace(/=+$/, '');
    if (bytes.length === KEY_BYTES && roundTrips) return bytes;
  }
  throw new SecretBoxError(
    `${field} must be ${KEY_BYTES} random bytes written as 64 hex characters or as base64 (44 characters); ` +
      `got ${trimmed.length} characters that are neither (generate one with: openssl rand -base64 32)`,
  );
}

/** Fingerprint that names a key without revealing it. */
export function computeKeyId(key: Buffer): string {
  return createHash('sha256').update('ml-connector secret-box key id\0').update(key).digest('hex').slice(0, KEY_ID_HEX_CHARS);
}

/**
 * `key` seals new values; `previousKeys` are only used to open values sealed before a rotation.
 */
export function createSecretBox(key: Buffer, opts: { previousKeys?: Buffer[] } = {}): SecretBox {
  for (const k of [key, ...(opts.previousKeys ?? [])]) {
    if (k.length !== KEY_BYTES) throw new SecretBoxError(`secret key must be ${KEY_BYTES} bytes, got ${k.length}`);
  }
  const keyId = computeKeyId(key);
  const keysById = new Map<string, Buffer>([[keyId, key]]);
  for (const k of opts.previousKeys ?? []) keysById.set(computeKeyId(k), k);

  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const packed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
      return `${BLOB_VERSION}.${keyId}.${packed}`;
    },
    open(blob, context) {
      const [version, blobKeyId, packed, ...rest] = blob.split('.');
      if (version !== BLOB_VERSION || !blobKeyId || packed === undefined || rest.length > 0) {
        throw new SecretBoxError('the stored value is not a recognised secret-box blob (corrupted or tampered)');
      }
      const blobKey = keysById.get(blobKeyId);
      if (!blobKey) {
        throw new SecretBoxError(
          `it was encrypted with key ${blobKeyId} but the configured key is ${keyId} (wrong or rotated secret key)`,
        );
      }
      const bytes = Buffer.from(packed, 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) {
        throw new SecretBoxError('the stored value is truncated (corrupted or tampered)');
      }
      const decipher = createDecipheriv('aes-256-gcm', blobKey, bytes.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('authentication failed: the stored value was tampered with or belongs to another row');
      }
    },
  };
}
