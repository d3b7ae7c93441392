/**
 * Connections: stored (secrets encrypted) in the store, turned into live runtimes by their system's connector
 * module. Creating or updating a connection validates it with that module first and rebuilds its runtime.
 */
import { ConfigError, ConnectorError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { ConnectorModule } from './connector.ts';
import type { ConnectionCheck, ConnectionResolver, ConnectionRuntime } from './connections.ts';
import type { ConnectionInput, ConnectionSummary, ConnectionWithSecrets, Store } from '../store/types.ts';

export type ConnectionRegistry = ReturnType<typeof createConnectionRegistry>;

export function createConnectionRegistry(opts: { store: Store; modules: readonly ConnectorModule[]; logger: Logger; now?: () => number }) {
  const modules = new Map(opts.modules.map((m) => [m.system, m]));
  const runtimes = new Map<string, ConnectionRuntime>();

  function moduleFor(system: string): ConnectorModule {
    const m = modules.get(system);
    if (!m) throw new ConfigError([`system: unknown system "${system}"; known: ${[...modules.keys()].join(', ')}`]);
    return m;
  }

  async function build(conn: ConnectionWithSecrets): Promise<void> {
    const m = moduleFor(conn.system);
    const old = runtimes.get(conn.id);
    runtimes.set(conn.id, m.create(conn, { logger: opts.logger.child({ connection: conn.id, system: conn.system }), now: opts.now }));
    await old?.close();
  }

  const registry = {
    async load(): Promise<void> {
      for (const summary of await opts.store.connections.list()) {
        const conn = await opts.store.connections.get(summary.id);
        if (!conn) continue;
        const problems = moduleFor(conn.system).validate(conn.config, conn.secrets);
        if (problems.length) throw new ConfigError(problems.map((p) => `connection "${conn.id}": ${p}`));
        await build(conn);
      }
    },
    get(id: string): ConnectionRuntime {
      const rt = runtimes.get(id);
      if (!rt) throw new ConnectorError('validation', `no connection "${id}" is configured`, { code: 'UNKNOWN_CONNECTION' });
      return rt;
    },
    async summaries(): Promise<ConnectionSummary[]> {
      return opts.store.connections.list();
    },
    async upsert(input: ConnectionInput): Promise<ConnectionSummary> {
      const m = moduleFor(input.system);
      const unknownSecrets = Object.keys(input.secrets).filter((k) => !m.secretKeys.includes(k));
      const misplaced = Object.keys(input.config).filter((k) => m.secretKeys.includes(k));
      const existing = await opts.store.connections.get(input.id);
      if (existing && existing.system !== input.system) {
        throw new ConfigError([`system: connection "${input.id}" is a ${existing.system} connection; it cannot become ${input.system}`]);
      }
      const mergedSecrets = { ...(existing?.secrets ?? {}), ...input.secrets };
      const problems = [
        ...unknownSecrets.map((k) => `secrets.${k}: not a secret of ${input.system} (secrets: ${m.secretKeys.join(', ')})`),
        ...misplaced.map((k) => `config.${k}: secrets go in "secrets", not in "config"`),
        ...m.validate(input.config, mergedSecrets),
      ];
      if (problems.length) throw new ConfigError(problems);
      const saved = await opts.store.connections.upsert(input);
      const conn = await opts.store.connections.get(input.id);
      if (conn) await build(conn);
      return saved;
    },
    async test(id: string): Promise<ConnectionCheck[]> {
      const rt = runtimes.get(id);
      if (!rt) throw new ConnectorError('validation', `no connection "${id}" is configured`, { code: 'UNKNOWN_CONNECTION' });
      return rt.test();
    },
    list(): ConnectionRuntime[] {
      return [...runtimes.values()];
    },
    async close(): Promise<void> {
      await Promise.allSettled([...runtimes.values()].map((r) => r.close()));
      runtimes.clear();
    },
  } satisfies ConnectionResolver & Record<string, unknown>;
  return registry;
}
