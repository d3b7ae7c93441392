/**
 * Business Central API v2.0 facts in one place (FACTS.md §3 / §3.1). Each value names its tag: [V] verified in
 * Microsoft's docs, [C] corroborated, [U] assumed. Checked once at load so a typo fails fast.
 */
import { z } from 'zod';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const factsSchema = z.object({
  defaultAuthorityUrl: z.url(),
  defaultApiBaseUrl: z.url(),
  defaultScope: z.string().endsWith('/.default'),
  apiVersionPath: z.literal('api/v2.0'),
  maxPageSize: z.number().int().positive(),
  maxBatchOperations: z.number().int().positive(),
  rateWindowMs: z.number().int().positive(),
  maxRequestsPerWindow: z.number().int().positive(),
  maxConcurrentRequests: z.number().int().positive(),
  retryableStatuses: z.array(z.number().int()),
  typicalTokenLifetimeMs: z.number().int().positive(),
  subscriptionLifetimeMs: z.number().int().positive(),
  maxSubscriptions: z.number().int().positive(),
  handshakeTimeoutMs: z.number().int().positive(),
  notificationDelayMs: z.number().int().positive(),
  collectionThreshold: z.number().int().positive(),
  clientStateMaxLength: z.number().int().positive(),
});

export const BC_FACTS = factsSchema.parse({
  /** [V] S2S token authority: POST {authority}/{tenant}/oauth2/v2.0/token. */
  defaultAuthorityUrl: 'https://login.microsoftonline.com',
  /** [V] {apiBase}/v2.0/{tenant}/{environment}/api/v2.0/companies({id})/{entitySet}. */
  defaultApiBaseUrl: 'https://api.businesscentral.dynamics.com',
  /** [V] client-credentials scope. */
  defaultScope: 'https://api.businesscentral.dynamics.com/.default',
  apiVersionPath: 'api/v2.0',
  /** [V] odata.maxpagesize is capped at 20,000 online; more → 413. */
  maxPageSize: 20_000,
  /** [V] $batch takes at most 100 operations. */
  maxBatchOperations: 100,
  /** [V] 6,000 OData requests per user per 5-minute sliding window, then 429. */
  rateWindowMs: 5 * MINUTE_MS,
  maxRequestsPerWindow: 6_000,
  /** [V] 5 requests processed at once per user; more are queued (then 503 after 8 min). */
  maxConcurrentRequests: 5,
  /** [V] 429 throttled, 408 operation timeout (8 min), 503 queue timeout, 504 gateway timeout; 500/502 [C]. */
  retryableStatuses: [408, 429, 500, 502, 503, 504],
  /** [C] AAD expires_in is usually 3599 s. */
  typicalTokenLifetimeMs: 3_599_000,
  /** [V] subscriptions expire 3 days after creation or renewal, silently. */
  subscriptionLifetimeMs: 3 * DAY_MS,
  /** [V] at most 200 subscriptions per environment. */
  maxSubscriptions: 200,
  /** [C] the validation handshake must be answered within ~5 s. */
  handshakeTimeoutMs: 5_000,
  /** [V] BC batches changes for 30 s after the first one; > 1,000 → one `collection` notification. */
  notificationDelayMs: 30_000,
  collectionThreshold: 1_000,
  /** [U] hinted by the docs' sample value "optionalValueOf2048". */
  clientStateMaxLength: 2_048,
});

/** Renew a subscription once less than this is left of its 3 days (maintenance runs far more often). */
export const SUBSCRIPTION_RENEW_BEFORE_MS = 1 * DAY_MS;
/** How often the lead should call the subscription manager's ensure(): well inside the renew margin. */
export const SUBSCRIPTION_MAINTAIN_INTERVAL_MS = 1 * HOUR_MS;
/** Refresh a cached token this long before it expires. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * MINUTE_MS;
/** Default overlap of a polling run: re-read the last minute, in case a long transaction committed late. */
export const DEFAULT_FEED_OVERLAP_MS = 1 * MINUTE_MS;

/** [V] salesInvoice.status strings. */
export const SALES_INVOICE_STATUSES = [' ', 'Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective'] as const;
/** [V] salesOrder.status strings. Draft = the order is still open for edits (BC "Open"); Open = released. */
export const SALES_ORDER_STATUSES = ['Draft', 'In Review', 'Open'] as const;
/** [V] v2.0 entity sets that accept webhook subscriptions (the subset this connector reads). */
export const WEBHOOK_ENTITY_SETS = ['customers', 'items', 'salesOrders', 'salesInvoices', 'customerPaymentJournals'] as const;

export function tokenUrl(authorityUrl: string, tenantId: string): string {
  return `${authorityUrl}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

export function serviceRootUrl(apiBaseUrl: string, tenantId: string, environment: string): string {
  return `${apiBaseUrl}/v2.0/${encodeURIComponent(tenantId)}/${encodeURIComponent(environment)}/${BC_FACTS.apiVersionPath}`;
}

/** The `resource` of a subscription: a path from the API root, not a URL ([V] example). */
export function subscriptionResource(companyId: string, entitySet: string): string {
  return `/${BC_FACTS.apiVersionPath}/companies(${companyId})/${entitySet}`;
}
