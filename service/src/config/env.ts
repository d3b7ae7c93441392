/**
 * Environment, validated once at boot. Every problem is reported at once, one line each, naming the variable.
 */
import { z } from 'zod';
import { ConfigError } from '../lib/errors.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL when set (postgres:// or postgresql://); absent means the embedded PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** PGlite data directory (ignored with DATABASE_URL). */
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  /** 32-byte key (base64 or hex) that encrypts connection secrets at rest. Required outside the sandbox. */
  ML_CONNECTOR_SECRET_KEY: z.string().min(1).optional(),
  /** Key for the admin API and the Salesforce package's Named Credential. Required outside the sandbox. */
  ML_CONNECTOR_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  /** JSON file with connections and flows. Without it the service starts the sandbox. */
  ML_CONNECTOR_CONFIG: z.string().min(1).optional(),
  /** sandbox = emulators + demo data; production = real systems from ML_CONNECTOR_CONFIG. */
  ML_CONNECTOR_MODE: z.enum(['sandbox', 'production']).optional(),
  /** Public base URL of this service (for webhooks); optional. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema> & { mode: 'sandbox' | 'production' };

export function formatZodIssues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const path = i.path.length ? `${prefix}${prefix ? '.' : ''}${i.path.join('.')}` : prefix || '(root)';
    return `${path}: ${i.message}`;
  });
}

/** sandbox unless a config file is given (or ML_CONNECTOR_MODE says otherwise); the launcher picks the entry by it. */
export function modeOf(source: NodeJS.ProcessEnv = process.env): 'sandbox' | 'production' {
  const explicit = source.ML_CONNECTOR_MODE;
  if (explicit === 'sandbox' || explicit === 'production') return explicit;
  return source.ML_CONNECTOR_CONFIG ? 'production' : 'sandbox';
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError(formatZodIssues('', parsed.error));
  const env = parsed.data;
  const mode = modeOf(source);
  const problems: string[] = [];
  if (mode === 'production') {
    if (!env.ML_CONNECTOR_CONFIG) problems.push('ML_CONNECTOR_CONFIG: required in production mode (the JSON file with connections and flows)');
    if (!env.ML_CONNECTOR_SECRET_KEY) problems.push('ML_CONNECTOR_SECRET_KEY: required outside the sandbox (32 random bytes, base64 or hex: `openssl rand -base64 32`)');
    if (!env.ML_CONNECTOR_API_KEY) problems.push('ML_CONNECTOR_API_KEY: required outside the sandbox (the admin API key; at least 24 characters)');
  }
  if (problems.length) throw new ConfigError(problems);
  return { ...env, mode };
}
