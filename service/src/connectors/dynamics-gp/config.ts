/**
 * A Dynamics GP (SBA) connection. Everything that ends up in a URL or a header is validated here, before any
 * call. Limits follow the seeds: 2–5 concurrent GP requests, 100–200 ms apart.
 */
import { z } from 'zod';
import { ConfigError } from '../../lib/errors.ts';
import { classifyCompany } from './company-name.ts';
import { gpSbaFactsSchema } from './facts.ts';
import { isValidTimeZone } from './server-time.ts';
import { GP_SERVICE_NS } from './soap/soap-contract.ts';
import { GP_ENTITIES, GP_VERSIONS } from './version-coverage.ts';

export const GP_MAX_CONCURRENT_RANGE = { min: 2, max: 5 } as const;
export const GP_MIN_SPACING_MS_RANGE = { min: 100, max: 200 } as const;

const HTTPS_REQUIRED = 'must be an https:// URL — the GP Service requires SSL (set allowInsecureHttp only for the local sandbox)';

const companySchema = z.string().superRefine((value, ctx) => {
  const c = classifyCompany(value);
  if (!c.ok) ctx.addIssue({ code: 'custom', message: c.problem });
});

const gpConnectionObject = z
  .object({
    /** Scheme, host and port of the GP Service host, e.g. https://gp.fabrikam.local:443 (a path prefix is kept). */
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://gp.example.com' })
      .refine((u) => !/[?#]/.test(u), 'must not contain a query or fragment')
      .transform((u) => u.replace(/\/+$/, '')),
    allowInsecureHttp: z.boolean().default(false),
    tenant: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be a GP tenant name: letters, digits, _ . - (the default is DefaultTenant)')
      .default('DefaultTenant'),
    company: companySchema,
    /** Windows domain of the integration account (NetBIOS, e.g. FABRIKAM, or DNS, e.g. fabrikam.local). */
    domain: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/, 'must be a Windows domain name such as FABRIKAM or fabrikam.local'),
    username: z
      .string()
      .min(1, 'is required')
      .max(104)
      .refine((u) => !/[\\/@]/.test(u), 'must be the bare account name; put the domain in "domain" (not DOMAIN\\user or user@domain)'),
    password: z.string().min(1, 'is required'),
    /** Workstation name sent in the NTLM messages (optional). */
    workstation: z.string().regex(/^[A-Za-z0-9-]{1,15}$/, 'must be a NetBIOS computer name').optional(),
    maxConcurrent: z
      .number()
      .int()
      .min(GP_MAX_CONCURRENT_RANGE.min, `must be between 2 and 5: GP tolerates 2–5 concurrent requests from an integration`)
      .max(GP_MAX_CONCURRENT_RANGE.max, `must be between 2 and 5: GP tolerates 2–5 concurrent requests from an integration`)
      .default(2),
    minSpacingMs: z
      .number()
      .int()
      .min(GP_MIN_SPACING_MS_RANGE.min, 'must be between 100 and 200 ms: GP requests are spaced 100–200 ms apart')
      .max(GP_MIN_SPACING_MS_RANGE.max, 'must be between 100 and 200 ms: GP requests are spaced 100–200 ms apart')
      .default(150),
    /** IANA time zone of the GP SQL server (ModifiedDate is its local date, GP-DOMAIN §5). */
    timezone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as America/Chicago').optional(),
    /** Fixed UTC offset of the GP SQL server, in minutes, when no time zone name is given. */
    utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
    /** Days re-read before the stored watermark at the start of each run (date-only watermark, GP-DOMAIN §5). */
    overlapDays: z.number().int().min(0).max(31).default(1),
    pageSize: z.number().int().min(1).max(1000).default(500),
    requestTimeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
    /** PEM of the CA that issued the GP Service certificate, when it is not publicly trusted. */
    caPem: z.string().includes('-----BEGIN CERTIFICATE-----', { message: 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)' }).optional(),
    facts: gpSbaFactsSchema.prefault({}),
    /** Which GP API serves this connection: SBA (REST, GP 2015+) or GP Web Services (SOAP, legacy endpoint). */
    transport: z.enum(['sba', 'soap']).default('sba'),
    /** Per-entity override of `transport`, e.g. { "glAccounts": "soap" } on a GP 2015 whose SBA lacks them. */
    entityTransports: z.partialRecord(z.enum(GP_ENTITIES), z.enum(['sba', 'soap'])).default({}),
    /** The GP version, when the server does not say (SBA /help, SOAP ?wsdl); a detected version wins. */
    gpVersion: z.enum(GP_VERSIONS).optional(),
    /** GP Web Services: the integer company id (Context.OrganizationKey, FACTS §2.3 #1), resolved by name when absent. */
    companyKey: z.number().int().min(-32768).max(32767).optional(),
    soap: z
      .object({
        /** Scheme, host and port of the Web Services host (default port 48620, FACTS §2.2); defaults to baseUrl. */
        baseUrl: z
          .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://gp.example.com:48620' })
          .refine((u) => !/[?#]/.test(u), 'must not contain a query or fragment')
          .transform((u) => u.replace(/\/+$/, ''))
          .optional(),
        /** Path of the legacy (BasicHttpBinding) endpoint [C FACTS §2.2]. */
        servicePath: z.string().regex(/^\/[A-Za-z0-9/_.-]*$/, 'must be a path such as /DynamicsGPWebServices/DynamicsGPService.asmx').default('/DynamicsGPWebServices/DynamicsGPService.asmx'),
        /** Service namespace of the contract; action URIs are <namespace>/<Interface>/<Operation> [V 2010/01 WSDL]. */
        namespace: z.url().default(GP_SERVICE_NS),
      })
      .prefault({}),
    /** What the flows need from this connection (the connection test checks version coverage and permissions for these). */
    flowNeeds: z
      .array(z.object({ entity: z.enum(GP_ENTITIES), operations: z.array(z.enum(['read', 'create', 'update', 'post'])).min(1) }))
      .default([{ entity: 'customers', operations: ['read'] }]),
  });

/** The non-secret settings of a GP connection (`config` in the config file; the password goes in `secrets`). */
export const gpSettingsSchema = gpConnectionObject.omit({ password: true });

export const gpConnectionConfigSchema = gpConnectionObject
  .superRefine((cfg, ctx) => {
    if (!cfg.allowInsecureHttp && cfg.baseUrl.startsWith('http://')) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: HTTPS_REQUIRED });
    if (cfg.timezone !== undefined && cfg.utcOffsetMinutes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['utcOffsetMinutes'], message: 'give either timezone or utcOffsetMinutes, not both' });
    }
    if (cfg.soap.baseUrl && !cfg.allowInsecureHttp && cfg.soap.baseUrl.startsWith('http://')) {
      ctx.addIssue({ code: 'custom', path: ['soap', 'baseUrl'], message: 'must be an https:// URL (NTLM over plain HTTP exposes the exchange; set allowInsecureHttp only for the local sandbox)' });
    }
    const usesSoap = cfg.transport === 'soap' || Object.values(cfg.entityTransports).includes('soap');
    const company = classifyCompany(cfg.company);
    if (usesSoap && company.ok && company.form === 'database' && cfg.companyKey === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['company'],
        message: `"${cfg.company}" is a company database name; GP Web Services know companies by name or integer id — give the company name (e.g. "Fabrikam, Inc.") or companyKey`,
      });
    }
    if (cfg.pageSize > cfg.facts.maxPageSize) {
      ctx.addIssue({ code: 'custom', path: ['pageSize'], message: `must not exceed the GP Service's largest page (${cfg.facts.maxPageSize})` });
    }
  });

export type GpConnectionConfigInput = z.input<typeof gpConnectionConfigSchema>;
export type GpConnectionConfig = z.output<typeof gpConnectionConfigSchema>;

/** Validates a GP connection; each problem names its field (`<prefix>.company: …`). Never echoes the password. */
export function parseGpConnectionConfig(input: unknown, prefix = 'config'): GpConnectionConfig {
  const parsed = gpConnectionConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => `${[prefix, ...issue.path].join('.')}: ${issue.message}`));
}
