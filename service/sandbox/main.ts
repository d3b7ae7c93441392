/**
 * `npm start` without a configuration: the sandbox. Every registered emulator starts in-process with its demo data
 * (service/sandbox/registry.ts), then the same service production runs (service/src/main.ts runService) starts
 * against them; its store stays in memory unless DATA_DIR is set.
 */
import { exitWithProblems, loadEnvOrExit, runService } from '../src/main.ts';
import { FLOW_TEMPLATES } from '../src/flows/index.ts';
import { createLogger } from '../src/lib/logger.ts';
import { SANDBOX_API_KEY, startSandbox } from './start-sandbox.ts';

export async function main(): Promise<void> {
  const env = loadEnvOrExit();
  if (env.mode !== 'sandbox') exitWithProblems(['ML_CONNECTOR_MODE: the sandbox entry runs in sandbox mode only (unset ML_CONNECTOR_CONFIG)']);
  const logger = createLogger({ level: env.LOG_LEVEL });
  const sandbox = await startSandbox({ logger, serviceUrl: `http://127.0.0.1:${env.PORT}`, templates: FLOW_TEMPLATES });
  await runService({
    env,
    logger,
    rawConfig: sandbox.serviceConfig,
    fallbackApiKey: SANDBOX_API_KEY,
    // The emulators keep their data in memory, so the sandbox's store does too unless DATA_DIR is set explicitly.
    dataDir: process.env.DATA_DIR ? env.DATA_DIR : 'memory://',
    describe: sandbox.describe,
    afterStart: sandbox.afterServiceStarted,
    release: sandbox.stop,
  });
}
