import { z } from 'zod';
import { ConfigError } from '../../lib/errors.ts';
import { BC_FACTS } from './facts.ts';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const trimUrl = (u: string): string => u.replace(/\/+$/, '');

/** Connection settings that are secrets (stored encrypted, never logged or returned). */
export const BC_SECRET_KEYS = ['clientSecret', 'clientState'] as const;

const bcConnectionObject = z
  .object({
    /** Entra tenant id (GUID) or a verified domain such as contoso.onmicrosoft.com. */
    tenantId: z.string().trim().regex(/^[A-Za-z0-9.-]{1,256}$/, 'must be a tenant GUID or domain'),
    /** Environment name as it appears in the URL, e.g. "production" or "Sandbox-US". */
    environment: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,30}$/, 'must be the environment name (letters, digits, - and _, up to 30)'),
    /** Company id (GUID) from GET .../companies — checked here so no call is made with a malformed one. */
    companyId: z
      .string()
      .trim()
      .regex(GUID_RE, 'must be the company id GUID (GET .../api/v2.0/companies lists them)')
      .transform((s) => s.toLowerCase()),
    clientId: z.string().trim().min(1),
    clientSecret: z.string().min(1),
    authorityUrl: z.url().default(BC_FACTS.defaultAuthorityUrl).transform(trimUrl),
    apiBaseUrl: z.url().default(BC_FACTS.defaultApiBaseUrl).transform(trimUrl),
    scope: z.string().min(1).default(BC_FACTS.defaultScope),
    /** Requests in flight at once; BC processes 5 per user (FACTS §3). */
    maxConcurrent: z.number().int().min(1).max(BC_FACTS.maxConcurrentRequests).default(BC_FACTS.maxConcurrentRequests),
    /**
     * Requests per sliding window this process may make. BC allows 6,000 per user per 5 min; lower it when
     * other processes or replicas share the same app registration.
     */
    requestsPerWindow: z.number().int().min(1).max(BC_FACTS.maxRequestsPerWindow).default(BC_FACTS.maxRequestsPerWindow),
    rateWindowMs: z.number().int().positive().default(BC_FACTS.rateWindowMs),
    /** Page size asked for with Prefer: odata.maxpagesize (≤ 20,000). */
    pageSize: z.number().int().min(1).max(BC_FACTS.maxPageSize).default(1_000),
    requestTimeoutMs: z.number().int().positive().default(120_000),
    tokenTimeoutMs: z.number().int().positive().default(30_000),
    /** Public URL BC posts notifications to. Absent → change detection by polling lastModifiedDateTime only. */
    notificationUrl: z.url().optional(),
    /** Secret echoed in every notification; required with notificationUrl (a webhook must not pass unchecked). */
    clientState: z.string().min(16, 'must be at least 16 characters').max(BC_FACTS.clientStateMaxLength).optional(),
    /** Allow http:// URLs (the local sandbox only). */
    allowInsecureHttp: z.boolean().default(false),
  });

/** The non-secret settings of a Business Central connection (client secret and clientState go in `secrets`). */
export const bcSettingsSchema = bcConnectionObject.omit({ clientSecret: true, clientState: true });

export const bcConfigSchema = bcConnectionObject
  .superRefine((cfg, ctx) => {
    if (!cfg.allowInsecureHttp) {
      for (const key of ['authorityUrl', 'apiBaseUrl', 'notificationUrl'] as const) {
        const value = cfg[key];
        if (value !== undefined && !value.startsWith('https://')) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'must be an https:// URL (allowInsecureHttp is for the local sandbox only)' });
        }
      }
    }
    if (cfg.notificationUrl !== undefined && cfg.clientState === undefined) {
      ctx.addIssue({ code: 'custom', path: ['clientState'], message: 'is required when notificationUrl is set (notifications are verified with it)' });
    }
  });

export type BcConfig = z.output<typeof bcConfigSchema>;

/** Problems with a BC connection config, each naming its field (`<prefix>.companyId: …`); empty when valid. */
export function checkBcConfig(input: unknown, prefix = 'business-central'): string[] {
  const parsed = bcConfigSchema.safeParse(input);
  if (parsed.success) return [];
  // zod's messages describe the rule, never the value, so a secret cannot leak through them.
  return parsed.error.issues.map((issue) => `${[prefix, ...issue.path].join('.')}: ${issue.message}`);
}

export function parseBcConfig(input: unknown, prefix = 'business-central'): BcConfig {
  const parsed = bcConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(checkBcConfig(input, prefix));
}
