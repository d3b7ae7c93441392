/**
 * The service configuration file (JSON): the connections to real systems and the flows to run between them.
 * Validated at boot against the flow templates and the connector modules; every problem is reported, one line
 * each, naming its place in the file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { flowSchema, type FlowDefinition } from '../engine/flow.ts';
import { checkMapping, fieldMappingSchema } from '../engine/mapping.ts';
import { ConfigError } from '../lib/errors.ts';
import type { ConnectionInput } from '../store/types.ts';
import type { FlowTemplate } from '../flows/template.ts';
import type { ConnectorModule } from '../engine/connector.ts';
import { createTransformRegistry } from '../engine/transforms.ts';
import { formatZodIssues } from './env.ts';

const connectionEntry = z
  .object({
    id: z.string(),
    system: z.string(),
    name: z.string().min(1),
    config: z.record(z.string(), z.unknown()).default({}),
    /** Secret values, or `env:NAME` to read one from the environment (keeps secrets out of the file). */
    secrets: z.record(z.string(), z.string()).default({}),
  })
  .strict();

const flowEntry = z
  .object({
    template: z.string(),
    /** Defaults to the template id; set it to run the same template twice (e.g. two GP companies). */
    id: z.string().optional(),
    connections: z.object({ source: z.string(), target: z.string() }).strict(),
    enabled: z.boolean().optional(),
    schedule: z.object({ intervalMs: z.number().int().optional(), cron: z.string().optional() }).strict().optional(),
    pageSize: z.number().int().optional(),
    /** Replaces the template's mapping entries with the same target field; new targets are added. */
    mapping: z.array(fieldMappingSchema).optional(),
  })
  .strict();

export const serviceConfigSchema = z
  .object({
    connections: z.array(connectionEntry).default([]),
    flows: z.array(flowEntry).default([]),
  })
  .strict();

export type ServiceConfigInput = z.input<typeof serviceConfigSchema>;

export interface ServiceConfig {
  connections: ConnectionInput[];
  flows: FlowDefinition[];
}

export function readServiceConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`ML_CONNECTOR_CONFIG: cannot read ${path}: ${(err as Error).message}`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${path}: not valid JSON (${(err as Error).message})`]);
  }
}

export function resolveServiceConfig(
  raw: unknown,
  deps: { templates: Record<string, FlowTemplate>; modules: readonly ConnectorModule[]; env?: NodeJS.ProcessEnv },
): ServiceConfig {
  const parsed = serviceConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(formatZodIssues('config', parsed.error));
  const env = deps.env ?? process.env;
  const problems: string[] = [];
  const modules = new Map(deps.modules.map((m) => [m.system, m]));
  const transforms = createTransformRegistry(deps.modules.map((m) => ({ owner: `connector ${m.system}`, transforms: m.transforms })));

  const connections: ConnectionInput[] = [];
  const systemOf = new Map<string, string>();
  parsed.data.connections.forEach((c, i) => {
    const where = `connections[${i}] (${c.id})`;
    const module = modules.get(c.system);
    if (!module) {
      problems.push(`${where}.system: unknown system "${c.system}"; known: ${[...modules.keys()].join(', ')}`);
      return;
    }
    if (systemOf.has(c.id)) problems.push(`${where}.id: "${c.id}" is used twice`);
    systemOf.set(c.id, c.system);
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(c.secrets)) {
      if (value.startsWith('env:')) {
        const name = value.slice(4);
        const v = env[name];
        if (!v) problems.push(`${where}.secrets.${key}: environment variable ${name} is not set`);
        else secrets[key] = v;
      } else secrets[key] = value;
    }
    for (const p of module.validate(c.config, secrets)) problems.push(`${where}: ${p}`);
    connections.push({ id: c.id, system: c.system, name: c.name, config: c.config, secrets });
  });

  const flows: FlowDefinition[] = [];
  parsed.data.flows.forEach((f, i) => {
    const where = `flows[${i}] (${f.id ?? f.template})`;
    const template = deps.templates[f.template];
    if (!template) {
      problems.push(`${where}.template: unknown template "${f.template}"; known: ${Object.keys(deps.templates).join(', ')}`);
      return;
    }
    for (const side of ['source', 'target'] as const) {
      const id = f.connections[side];
      const system = systemOf.get(id);
      const expected = side === 'source' ? template.sourceSystem : template.targetSystem;
      if (!system) problems.push(`${where}.connections.${side}: no connection "${id}" in this file`);
      else if (system !== expected) problems.push(`${where}.connections.${side}: "${id}" is ${system}; this flow needs ${expected}`);
    }
    const base = template.build(f.connections);
    const mapping = [...base.mapping];
    for (const m of f.mapping ?? []) {
      const at = mapping.findIndex((x) => x.target === m.target);
      if (at >= 0) mapping[at] = m;
      else mapping.push(m);
    }
    const result = flowSchema.safeParse({
      ...base,
      id: f.id ?? base.id,
      enabled: f.enabled ?? base.enabled,
      schedule: f.schedule ?? base.schedule,
      pageSize: f.pageSize ?? base.pageSize,
      mapping,
    });
    if (!result.success) {
      problems.push(...formatZodIssues(where, result.error));
      return;
    }
    problems.push(...checkMapping(where, result.data.mapping, transforms));
    flows.push(result.data);
  });
  const flowIds = new Set<string>();
  for (const f of flows) {
    if (flowIds.has(f.id)) problems.push(`flows: id "${f.id}" is used twice (set "id" on one of them)`);
    flowIds.add(f.id);
  }
  for (const f of flows) {
    for (const d of f.dependsOn) if (!flowIds.has(d)) problems.push(`flows (${f.id}).dependsOn: no flow "${d}"`);
  }
  if (problems.length) throw new ConfigError(problems);
  return { connections, flows };
}
