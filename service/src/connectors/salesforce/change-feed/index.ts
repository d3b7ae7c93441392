export { createSalesforceChangeFeed, type SalesforceChangeFeed, type SalesforceChangeFeedDeps } from './change-feed.ts';
export { isCdcCursor, type SalesforceCdcCursor } from './cursor.ts';
export type { CdcChangeType, CdcEvent, ChangeEventHeader } from './decode-event.ts';
export type { FallbackReason, FallbackReport } from './fallback-poll.ts';
export { changeFeedOptionsSchema, DEFAULT_CHANNEL, MAX_NUM_REQUESTED, parseChangeFeedOptions, type ChangeFeedOptions, type ChangeFeedOptionsInput } from './feed-options.ts';
export { openPubSubConnection, type PubSubConnection, type PubSubConnectionOptions, type ReplayStart } from './pubsub-connection.ts';
export { replayIdFromBase64, replayIdToBase64 } from './replay-id.ts';
export { CDC_META_KEY, type CdcChangeMeta } from './source-changes.ts';
