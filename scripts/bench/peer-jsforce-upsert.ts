/**
 * The peer benchmark: what a Salesforce developer's plain script does with jsforce to push N GP-like customers into
 * Accounts — sObject Collections upsert on GP_Customer_Number__c, 200 records a call, `allOrNone: false` — against
 * the Salesforce emulator with latency on composite upsert (40 ms by default, as `npm run bench` uses). It measures
 * the peer, so the service's own figures (`npm run bench`) can be read against it and not only against the floor
 * ⌈N/200⌉.
 *
 *   npx tsx scripts/bench/peer-jsforce-upsert.ts --n 10000 --latency-ms 40 [--concurrency 1] [--sf-url http://…]
 *
 * The script is the plain one: client-credentials login, then `conn.sobject('Account').upsert(records, extId,
 * { allOrNone: false, allowRecursive: true })`, which jsforce splits into sequential calls of 200; with
 * `--concurrency k` it cuts the records into 200s itself and keeps k calls in flight (the parallel variant a script
 * writer reaches for). It has no change detection, so a second run re-sends every record (measured too).
 *
 * Figures: records/s, API calls (the emulator's own counters: token, composite upsert), CPU time of this process
 * (process.cpuUsage: with the default in-process emulator it includes the emulator's work, as `npm run bench` does),
 * peak RSS (sampled). Written as JSON to scripts/bench/results/peer-jsforce-upsert-<N>.json.
 *
 * Runner API for a combined report: `runPeerUpsert({ n, latencyMs, sfUrl?, concurrency? }) → PeerUpsertFigures`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Connection } from '@jsforce/jsforce-node';
import { PACKAGE_SCHEMA } from '../../service/src/connectors/salesforce/package-schema.generated.ts';
import { createSalesforceSandbox } from '../../service/sandbox/salesforce/index.ts';

const RECORDS_PER_CALL = 200;
const EXTERNAL_ID_FIELD = 'GP_Customer_Number__c';
const API_VERSION = '63.0';
const RSS_SAMPLE_MS = 50;
const SANDBOX_CLIENT = { clientId: '3MVG9sandbox.ml-connector.client', clientSecret: 'sandbox-client-secret' };

export interface PeerUpsertOptions {
  /** Records to upsert (default 10,000). */
  n?: number;
  /** Latency the emulator adds to every composite upsert call, ms (default 40). */
  latencyMs?: number;
  /** An emulator already running (its /_sandbox admin is used for latency and counters); default: start one here. */
  sfUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** Calls in flight: 1 = jsforce's own sequential split (default). */
  concurrency?: number;
}

export interface PeerRunFigures {
  seconds: number;
  recordsPerSecond: number;
  created: number;
  updated: number;
  failed: number;
  compositeUpsertCalls: number;
  cpuMs: { user: number; system: number; total: number };
}

export interface PeerUpsertFigures {
  tool: string;
  records: number;
  settings: { latencyMs: number; concurrency: number; mode: string; emulator: 'in-process' | 'external' };
  /** compositeUpsertFloor: 2 × ⌈N/200⌉, both runs at 200 records a call. */
  apiCalls: { total: number; token: number; compositeUpsert: number; compositeUpsertFloor: number };
  firstRun: PeerRunFigures;
  /** The same script run again on unchanged data: a plain script re-sends everything. */
  secondRun: PeerRunFigures;
  peakRssMb: number;
}

type Counters = { total: number; byEndpoint: Record<string, number | undefined> };

interface Emulator {
  url: string;
  counters(): Promise<Counters>;
  stop(): Promise<void>;
}

async function openEmulator(opts: PeerUpsertOptions, latencyMs: number): Promise<Emulator> {
  if (opts.sfUrl) {
    const base = opts.sfUrl.replace(/\/$/, '');
    const admin = (path: string, init?: RequestInit) => fetch(`${base}/_sandbox/${path}`, init);
    await admin('latency', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: latencyMs, endpoint: 'composite.upsert' }) });
    return { url: base, counters: async () => (await (await admin('counters')).json()) as Counters, stop: async () => {} };
  }
  const sandbox = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
  await sandbox.start();
  sandbox.faults.setLatency(latencyMs, 'composite.upsert');
  return { url: sandbox.url, counters: async () => sandbox.counters.snapshot() as Counters, stop: () => sandbox.stop() };
}

/** Accounts with the fields the GP customers → Accounts flow writes. */
function buildAccounts(n: number, runStamp: string): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(6, '0');
    return {
      [EXTERNAL_ID_FIELD]: `PEER${k}`,
      Name: `Peer Customer ${k}`,
      BillingStreet: `${(i % 900) + 100} Main Street\nSuite ${i % 50}`,
      BillingCity: ['Chicago', 'Seattle', 'Denver', 'Boston'][i % 4],
      BillingState: ['IL', 'WA', 'CO', 'MA'][i % 4],
      BillingPostalCode: String(60000 + (i % 9999)),
      BillingCountry: 'USA',
      Phone: `(312) 555-${String(i % 10000).padStart(4, '0')}`,
      Fax: `(312) 555-${String((i + 1) % 10000).padStart(4, '0')}`,
      GP_Customer_Class__c: ['USA-ILMO-T1', 'USA-WA-T2', 'USA-CO-T3'][i % 3],
      ERP_Payment_Terms__c: 'Net 30',
      ERP_Credit_Limit__c: (i % 20) * 500,
      ERP_On_Hold__c: i % 97 === 0,
      ERP_Last_Synced_At__c: runStamp,
    };
  });
}

