import { z } from 'zod';
import { ConfigError } from '../../../lib/errors.ts';
import { SF_FACTS } from '../facts.ts';

/** `ML_Connector__chn` → `/data/ML_Connector__chn`; full topic names pass through. */
function toTopicName(channel: string): string {
  return channel.startsWith('/') ? channel : `/data/${channel}`;
}

export const changeFeedOptionsSchema = z.object({
  /** CDC channel: `/data/ML_Connector__chn`, `/data/AccountChangeEvent`, `/data/ChangeEvents`… (a bare name gets `/data/`). */
  channel: z.string().min(1).transform(toTopicName).default(SF_FACTS.packageChannel),
  /** Objects this flow reads; events of other entities on the channel are skipped (their position still advances). */
  entities: z.array(z.string().min(1)).min(1),
  /** `host:port` of the Pub/Sub API (api.pubsub.salesforce.com:7443 in production). */
  pubsubEndpoint: z.string().regex(/^[^\s/:]+:\d+$/, 'must be host:port').default(SF_FACTS.pubSubEndpoint),
  /** Extra CA (PEM) to trust: the local emulator's certificate. Leave unset against Salesforce. */
  caPem: z.string().includes('BEGIN CERTIFICATE').optional(),
  numRequested: z.number().int().min(1).max(SF_FACTS.maxEventsRequested).default(SF_FACTS.maxEventsRequested),
  maxBufferedEvents: z.number().int().min(1).default(1000),
  silenceTimeoutMs: z.number().int().positive().default(SF_FACTS.streamSilenceTimeoutMs),
  /** After (re)subscribing, how long read() waits for the first response before answering. */
  settleMs: z.number().int().nonnegative().default(2000),
  reconnectDelaysMs: z.array(z.number().int().nonnegative()).min(1).default([500, 1000, 2000, 5000, 15_000, 30_000]),
  /** Where a flow's very first subscription starts (no stored cursor). */
  initialReplay: z.enum(['LATEST', 'EARLIEST']).default('LATEST'),
  /** A fallback poll starts this long before the last durable commit (clock skew, minute-granular windows). */
  fallbackOverlapMs: z.number().int().nonnegative().default(60_000),
  /** Fields to re-read per entity (default: every field describe lists). */
  fields: z.record(z.string(), z.array(z.string().min(1))).optional(),
  maxParseFailures: z.number().int().min(1).default(3),
});

export type ChangeFeedOptionsInput = z.input<typeof changeFeedOptionsSchema>;
export type ChangeFeedOptions = z.output<typeof changeFeedOptionsSchema>;

export function parseChangeFeedOptions(input: unknown, prefix = 'salesforce.changeFeed'): ChangeFeedOptions {
  const parsed = changeFeedOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => `${[prefix, ...issue.path].join('.')}: ${issue.message}`));
}
