/**
 * `npm start` picks its entry by mode (service/start.ts): production (a config file) loads no emulator — not one
 * module under service/sandbox — while the sandbox entry does. Each mode runs in its own process with a module
 * resolve hook recording every module it loads.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const HOOK = path.join(import.meta.dirname, 'loaded-modules-hook.mjs');
const STARTUP_TIMEOUT_MS = 90_000;
/** Nothing listens there: connections are built at boot without calling their systems. */
const NOWHERE = 'https://127.0.0.1:9';

/** Starts `service/start.ts`, waits for its banner, stops it with SIGTERM; returns the modules it loaded. */
async function loadedModules(dir: string, name: string, env: Record<string, string>): Promise<{ modules: string[]; output: string; exitCode: number | null }> {
  const file = path.join(dir, `${name}-modules.txt`);
  await writeFile(file, '');
  const proc = spawn(process.execPath, ['--import', 'tsx', '--import', HOOK, 'service/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', LOADED_MODULES_FILE: file, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!/ml-connector is running/.test(output)) {
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      throw new Error(`${name} did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGTERM');
  const exitCode = await exited;
  const modules = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  return { modules, output, exitCode };
}

const under = (modules: string[], folder: string) => modules.filter((m) => m.includes(`/${folder}/`));

describe('npm start entry points', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mlc-entry-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('production mode loads the service and every connector, and no module of service/sandbox', async () => {
    const config = {
      connections: [
        { id: 'gp', system: 'dynamics-gp', name: 'GP', config: { baseUrl: NOWHERE, company: 'Fabrikam, Inc.', domain: 'FABRIKAM', username: 'svc' }, secrets: { password: 'env:ENTRY_GP_PASSWORD' } },
        { id: 'sf', system: 'salesforce', name: 'Salesforce', config: { loginUrl: NOWHERE, clientId: 'client' }, secrets: { clientSecret: 'env:ENTRY_SF_SECRET' } },
      ],
      // A yearly schedule: nothing runs while the test looks.
      flows: [{ template: 'gp-customers-to-sf-accounts', connections: { source: 'gp', target: 'sf' }, schedule: { cron: '0 0 1 1 *' } }],
    };
    await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
    const { modules, output, exitCode } = await loadedModules(dir, 'production', {
      ML_CONNECTOR_CONFIG: path.join(dir, 'config.json'),
      ML_CONNECTOR_SECRET_KEY: randomBytes(32).toString('hex'),
      ML_CONNECTOR_API_KEY: 'entry-test-api-key-0123456789abcdef',
      DATA_DIR: path.join(dir, 'pglite'),
      ENTRY_GP_PASSWORD: 'not-a-real-password',
      ENTRY_SF_SECRET: 'not-a-real-secret',
    });
    expect(output).toContain('ml-connector is running (production mode)');
    expect(exitCode).toBe(0);
    // The recording works: the production entry and every connector module were loaded...
    expect(modules.some((m) => m.endsWith('/service/src/main.ts'))).toBe(true);
    for (const system of ['dynamics-gp', 'salesforce', 'business-central']) expect(under(modules, `service/src/connectors/${system}`).length).toBeGreaterThan(0);
    // ...and not one emulator module, nor the certificate generator only the Pub/Sub emulator uses.
    expect(under(modules, 'service/sandbox')).toEqual([]);
    expect(modules.filter((m) => m.includes('/node_modules/selfsigned/'))).toEqual([]);
  }, 120_000);

  it('sandbox mode loads the emulators through the sandbox entry', async () => {
    const { modules, output, exitCode } = await loadedModules(dir, 'sandbox', {
      SANDBOX_GP_PORT: '0',
      SANDBOX_SF_PORT: '0',
      SANDBOX_SF_PUBSUB_PORT: '0',
      SANDBOX_BC_PORT: '0',
    });
    expect(output).toContain('ml-connector is running (sandbox mode)');
    expect(exitCode).toBe(0);
    expect(modules.some((m) => m.endsWith('/service/sandbox/main.ts'))).toBe(true);
    expect(under(modules, 'service/sandbox/dynamics-gp').length).toBeGreaterThan(0);
  }, 120_000);
});
