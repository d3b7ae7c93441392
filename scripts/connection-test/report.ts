/**
 * The connection test report behind `scripts/connection-test.ts`: builds each configured connection with its
 * connector module, runs its `test()` and formats the checks. For Dynamics GP connections the flows of the file
 * tell the test what to check (flowNeeds: the source entity is read, the target entity is created and updated),
 * unless the connection sets flowNeeds itself.
 */
import type { ConnectorModule } from '../../service/src/engine/connector.ts';
import { GP_ENTITIES } from '../../service/src/connectors/dynamics-gp/version-coverage.ts';
import type { ConnectionCheck } from '../../service/src/engine/connections.ts';
import type { FlowDefinition } from '../../service/src/engine/flow.ts';
import { toConnectorError } from '../../service/src/lib/errors.ts';
import type { Logger } from '../../service/src/lib/logger.ts';
import type { ConnectionInput } from '../../service/src/store/types.ts';

export interface ConnectionReport {
  id: string;
  system: string;
  name: string;
  checks: ConnectionCheck[];
}

type Need = { entity: string; operations: string[] };

/** What the flows need from a GP connection, for its connection test. */
export function gpFlowNeeds(connectionId: string, flows: FlowDefinition[]): Need[] {
  const needs = new Map<string, Set<string>>();
  const add = (entity: string, ops: string[]) => {
    if (!(GP_ENTITIES as readonly string[]).includes(entity)) return;
    const set = needs.get(entity) ?? new Set<string>();
    ops.forEach((o) => set.add(o));
    needs.set(entity, set);
  };
  for (const f of flows) {
    if (f.source.connection === connectionId) add(f.source.entity, ['read']);
    if (f.target.connection === connectionId) add(f.target.entity, ['create', 'update']);
  }
  return [...needs].map(([entity, ops]) => ({ entity, operations: [...ops] }));
}

export async function runConnectionTests(
  connections: ConnectionInput[],
  flows: FlowDefinition[],
  modules: readonly ConnectorModule[],
  logger: Logger,
): Promise<ConnectionReport[]> {
  const reports: ConnectionReport[] = [];
  for (const c of connections) {
    const module = modules.find((m) => m.system === c.system);
    const report: ConnectionReport = { id: c.id, system: c.system, name: c.name, checks: [] };
    reports.push(report);
    if (!module) {
      report.checks.push({ name: 'config', ok: false, message: `unknown system "${c.system}"` });
      continue;
    }
    const config = { ...c.config };
    if (c.system === 'dynamics-gp' && config.flowNeeds === undefined) {
      const needs = gpFlowNeeds(c.id, flows);
      if (needs.length) config.flowNeeds = needs;
    }
    const problems = module.validate(config, c.secrets);
    if (problems.length) {
      report.checks.push(...problems.map((p) => ({ name: 'config', ok: false, message: p })));
      continue;
    }
    const now = new Date();
    const runtime = module.create({ ...c, config, secretNames: Object.keys(c.secrets), createdAt: now, updatedAt: now }, { logger });
    try {
      report.checks.push(...(await runtime.test()));
    } catch (err) {
      report.checks.push({ name: 'test', ok: false, message: toConnectorError(err).message });
    } finally {
      await runtime.close();
    }
  }
  return reports;
}

export function formatReport(reports: ConnectionReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const ok = r.checks.every((c) => c.ok);
    lines.push(`${ok ? 'PASS' : 'FAIL'}  ${r.id} (${r.system}) — ${r.name}`);
    const width = Math.max(...r.checks.map((c) => c.name.length), 4);
    for (const c of r.checks) lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.message}`);
    lines.push('');
  }
  const failed = reports.filter((r) => !r.checks.every((c) => c.ok)).length;
  lines.push(failed === 0 ? `All ${reports.length} connection(s) passed.` : `${failed} of ${reports.length} connection(s) failed: fix what the FAIL lines say, then run this again.`);
  return lines.join('\n');
}
