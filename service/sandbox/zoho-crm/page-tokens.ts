/**
 * page_token paging of GET /{module} (v8 OAS [V]): every page answers a `next_page_token` and its expiry; a token
 * is bound to the request's parameters (TOKEN_BOUND_DATA_MISMATCH when they change [V]) and expires
 * (EXPIRED_VALUE [V]; lifetime [U], settings.pageTokenTtlMs). Tokens are keyset positions (the last record of the
 * page in sort order), so records written between pages are neither skipped nor repeated.
 */
import { randomBytes } from 'node:crypto';

export interface KeysetPosition {
  key: number | string;
  id: string;
}

export interface PageTokenEntry {
  orgId: string;
  module: string;
  fingerprint: string;
  after: KeysetPosition;
  /** The page this token fetches. */
  page: number;
  /** Records before this page, for the 100,000-record limit. */
  offset: number;
  previousToken: string | null;
  expiresAt: number;
}

export interface PageTokens {
  issue(entry: PageTokenEntry): string;
  get(token: string): PageTokenEntry | undefined;
}

export function createPageTokens(): PageTokens {
  const tokens = new Map<string, PageTokenEntry>();
  return {
    issue(entry) {
      const token = randomBytes(24).toString('hex');
      tokens.set(token, entry);
      return token;
    },
    get: (token) => tokens.get(token),
  };
}
