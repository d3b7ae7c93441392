import { createSalesforceAuth, type SalesforceAuth } from '../../../service/src/connectors/salesforce/auth.ts';
import { createSalesforceClient, type SalesforceClient } from '../../../service/src/connectors/salesforce/client.ts';
import { createSalesforceChangeFeed, type SalesforceChangeFeed } from '../../../service/src/connectors/salesforce/feeds/change-feed.ts';
import type { ChangeFeedOptionsInput } from '../../../service/src/connectors/salesforce/feeds/feed-options.ts';
import type { FallbackReport } from '../../../service/src/connectors/salesforce/feeds/fallback-poll.ts';
import type { SalesforceCdcCursor } from '../../../service/src/connectors/salesforce/feeds/cursor.ts';
import type { FeedPage, SourceChange } from '../../../service/src/engine/types.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { createPubSubEmulator, type PubSubEmulator, type PubSubEmulatorOptions } from '../../../service/sandbox/salesforce-pubsub/index.ts';
import { clientConfig, TEST_CUSTOM_SCHEMA } from './helpers.ts';

export interface Org {
  sandbox: SalesforceSandbox;
  pubsub: PubSubEmulator;
  client: SalesforceClient;
  auth: SalesforceAuth;
  /** Offset added to the emulator's clock (retention tests). */
  clock: { offsetMs: number };
  stop(): Promise<void>;
}

/** A REST sandbox with the Pub/Sub emulator next to it (short keepalives for tests). */
export async function startOrg(opts: Partial<PubSubEmulatorOptions> = {}): Promise<Org> {
  const sandbox = createSalesforceSandbox({ customSchema: TEST_CUSTOM_SCHEMA });
  await sandbox.start();
  const clock = { offsetMs: 0 };
  const pubsub = createPubSubEmulator({
    sandbox,
    channels: { ML_Connector__chn: ['AccountChangeEvent', 'OrderChangeEvent'] },
    keepaliveMs: 150,
    now: () => Date.now() + clock.offsetMs,
    ...opts,
  });
  await pubsub.start();
  const logger = silentLogger();
  const cfg = clientConfig(sandbox);
  const auth = createSalesforceAuth(cfg, { logger });
  const client = createSalesforceClient(cfg, { logger, auth });
  return {
    sandbox,
    pubsub,
    client,
    auth,
    clock,
    async stop() {
      await pubsub.stop();
      await sandbox.stop();
    },
  };
}

export interface TestFeed {
  feed: SalesforceChangeFeed;
  fallbacks: FallbackReport[];
}

export function openFeed(org: Org, overrides: Partial<ChangeFeedOptionsInput> = {}): TestFeed {
  const fallbacks: FallbackReport[] = [];
  const feed = createSalesforceChangeFeed(
    {
      channel: '/data/ML_Connector__chn',
      entities: ['Account'],
      pubsubEndpoint: org.pubsub.endpoint,
      caPem: org.pubsub.caPem,
      settleMs: 300,
      silenceTimeoutMs: 2000,
      reconnectDelaysMs: [50, 100, 200],
      ...overrides,
    },
    { client: org.client, auth: org.auth, logger: silentLogger(), onFallback: (r) => fallbacks.push(r) },
  );
  return { feed, fallbacks };
}

/**
 * Reads pages like the engine does (beginRun, then read with each page's cursor) until the feed has nothing more,
 * retrying empty reads until `until` is satisfied or the deadline passes.
 */
export async function drain(
  feed: SalesforceChangeFeed,
  from: SalesforceCdcCursor | null,
  until: (changes: SourceChange[]) => boolean,
  opts: { pageSize?: number; timeoutMs?: number } = {},
): Promise<{ changes: SourceChange[]; cursor: SalesforceCdcCursor | null; pages: FeedPage<SalesforceCdcCursor>[] }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 8000);
  const changes: SourceChange[] = [];
  const pages: FeedPage<SalesforceCdcCursor>[] = [];
  let cursor = feed.beginRun(from);
  for (;;) {
    const page = await feed.read(cursor, { pageSize: opts.pageSize ?? 50 });
    pages.push(page);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (page.hasMore) continue;
    if (until(changes) || Date.now() > deadline) return { changes, cursor, pages };
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const ids = (changes: SourceChange[]): string[] => changes.map((c) => c.id);
