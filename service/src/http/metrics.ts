/**
 * Prometheus metrics, one registry per app instance (tests run several apps in one process).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineMetrics } from '../engine/engine.ts';
import type { RunStats } from '../engine/runner.ts';

export interface Metrics {
  registry: Registry;
  engine: EngineMetrics;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  /** Register a callback that reports live gauges per connection at scrape time. */
  addConnectionGauges(collect: () => { connection: string; name: string; value: number }[]): void;
  addParkedGauge(collect: () => Promise<number>): void;
}

const OUTCOME_KEYS: (keyof RunStats)[] = ['created', 'updated', 'unchanged', 'parked', 'ignored', 'refused'];

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'mlc_' });
  const records = new Counter({ name: 'mlc_records_total', help: 'Record outcomes by flow', labelNames: ['flow', 'outcome'] as const, registers: [registry] });
  const runs = new Counter({ name: 'mlc_runs_total', help: 'Flow runs by status', labelNames: ['flow', 'status'] as const, registers: [registry] });
  const runSeconds = new Histogram({
    name: 'mlc_run_duration_seconds',
    help: 'Flow run duration',
    labelNames: ['flow'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [registry],
  });
  const writeCalls = new Counter({ name: 'mlc_write_calls_total', help: 'Write calls to target systems', labelNames: ['flow'] as const, registers: [registry] });
  const httpRequests = new Counter({ name: 'mlc_http_requests_total', help: 'HTTP requests served', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const collectors: (() => { connection: string; name: string; value: number }[])[] = [];
  new Gauge({
    name: 'mlc_connection_gauge',
    help: 'Live per-connection numbers (limiter in flight, API budget used / max...)',
    labelNames: ['connection', 'name'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const c of collectors) for (const g of c()) this.set({ connection: g.connection, name: g.name }, g.value);
    },
  });
  let parkedCollector: (() => Promise<number>) | null = null;
  new Gauge({
    name: 'mlc_parked_records',
    help: 'Records waiting in the error queue',
    registers: [registry],
    async collect() {
      if (parkedCollector) this.set(await parkedCollector());
    },
  });

  const engine: EngineMetrics = {
    onRun(result, durationMs) {
      runs.inc({ flow: result.flowId, status: result.status });
      runSeconds.observe({ flow: result.flowId }, durationMs / 1000);
    },
    onPage(flowId, delta) {
      for (const k of OUTCOME_KEYS) if (delta[k]) records.inc({ flow: flowId, outcome: k }, delta[k]);
      if (delta.writeCalls) writeCalls.inc({ flow: flowId }, delta.writeCalls);
    },
  };
  return {
    registry,
    engine,
    httpRequests,
    addConnectionGauges: (collect) => collectors.push(collect),
    addParkedGauge: (collect) => {
      parkedCollector = collect;
    },
  };
}
