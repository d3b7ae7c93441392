/**
 * The service as users run it (`npm start`'s entry, service/start.ts, in its own process; production mode with a
 * config file and a PGlite data directory) against the emulators running in this test: a SIGKILL in the middle of a batch and a restart lose
 * nothing and duplicate nothing; SIGTERM finishes the batch in flight, records it, and exits cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { openStore } from '../../../service/src/store/open-store.ts';
import { createGpSandbox, GP_SANDBOX_DEFAULT_USER, type GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';

const FLOW_ID = 'gp-customers-to-sf-accounts';
const API_KEY = 'lifecycle-api-key-0123456789abcdef';
const SECRET_KEY = randomBytes(32);
const STARTUP_TIMEOUT_MS = 60_000;

interface Child {
  proc: ChildProcess;
  url: Promise<string>;
  output: () => string;
  exited: Promise<number | null>;
}

function startService(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'service/start.ts'], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}`)), STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /service\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, url, output: () => out, exited };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the service process', () => {
  let gp: GpSandbox;
  let sf: SalesforceSandbox;
  let dir: string;
  let env: Record<string, string>;
  let total: number;

  beforeAll(async () => {
    gp = createGpSandbox({ syntheticCustomers: 1500, latency: { fixedMs: 10, jitterMs: 0 } });
    sf = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
    await gp.start();
    await sf.start();
    // Slow Salesforce writes, so a kill lands in the middle of a run.
    sf.faults.setLatency(400, 'composite.upsert');
    total = gp.company().table('RM00101').size;
    dir = await mkdtemp(path.join(tmpdir(), 'mlc-lifecycle-'));
    const config = {
      connections: [
        {
          id: 'gp',
          system: 'dynamics-gp',
          name: 'GP',
          config: { baseUrl: gp.url, company: 'Fabrikam, Inc.', domain: GP_SANDBOX_DEFAULT_USER.domain, username: GP_SANDBOX_DEFAULT_USER.username, allowInsecureHttp: true },
          secrets: { password: 'env:LIFECYCLE_GP_PASSWORD' },
        },
        { id: 'sf', system: 'salesforce', name: 'SF', config: { loginUrl: sf.url, clientId: sf.clientId, allowInsecureHttp: true }, secrets: { clientSecret: 'env:LIFECYCLE_SF_SECRET' } },
      ],
      flows: [{ template: FLOW_ID, connections: { source: 'gp', target: 'sf' }, pageSize: 400, schedule: { intervalMs: 1000 } }],
    };
    await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
    env = {
      ML_CONNECTOR_CONFIG: path.join(dir, 'config.json'),
      ML_CONNECTOR_SECRET_KEY: SECRET_KEY.toString('hex'),
      ML_CONNECTOR_API_KEY: API_KEY,
      DATA_DIR: path.join(dir, 'pglite'),
      PORT: '0',
      LOG_LEVEL: 'info',
      LIFECYCLE_GP_PASSWORD: GP_SANDBOX_DEFAULT_USER.password,
      LIFECYCLE_SF_SECRET: sf.clientSecret,
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([gp.stop(), sf.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing when killed in the middle of a batch and restarted', async () => {
    const first = startService(env);
    await first.url;
    await waitFor('a few Salesforce writes', () => (sf.counters.get('composite.upsert') >= 3 ? true : undefined));
    first.proc.kill('SIGKILL');
    await first.exited;
    const writtenBeforeKill = sf.records.count('Account');
    expect(writtenBeforeKill).toBeGreaterThan(0);
    expect(writtenBeforeKill).toBeLessThan(total);

    const second = startService(env);
    const url = await second.url;
    const flows = await waitFor('the flow to finish a run after the restart', async () => {
      const res = await fetch(`${url}/api/flows`, { headers: { 'X-API-Key': API_KEY } });
      const body = (await res.json()) as { flows: { lastRun: { status: string; trigger: string } | null }[] };
      const last = body.flows[0]?.lastRun;
      return last?.status === 'succeeded' && sf.records.count('Account') === total ? body : undefined;
    });
    expect(flows.flows[0]?.lastRun?.status).toBe('succeeded');
    const numbers = sf.records.list('Account').map((a) => a.GP_Customer_Number__c);
    expect(numbers).toHaveLength(total);
    expect(new Set(numbers).size).toBe(total);

    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('stopped cleanly');
  }, 120_000);

  it('on SIGTERM finishes the batch in flight, records its outcomes and exits 0', async () => {
    for (const id of gp.company().table<Record<string, unknown>>('RM00101').values().slice(0, 1200).map((r) => String(r.CUSTNMBR ?? r.CustomerId).trim())) {
      gp.editCustomer(id, { City: 'Springfield' });
    }
    const callsBefore = sf.counters.get('composite.upsert');
    const child = startService(env);
    await child.url;
    await waitFor('the run to start writing', () => (sf.counters.get('composite.upsert') > callsBefore ? true : undefined));
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.output()).toContain('stopped cleanly');

    // Every Account Salesforce changed has its outcome in the store, and no run was left half-recorded.
    const store = await openStore({ dataDir: env.DATA_DIR, secretKey: SECRET_KEY });
    try {
      const runs = await store.runs.list({ flowId: FLOW_ID, limit: 20 });
      expect(runs.every((r) => r.status !== 'running')).toBe(true);
      const springfield = sf.records.list('Account').filter((a) => a.BillingCity === 'Springfield').map((a) => String(a.GP_Customer_Number__c));
      expect(springfield.length).toBeGreaterThan(0);
      const links = await store.links.get(FLOW_ID, springfield);
      expect(links.size).toBe(springfield.length);
      const updated = await store.audit.query({ flowId: FLOW_ID, outcome: 'updated', limit: 1000 });
      const audited = new Set(updated.map((e) => e.sourceId));
      expect(springfield.filter((id) => !audited.has(id))).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
