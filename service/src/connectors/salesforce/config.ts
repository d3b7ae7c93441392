import { z } from 'zod';
import { ConfigError } from '../../lib/errors.ts';
import { SF_FACTS } from './facts.ts';

const HTTPS_REQUIRED = 'must be an https:// URL (set allowInsecureHttp only for the local sandbox)';

const namespaceSchema = z
  .string()
  .trim()
  .transform((ns) => ns.replace(/__$/, ''))
  .pipe(z.string().regex(/^([A-Za-z][A-Za-z0-9]{0,14})?$/, 'must be empty or a namespace prefix such as "mlc" (letters and digits, up to 15)'));

const salesforceConnectionObject = z
  .object({
    /** My Domain URL, e.g. https://acme.my.salesforce.com — the client credentials flow only works there. */
    loginUrl: z.url().transform((u) => u.replace(/\/+$/, '')),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    apiVersion: z.string().regex(/^\d{2,3}\.0$/, 'must look like "63.0"').default(SF_FACTS.defaultApiVersion),
    /** Package namespace prefix ('' = unmanaged): the service's custom `__c` / `__r` names become `ns__…`. */
    namespace: namespaceSchema.default(''),
    /** Allow http:// login and instance URLs (the local sandbox only). */
    allowInsecureHttp: z.boolean().default(false),
    requestTimeoutMs: z.number().int().positive().default(120_000),
    tokenTimeoutMs: z.number().int().positive().default(30_000),
    requestLimitBackoffMs: z.number().int().positive().default(SF_FACTS.requestLimitBackoffMs),
  });

/** The non-secret settings of a Salesforce connection (the client secret goes in `secrets`). */
export const salesforceSettingsSchema = salesforceConnectionObject.omit({ clientSecret: true });

export const salesforceConfigSchema = salesforceConnectionObject
  .superRefine((cfg, ctx) => {
    if (!cfg.allowInsecureHttp && !cfg.loginUrl.startsWith('https://')) {
      ctx.addIssue({ code: 'custom', path: ['loginUrl'], message: HTTPS_REQUIRED });
    }
  });

export type SalesforceConfig = z.output<typeof salesforceConfigSchema>;

/** Validates a Salesforce connection config; every problem names its field (`<prefix>.loginUrl: …`). */
export function parseSalesforceConfig(input: unknown, prefix = 'salesforce'): SalesforceConfig {
  const parsed = salesforceConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${[prefix, ...issue.path].join('.')}: ${issue.message}`);
  // Object-level refinements do not run when a field already failed; report the https rule anyway.
  const raw = (input ?? {}) as { loginUrl?: unknown; allowInsecureHttp?: unknown };
  const loginProblem = `${prefix}.loginUrl`;
  if (typeof raw.loginUrl === 'string' && raw.loginUrl.startsWith('http://') && raw.allowInsecureHttp !== true && !problems.some((p) => p.startsWith(loginProblem))) {
    problems.unshift(`${loginProblem}: ${HTTPS_REQUIRED}`);
  }
  throw new ConfigError(problems);
}