type UpsertResult = { id?: string; success: boolean; created?: boolean; errors?: unknown[] };

async function upsertAll(conn: Connection, records: Array<Record<string, unknown>>, concurrency: number): Promise<UpsertResult[]> {
  const sobject = conn.sobject('Account');
  if (concurrency <= 1) {
    return (await sobject.upsert(records, EXTERNAL_ID_FIELD, { allOrNone: false, allowRecursive: true })) as UpsertResult[];
  }
  const chunks: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < records.length; i += RECORDS_PER_CALL) chunks.push(records.slice(i, i + RECORDS_PER_CALL));
  const results: UpsertResult[][] = new Array(chunks.length);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const index = next++;
      results[index] = (await sobject.upsert(chunks[index] ?? [], EXTERNAL_ID_FIELD, { allOrNone: false })) as UpsertResult[];
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return results.flat();
}

async function measureRun(conn: Connection, emulator: Emulator, records: Array<Record<string, unknown>>, concurrency: number): Promise<PeerRunFigures> {
  const callsBefore = (await emulator.counters()).byEndpoint['composite.upsert'] ?? 0;
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const results = await upsertAll(conn, records, concurrency);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpuBefore);
  const calls = ((await emulator.counters()).byEndpoint['composite.upsert'] ?? 0) - callsBefore;
  return {
    seconds: +(ms / 1000).toFixed(2),
    recordsPerSecond: Math.round(records.length / (ms / 1000)),
    created: results.filter((r) => r.success && r.created).length,
    updated: results.filter((r) => r.success && !r.created).length,
    failed: results.filter((r) => !r.success).length,
    compositeUpsertCalls: calls,
    cpuMs: { user: Math.round(cpu.user / 1000), system: Math.round(cpu.system / 1000), total: Math.round((cpu.user + cpu.system) / 1000) },
  };
}

export async function runPeerUpsert(opts: PeerUpsertOptions = {}): Promise<PeerUpsertFigures> {
  const n = opts.n ?? 10_000;
  const latencyMs = opts.latencyMs ?? 40;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  const emulator = await openEmulator(opts, latencyMs);
  try {
    const countersBefore = await emulator.counters();
    const conn = new Connection({
      oauth2: { loginUrl: emulator.url, clientId: opts.clientId ?? SANDBOX_CLIENT.clientId, clientSecret: opts.clientSecret ?? SANDBOX_CLIENT.clientSecret },
      version: API_VERSION,
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    const records = buildAccounts(n, new Date().toISOString());
    const firstRun = await measureRun(conn, emulator, records, concurrency);
    const secondRun = await measureRun(conn, emulator, records, concurrency);
    const countersAfter = await emulator.counters();
    const delta = (label: string) => (countersAfter.byEndpoint[label] ?? 0) - (countersBefore.byEndpoint[label] ?? 0);
    return {
      tool: `@jsforce/jsforce-node ${(await import('@jsforce/jsforce-node/package.json', { with: { type: 'json' } })).default.version}`,
      records: n,
      settings: {
        latencyMs,
        concurrency,
        mode: concurrency <= 1 ? 'sequential (jsforce allowRecursive)' : `parallel, ${concurrency} calls in flight`,
        emulator: opts.sfUrl ? 'external' : 'in-process',
      },
      apiCalls: { total: countersAfter.total - countersBefore.total, token: delta('oauth.token'), compositeUpsert: delta('composite.upsert'), compositeUpsertFloor: 2 * Math.ceil(n / RECORDS_PER_CALL) },
      firstRun,
      secondRun,
      peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1_048_576),
    };
  } finally {
    clearInterval(sampler);
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '10000' },
      'latency-ms': { type: 'string', default: '40' },
      concurrency: { type: 'string', default: '1' },
      'sf-url': { type: 'string' },
    },
  });
  const figures = await runPeerUpsert({ n: Number(values.n), latencyMs: Number(values['latency-ms']), concurrency: Number(values.concurrency), sfUrl: values['sf-url'] });
  console.log(JSON.stringify(figures, null, 2));
  mkdirSync('scripts/bench/results', { recursive: true });
  const suffix = figures.settings.concurrency > 1 ? `-c${figures.settings.concurrency}` : '';
  writeFileSync(`scripts/bench/results/peer-jsforce-upsert-${figures.records}${suffix}.json`, JSON.stringify(figures, null, 2));
  const failures = [
    figures.firstRun.failed + figures.secondRun.failed > 0 && `${figures.firstRun.failed + figures.secondRun.failed} records failed`,
    figures.firstRun.created !== figures.records && `first run created ${figures.firstRun.created} of ${figures.records}`,
  ].filter(Boolean);
  if (failures.length > 0) {
    console.error(`peer bench: FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
