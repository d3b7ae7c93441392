/**
 * The service as a process: environment → configuration → store → startService → banner → graceful shutdown
 * (SIGTERM / SIGINT finish the batch in flight). `main()` is production: connections and flows from the file in
 * ML_CONNECTOR_CONFIG. The sandbox (service/sandbox/main.ts) runs the same `runService` with its emulators'
 * configuration; this module never imports it, so production loads no emulator (service/start.ts picks the entry).
 */
import { randomBytes } from 'node:crypto';
import { loadEnv, type Env } from './config/env.ts';
import { readServiceConfigFile, resolveServiceConfig, type ServiceConfig } from './config/service-config.ts';
import { CONNECTOR_MODULES } from './connectors/modules.ts';
import { FLOW_TEMPLATES } from './flows/index.ts';
import { ConfigError } from './lib/errors.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { startService } from './service.ts';
import { openStore } from './store/open-store.ts';
import { parseSecretKey } from './store/secret-box.ts';

const SHUTDOWN_TIMEOUT_MS = 60_000;

export interface ServiceRun {
  env: Env;
  logger: Logger;
  /** The connections + flows configuration (the config file's shape). */
  rawConfig: unknown;
  /** Values for `env:` references besides the process environment. */
  configEnv?: Record<string, string>;
  /** The admin API key when ML_CONNECTOR_API_KEY is unset (the sandbox's fixed one); production requires the variable. */
  fallbackApiKey?: string;
  /** PGlite data directory (default: DATA_DIR). */
  dataDir?: string;
  /** Banner lines after the service's own (the sandbox's emulators). */
  describe?: () => string[];
  /** Once the service listens (the sandbox's live demo). */
  afterStart?: () => void;
  /** After the service stopped, or when it could not start (the sandbox stops its emulators). */
  release?: () => Promise<void>;
}

export function exitWithProblems(problems: string[]): never {
  console.error(`ml-connector cannot start; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}

/** The environment, or the process exits listing every problem (one line each, naming the variable). */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) exitWithProblems(err.problems);
    throw err;
  }
}

export async function runService(run: ServiceRun): Promise<void> {
  const { env, logger } = run;
  let config: ServiceConfig;
  let secretKey: Buffer;
  try {
    config = resolveServiceConfig(run.rawConfig, { templates: FLOW_TEMPLATES, modules: CONNECTOR_MODULES, env: { ...process.env, ...run.configEnv } });
    secretKey = env.ML_CONNECTOR_SECRET_KEY
      ? parseSecretKey(env.ML_CONNECTOR_SECRET_KEY, 'ML_CONNECTOR_SECRET_KEY')
      : randomBytes(32); // sandbox only (loadEnv requires the key elsewhere): its data lives in memory anyway
  } catch (err) {
    await run.release?.();
    if (err instanceof ConfigError) exitWithProblems(err.problems);
    if (err instanceof Error) exitWithProblems([err.message]);
    throw err;
  }

  const dataDir = run.dataDir ?? env.DATA_DIR;
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir, secretKey, logger });
  const apiKey = env.ML_CONNECTOR_API_KEY ?? run.fallbackApiKey;
  if (!apiKey) exitWithProblems(['ML_CONNECTOR_API_KEY: required outside the sandbox (the admin API key; at least 24 characters)']);
  const service = await startService({ store, config, modules: CONNECTOR_MODULES, logger, apiKey, port: env.PORT, host: env.HOST });

  printBanner(env, service.url, apiKey, store.kind, dataDir, config, run.describe?.() ?? []);
  run.afterStart?.();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing the batch in flight');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await service.stop();
    await store.close();
    await run.release?.();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function printBanner(env: Env, url: string, apiKey: string, storeKind: string, dataDir: string, config: ServiceConfig, more: string[]): void {
  const lines = [
    '',
    `ml-connector is running (${env.mode} mode)`,
    `  service      ${url}   (health: ${url}/health, metrics: ${url}/metrics)`,
    `  admin API    ${url}/api   header X-API-Key: ${env.ML_CONNECTOR_API_KEY ? '(from ML_CONNECTOR_API_KEY)' : apiKey}`,
    `  store        ${storeKind}${storeKind === 'pglite' ? ` (${dataDir})` : ''}`,
    `  flows        ${config.flows.map((f) => f.id).join(', ')}`,
  ];
  if (more.length > 0) lines.push('', ...more);
  lines.push('', 'Ctrl-C (SIGINT) or SIGTERM stops after the batch in flight.', '');
  console.log(lines.join('\n'));
}

/** Production: real systems from the file in ML_CONNECTOR_CONFIG. */
export async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const logger = createLogger({ level: env.LOG_LEVEL });
  let rawConfig: unknown;
  try {
    rawConfig = readServiceConfigFile(env.ML_CONNECTOR_CONFIG as string);
  } catch (err) {
    if (err instanceof ConfigError) exitWithProblems(err.problems);
    throw err;
  }
  await runService({ env, logger, rawConfig });
}
