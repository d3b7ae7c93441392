/**
 * How a system's emulator joins the `npm start` sandbox (and the tests that start it): each system has one entry
 * (a SandboxSystem) that starts its emulator(s) and returns the sandbox connection entry pointing at them; pair
 * demos seed records across systems. service/sandbox/registry.ts lists them.
 */
import type { ServiceConfigInput } from '../src/config/service-config.ts';
import type { Logger } from '../src/lib/logger.ts';

export type ConnectionEntry = NonNullable<ServiceConfigInput['connections']>[number];

export interface SandboxContext {
  logger: Logger;
  host: string;
  /** Where the service listens (systems that push post to `<serviceUrl>/webhooks/<connection id>`). */
  serviceUrl: string;
  /** The port to listen on: the README's fixed one (an environment variable overrides it), or 0 in tests. */
  port(envName: string, fixedPort: number): number;
}

export interface RunningSystem<E = unknown> {
  system: string;
  /** The emulator itself (its admin surface, counters...), for demos and tests. */
  emulator: E;
  /** The sandbox connection entry (config-file shape) pointing at the emulator. */
  connection: ConnectionEntry;
  /** Banner lines: where it is and how to call it. */
  describe(): string[];
  stop(): Promise<void>;
}

export interface SandboxSystem<E = unknown> {
  /** System id, as the connector module's. */
  system: string;
  start(ctx: SandboxContext): Promise<RunningSystem<E>>;
}

export interface DemoContext {
  /** The running emulator of a system the demo names. */
  emulator<E>(system: string): E;
  logger: Logger;
  signal: AbortSignal;
}

/** Demo records across systems, seeded when all of `systems` run. */
export interface SandboxDemo {
  name: string;
  systems: readonly string[];
  /** before-service: records the flows' first runs find; after-service: activity that needs the flows running. */
  phase: 'before-service' | 'after-service';
  seed(ctx: DemoContext): Promise<void> | void;
}
