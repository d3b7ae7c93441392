/**
 * `npm start`: the service on the embedded default (PGlite + the sandbox emulators + demo data + every flow), or,
 * with ML_CONNECTOR_CONFIG, the same service against real systems.
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
import { SANDBOX_API_KEY, startSandbox, type RunningSandbox } from '../sandbox/start-sandbox.ts';

const SHUTDOWN_TIMEOUT_MS = 60_000;

function fail(problems: string[]): never {
  console.error(`ml-connector cannot start; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.problems);
    throw err;
  }
  const logger: Logger = createLogger({ level: env.LOG_LEVEL });

  let sandbox: RunningSandbox | undefined;
  let rawConfig: unknown;
  if (env.mode === 'sandbox') {
    sandbox = await startSandbox({ logger });
    rawConfig = sandbox.serviceConfig;
  } else {
    rawConfig = readServiceConfigFile(env.ML_CONNECTOR_CONFIG as string);
  }

  let config: ServiceConfig;
  let secretKey: Buffer;
  try {
    config = resolveServiceConfig(rawConfig, { templates: FLOW_TEMPLATES, modules: CONNECTOR_MODULES, env: { ...process.env, ...sandbox?.env } });
    secretKey = env.ML_CONNECTOR_SECRET_KEY
      ? parseSecretKey(env.ML_CONNECTOR_SECRET_KEY, 'ML_CONNECTOR_SECRET_KEY')
      : randomBytes(32); // sandbox only (loadEnv requires the key elsewhere): its data lives in memory anyway
  } catch (err) {
    await sandbox?.stop();
    if (err instanceof ConfigError) fail(err.problems);
    if (err instanceof Error) fail([err.message]);
    throw err;
  }

  // The sandbox's emulators keep their data in memory, so its store does too unless DATA_DIR is set explicitly.
  const dataDir = env.mode === 'sandbox' && !process.env.DATA_DIR ? 'memory://' : env.DATA_DIR;
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir, secretKey, logger });
  const apiKey = env.ML_CONNECTOR_API_KEY ?? SANDBOX_API_KEY;
  const service = await startService({ store, config, modules: CONNECTOR_MODULES, logger, apiKey, port: env.PORT, host: env.HOST });

  printBanner(env, service.url, apiKey, store.kind, dataDir, sandbox, config);
  sandbox?.afterServiceStarted();

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
    await sandbox?.stop();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function printBanner(env: Env, url: string, apiKey: string, storeKind: string, dataDir: string, sandbox: RunningSandbox | undefined, config: ServiceConfig): void {
  const lines = [
    '',
    `ml-connector is running (${env.mode} mode)`,
    `  service      ${url}   (health: ${url}/health, metrics: ${url}/metrics)`,
    `  admin API    ${url}/api   header X-API-Key: ${env.ML_CONNECTOR_API_KEY ? '(from ML_CONNECTOR_API_KEY)' : apiKey}`,
    `  store        ${storeKind}${storeKind === 'pglite' ? ` (${dataDir})` : ''}`,
    `  flows        ${config.flows.map((f) => f.id).join(', ')}`,
  ];
  if (sandbox) lines.push('', ...sandbox.describe());
  lines.push('', 'Ctrl-C (SIGINT) or SIGTERM stops after the batch in flight.', '');
  console.log(lines.join('\n'));
}

void main().catch((err: unknown) => {
  console.error('ml-connector failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
