/**
 * Webhook notification delivery (FACTS §3, 3.1 #4–#7 [V]): changes are collected for a delay after the first
 * one (30 s in BC; shortened here by default), more than 1,000 changes on a subscription in one window become a
 * single `collection` notification, one POST per notification URL carries `{"value":[...]}` items with
 * clientState and no entity data. 408/429/5xx (and network failures) are retried for up to 36 h; any other
 * non-2xx answer deletes the subscriptions in that POST. Expired subscriptions receive nothing.
 */
import type { SandboxClock } from './clock.ts';
import { isoAt } from './clock.ts';
import type { StoreChange } from './record-store.ts';
import type { Subscription, SubscriptionRegistry } from './subscription-registry.ts';

export const BC_NOTIFICATION_DELAY_MS = 30_000;
export const COLLECTION_THRESHOLD = 1_000;
export const RETRY_WINDOW_MS = 36 * 60 * 60 * 1000;

export interface NotificationItem {
  subscriptionId: string;
  clientState: string;
  expirationDateTime: string;
  resource: string;
  changeType: 'created' | 'updated' | 'deleted' | 'collection';
  lastModifiedDateTime: string;
}

export interface NotifierOptions {
  clock: SandboxClock;
  registry: SubscriptionRegistry;
  companyId: string;
  delayMs: number;
  collectionThreshold: number;
  retryDelaysMs: number[];
  deliveryTimeoutMs: number;
}

export interface DeliveryRecord {
  url: string;
  items: NotificationItem[];
  status: number | 'network-error' | 'dropped';
  attempt: number;
}

export interface NotifierStats {
  posts: number;
  delivered: number;
  retriesScheduled: number;
  dropped: number;
  subscriptionsDeleted: number;
  gaveUp: number;
}

export interface Notifier {
  onChange(change: StoreChange): void;
  /** Deliver everything pending and every scheduled retry now; resolves when those POSTs are answered. */
  flush(): Promise<void>;
  dropNext(count: number): void;
  deliveries(): DeliveryRecord[];
  stats(): NotifierStats;
  pendingCount(): number;
  stop(): void;
}

interface Retry {
  url: string;
  items: NotificationItem[];
  attempt: number;
  firstAttemptAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export function createNotifier(opts: NotifierOptions): Notifier {
  const { clock, registry } = opts;
  const pending = new Map<string, { sub: Subscription; entitySet: string; changes: StoreChange[] }>();
  const retries = new Set<Retry>();
  const log: DeliveryRecord[] = [];
  const stats: NotifierStats = { posts: 0, delivered: 0, retriesScheduled: 0, dropped: 0, subscriptionsDeleted: 0, gaveUp: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dropBudget = 0;
  let stopped = false;

  const base = `api/v2.0/companies(${opts.companyId})`;

  function itemsFor(sub: Subscription, entitySet: string, changes: StoreChange[]): NotificationItem[] {
    const head = { subscriptionId: sub.subscriptionId, clientState: sub.clientState, expirationDateTime: sub.expirationDateTime };
    if (changes.length > opts.collectionThreshold) {
      const since = isoAt(Date.parse((changes[0] as StoreChange).lastModifiedDateTime) - 1).replace(/\.\d{3}Z$/, 'Z');
      // The published example filters on "lastDateTimeModified" (sic); the emulator sends what the docs show.
      return [
        {
          ...head,
          resource: `/${base}/${entitySet}?$filter=lastDateTimeModified%20gt%20${since}`,
          changeType: 'collection',
          lastModifiedDateTime: (changes.at(-1) as StoreChange).lastModifiedDateTime,
        },
      ];
    }
    return changes.map((c) => ({ ...head, resource: `${base}/${entitySet}(${c.id})`, changeType: c.changeType, lastModifiedDateTime: c.lastModifiedDateTime }));
  }

  function isRetryable(status: number): boolean {
    return status === 408 || status === 429 || status >= 500;
  }

  async function post(url: string, items: NotificationItem[], attempt: number, firstAttemptAt: number): Promise<void> {
    // Subscriptions deleted or expired since the items were built receive nothing.
    const alive = items.filter((i) => registry.get(i.subscriptionId) !== undefined);
    if (alive.length === 0 || stopped) return;
    if (dropBudget > 0) {
      dropBudget -= 1;
      stats.dropped += 1;
      log.push({ url, items: alive, status: 'dropped', attempt });
      return;
    }
    stats.posts += 1;
    let status: number | 'network-error';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value: alive }),
        signal: AbortSignal.timeout(opts.deliveryTimeoutMs),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'network-error';
    }
    log.push({ url, items: alive, status, attempt });
    if (typeof status === 'number' && status >= 200 && status < 300) {
      stats.delivered += 1;
      return;
    }
    if (status === 'network-error' || isRetryable(status)) {
      if (clock.now() - firstAttemptAt >= RETRY_WINDOW_MS) {
        stats.gaveUp += 1;
        return;
      }
      const delay = opts.retryDelaysMs[Math.min(attempt - 1, opts.retryDelaysMs.length - 1)] ?? 1_000;
      const retry: Retry = {
        url,
        items: alive,
        attempt: attempt + 1,
        firstAttemptAt,
        timer: setTimeout(() => {
          retries.delete(retry);
          void post(url, alive, retry.attempt, firstAttemptAt);
        }, delay),
      };
      retry.timer.unref?.();
      retries.add(retry);
      stats.retriesScheduled += 1;
      return;
    }
    // FACTS 3.1 #6: any other answer deletes the subscription.
    for (const id of new Set(alive.map((i) => i.subscriptionId))) {
      if (registry.remove(id)) stats.subscriptionsDeleted += 1;
    }
  }

  async function deliverPending(): Promise<void> {
    timer = undefined;
    const batches = new Map<string, NotificationItem[]>();
    for (const { sub, entitySet, changes } of pending.values()) {
      const items = itemsFor(sub, entitySet, changes);
      batches.set(sub.notificationUrl, [...(batches.get(sub.notificationUrl) ?? []), ...items]);
    }
    pending.clear();
    const now = clock.now();
    await Promise.all([...batches].map(([url, items]) => post(url, items, 1, now)));
  }

  return {
    onChange(change) {
      if (stopped) return;
      const subs = registry.forEntitySet(change.entitySet);
      for (const sub of subs) {
        const entry = pending.get(sub.subscriptionId) ?? { sub, entitySet: change.entitySet, changes: [] };
        entry.sub = sub;
        entry.changes.push(change);
        pending.set(sub.subscriptionId, entry);
      }
      if (subs.length > 0 && timer === undefined) {
        timer = setTimeout(() => void deliverPending(), opts.delayMs);
        timer.unref?.();
      }
    },
    async flush() {
      if (timer) clearTimeout(timer);
      const due = [...retries];
      retries.clear();
      for (const r of due) clearTimeout(r.timer);
      await Promise.all([deliverPending(), ...due.map((r) => post(r.url, r.items, r.attempt, r.firstAttemptAt))]);
    },
    dropNext(count) {
      dropBudget += count;
    },
    deliveries: () => log.map((d) => ({ ...d, items: d.items.map((i) => ({ ...i })) })),
    stats: () => ({ ...stats }),
    pendingCount: () => [...pending.values()].reduce((n, p) => n + p.changes.length, 0) + retries.size,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const r of retries) clearTimeout(r.timer);
      retries.clear();
      pending.clear();
    },
  };
}
