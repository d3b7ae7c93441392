/**
 * The sandbox behind `npm start`: every registered system's emulator, in-process, seeded with demo data, and the
 * service configuration that points every flow template whose two systems run at them. Fixed ports and
 * credentials (environment variables override the ports) so the README can name them and anyone can call the
 * emulators through their own APIs; tests start it on free ports.
 */
import type { ServiceConfigInput } from '../src/config/service-config.ts';
import type { FlowTemplate } from '../src/flows/template.ts';
import type { Logger } from '../src/lib/logger.ts';
import { SANDBOX_DEMOS, SANDBOX_SYSTEMS } from './registry.ts';
import type { DemoContext, RunningSystem, SandboxContext, SandboxDemo, SandboxSystem } from './sandbox-system.ts';

/** The sandbox's admin API key (sandbox-only: ML_CONNECTOR_API_KEY overrides it). */
export const SANDBOX_API_KEY = 'sandbox-admin-key-0123456789abcdef';
const DEFAULT_FLOW_INTERVAL_MS = 30_000;

export interface SandboxOptions {
  logger: Logger;
  /** Where the service will listen (systems that push post there). */
  serviceUrl: string;
  /** The flow templates to run (every one whose two systems are in the sandbox). */
  templates: Record<string, FlowTemplate>;
  host?: string;
  /** fixed: the README's ports (environment variables override them); any: free ports (tests). */
  ports?: 'fixed' | 'any';
  /** Only these systems (default: every registered one). */
  systems?: readonly string[];
  /** Poll interval of the sandbox flows. */
  flowIntervalMs?: number;
  registry?: { systems: readonly SandboxSystem[]; demos: readonly SandboxDemo[] };
}

export interface RunningSandbox {
  /** The running emulators by system. */
  systems: ReadonlyMap<string, RunningSystem>;
  /** The service configuration for these emulators (plain sandbox secrets). */
  serviceConfig: ServiceConfigInput;
  describe(): string[];
  /** Called once the service runs: demo activity that needs the flows (a Salesforce order for a synced GP customer). */
  afterServiceStarted(): void;
  stop(): Promise<void>;
}

/** Every template whose source and target systems both run, between their sandbox connections. */
function flowEntries(templates: Record<string, FlowTemplate>, connectionOf: Map<string, string>, intervalMs: number) {
  return Object.values(templates).flatMap((t) => {
    const source = connectionOf.get(t.sourceSystem);
    const target = connectionOf.get(t.targetSystem);
    return source && target ? [{ template: t.id, connections: { source, target }, schedule: { intervalMs } }] : [];
  });
}

export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const registry = opts.registry ?? { systems: SANDBOX_SYSTEMS, demos: SANDBOX_DEMOS };
  const wanted = registry.systems.filter((s) => !opts.systems || opts.systems.includes(s.system));
  const ctx: SandboxContext = {
    logger: opts.logger,
    host: opts.host ?? '127.0.0.1',
    serviceUrl: opts.serviceUrl,
    port: (envName, fixedPort) => (opts.ports === 'any' ? 0 : Number(process.env[envName] ?? fixedPort)),
  };
  const running = new Map<string, RunningSystem>();
  const stopAll = () => Promise.allSettled([...running.values()].reverse().map((r) => r.stop()));
  try {
    for (const system of wanted) running.set(system.system, await system.start(ctx));
  } catch (err) {
    await stopAll();
    throw err;
  }

  const demoAbort = new AbortController();
  const demoContext: DemoContext = {
    emulator: <E>(system: string) => running.get(system)?.emulator as E,
    logger: opts.logger,
    signal: demoAbort.signal,
  };
  const demos = registry.demos.filter((d) => d.systems.every((s) => running.has(s)));
  const seed = (phase: SandboxDemo['phase']) =>
    demos
      .filter((d) => d.phase === phase)
      .map((d) => Promise.resolve(d.seed(demoContext)).catch((err: unknown) => opts.logger.warn({ err: String(err) }, `sandbox: the demo "${d.name}" could not be seeded`)));
  await Promise.all(seed('before-service'));
  opts.logger.info({ systems: [...running.keys()] }, 'sandbox emulators started');

  const connectionOf = new Map([...running.values()].map((r) => [r.system, r.connection.id]));
  return {
    systems: running,
    serviceConfig: {
      connections: [...running.values()].map((r) => r.connection),
      flows: flowEntries(opts.templates, connectionOf, opts.flowIntervalMs ?? DEFAULT_FLOW_INTERVAL_MS),
    },
    describe: () => ['Sandbox systems (emulators; call them through their own APIs):', ...[...running.values()].flatMap((r) => r.describe())],
    afterServiceStarted() {
      void Promise.all(seed('after-service'));
    },
    async stop() {
      demoAbort.abort();
      await stopAll();
    },
  };
}
