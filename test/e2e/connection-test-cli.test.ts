/**
 * The `scripts/connection-test.ts` CLI: reads the service's config file format (env: secrets included), runs
 * every connection's test, prints one line per check, exits 1 when any fails; the flows tell a GP connection's
 * test which entities and operations to check.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSandbox } from '../../service/sandbox/dynamics-gp/index.ts';
import type { FlowDefinition } from '../../service/src/engine/flow.ts';
import { formatReport, gpFlowNeeds } from '../../scripts/connection-test/report.ts';
import { gpConfig, startGp } from '../connectors/dynamics-gp/soap/helpers.ts';

const run = promisify(execFile);

describe('connection-test CLI', () => {
  let gp: GpSandbox;
  beforeAll(async () => {
    gp = await startGp({ gpVersion: '2015' });
  });
  afterAll(() => gp?.stop());

  it('prints a report for every connection and exits 1 when a check fails', async () => {
    const { password: _p, ...config } = gpConfig(gp);
    const file = join(mkdtempSync(join(tmpdir(), 'gp-cli-')), 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        connections: [
          { id: 'gp-soap', system: 'dynamics-gp', name: 'GP over SOAP', config: { ...config, transport: 'soap' }, secrets: { password: 'env:GP_TEST_PASSWORD' } },
          { id: 'gp-badpw', system: 'dynamics-gp', name: 'GP, wrong password', config, secrets: { password: 'not-the-password' } },
        ],
      }),
    );
    const result = await run('node', ['--import', 'tsx', 'scripts/connection-test.ts', '--config', file], {
      env: { ...process.env, GP_TEST_PASSWORD: gp.credentials.password },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^PASS {2}gp-soap \(dynamics-gp\) — GP over SOAP$/m);
    expect(result.stdout).toMatch(/^ {2}ok {4}version +Dynamics GP 2015 \(reported by the server\)$/m);
    expect(result.stdout).toMatch(/^FAIL {2}gp-badpw \(dynamics-gp\)/m);
    expect(result.stdout).toMatch(/^ {2}FAIL {2}auth +GP refused the Windows credentials/m);
    expect(result.stdout).toContain('1 of 2 connection(s) failed');
    expect(result.stdout).not.toContain(gp.credentials.password);
    expect(result.stdout).not.toContain('not-the-password');
  });

  it('derives a GP connection\'s needs from the flows (source read, target create + update)', () => {
    const flows = [
      { source: { connection: 'gp', entity: 'customers' }, target: { connection: 'sf', entity: 'Account' } },
      { source: { connection: 'sf', entity: 'Order' }, target: { connection: 'gp', entity: 'salesOrders' } },
    ] as unknown as FlowDefinition[];
    expect(gpFlowNeeds('gp', flows)).toEqual([
      { entity: 'customers', operations: ['read'] },
      { entity: 'salesOrders', operations: ['create', 'update'] },
    ]);
    expect(formatReport([{ id: 'gp', system: 'dynamics-gp', name: 'GP', checks: [{ name: 'auth', ok: true, message: 'signed in' }] }])).toContain('All 1 connection(s) passed.');
  });
});
