import { createHmac, randomBytes } from 'node:crypto';

export interface IssuedSession {
  accessToken: string;
  issuedAt: number;
}

export interface SessionManager {
  issue(): IssuedSession;
  /** True if the token is known and not expired; using a session keeps it alive (inactivity timeout). */
  touch(token: string): boolean;
  expire(token: string): boolean;
  expireAll(): number;
  issuedCount(): number;
  activeCount(): number;
}

/**
 * Access tokens look like `00D…!AQ…` (org id, '!', opaque session). They expire after `sessionTimeoutMs` of
 * inactivity — the org's session timeout, 2 h by default (seed 000) — or on demand.
 */
export function createSessionManager(opts: { orgId: string; sessionTimeoutMs: number; now: () => number }): SessionManager {
  const sessions = new Map<string, { lastUsed: number }>();
  let issued = 0;
  const orgId15 = opts.orgId.slice(0, 15);
  const isLive = (s: { lastUsed: number }): boolean => opts.now() - s.lastUsed < opts.sessionTimeoutMs;
  return {
    issue() {
      const accessToken = `${orgId15}!AQ${randomBytes(72).toString('base64url').replace(/[-_]/g, '.')}`;
      const issuedAt = opts.now();
      sessions.set(accessToken, { lastUsed: issuedAt });
      issued += 1;
      return { accessToken, issuedAt };
    },
    touch(token) {
      const session = sessions.get(token);
      if (!session) return false;
      if (!isLive(session)) {
        sessions.delete(token);
        return false;
      }
      session.lastUsed = opts.now();
      return true;
    },
    expire: (token) => sessions.delete(token),
    expireAll() {
      const n = sessions.size;
      sessions.clear();
      return n;
    },
    issuedCount: () => issued,
    activeCount: () => [...sessions.values()].filter(isLive).length,
  };
}

/** The token response `signature`: base64 HMAC-SHA256 of `id + issued_at` keyed with the client secret. */
export function signIdentity(clientSecret: string, identityUrl: string, issuedAt: string): string {
  return createHmac('sha256', clientSecret).update(identityUrl + issuedAt).digest('base64');
}
