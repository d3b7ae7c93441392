/**
 * A credential's current token with single-flight refresh: concurrent callers share one token request (no refresh
 * stampede), a token is dropped shortly before it expires (when the system says when), and after a 401 only the
 * caller holding the still-current token refreshes — the others get the newer one.
 */
export interface TokenCache<T> {
  /** The current token, or a new one fetched once for every concurrent caller. */
  get(): Promise<T>;
  /** After a rejection of `rejectedToken`: refresh unless a newer token already replaced it. */
  refreshAfterRejection(rejectedToken: string): Promise<T>;
  /** Token requests made so far (tests, gauges). */
  requests(): number;
}

export interface TokenCacheOptions<T> {
  fetch(): Promise<T>;
  /** The bearer string of a token (compared after a rejection). */
  tokenOf(token: T): string;
  /** Epoch ms after which the token is not used any more (expiry minus a margin); absent = until rejected. */
  refreshAt?(token: T): number | undefined;
  onFetched?(token: T): void;
  now?: () => number;
}

export function createTokenCache<T>(opts: TokenCacheOptions<T>): TokenCache<T> {
  const now = opts.now ?? Date.now;
  let current: T | undefined;
  let inFlight: Promise<T> | undefined;
  let requests = 0;

  const fresh = (t: T | undefined): t is T => {
    if (t === undefined) return false;
    const at = opts.refreshAt?.(t);
    return at === undefined || now() < at;
  };

  function refresh(): Promise<T> {
    if (!inFlight) {
      current = undefined;
      requests += 1;
      inFlight = opts
        .fetch()
        .then((token) => {
          current = token;
          opts.onFetched?.(token);
          return token;
        })
        .finally(() => {
          inFlight = undefined;
        });
    }
    return inFlight;
  }

  return {
    get: () => (fresh(current) ? Promise.resolve(current) : refresh()),
    refreshAfterRejection(rejectedToken) {
      if (inFlight) return inFlight;
      if (fresh(current) && opts.tokenOf(current) !== rejectedToken) return Promise.resolve(current);
      return refresh();
    },
    requests: () => requests,
  };
}
