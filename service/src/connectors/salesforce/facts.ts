/**
 * Salesforce API facts in one place (FACTS.md §1; seed 000), each with its source. The rest of the folder takes
 * its numbers from here.
 */
export const SF_FACTS = {
  /** REST API version the connector speaks unless configured (seed 000 names v63.0). */
  defaultApiVersion: '63.0',
  /** sObject Collections take at most 200 records a call, upsert and update alike (FACTS 1.2 [V]). */
  maxCollectionRecords: 200,
  /** After 403 REQUEST_LIMIT_EXCEEDED, stay away: the org's daily allowance is a rolling 24 h (FACTS 1.3 #14). */
  requestLimitBackoffMs: 60 * 60 * 1000,
  /** Most events one Pub/Sub FetchRequest may ask for (FACTS 1.3 #2 [V]). */
  maxEventsRequested: 100,
  /** Keepalives arrive within 270 s (proto comment, FACTS 1.3 #3): a stream silent longer is presumed dead. */
  streamSilenceTimeoutMs: 300_000,
  /** The package's CDC channel (force-app/main/default/platformEventChannels/ML_Connector__chn). */
  packageChannel: '/data/ML_Connector__chn',
  /** Production Pub/Sub API endpoint (FACTS 1.1). */
  pubSubEndpoint: 'api.pubsub.salesforce.com:7443',
} as const;
