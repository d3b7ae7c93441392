/**
 * "Ping your real systems": runs every configured connection's test and prints a readable report; exit code 1
 * when any check fails (or the configuration is invalid).
 *
 *   tsx scripts/connection-test.ts                        # the file in ML_CONNECTOR_CONFIG (same file as the service)
 *   tsx scripts/connection-test.ts --config ./prod.json   # another file
 *   tsx scripts/connection-test.ts --connection '{"id":"gp","system":"dynamics-gp","name":"GP","config":{…},"secrets":{"password":"env:GP_PASSWORD"}}'
 *
 * Secrets can be `env:NAME` references, as in the service's file; no secret is printed.
 */
import { parseArgs } from 'node:util';
import { readServiceConfigFile, resolveServiceConfig } from '../service/src/config/service-config.ts';
import { CONNECTOR_MODULES } from '../service/src/connectors/modules.ts';
import { FLOW_TEMPLATES } from '../service/src/flows/index.ts';
import { ConfigError } from '../service/src/lib/errors.ts';
import { createLogger } from '../service/src/lib/logger.ts';
import { formatReport, runConnectionTests } from './connection-test/report.ts';

const USAGE = 'usage: tsx scripts/connection-test.ts [--config <file>] [--connection <json>]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, connection: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let raw: unknown;
  if (values.connection !== undefined) {
    try {
      raw = { connections: [JSON.parse(values.connection)], flows: [] };
    } catch (err) {
      throw new ConfigError([`--connection: not valid JSON (${(err as Error).message})`]);
    }
  } else {
    const path = values.config ?? process.env.ML_CONNECTOR_CONFIG;
    if (!path) throw new ConfigError([`give --config <file>, --connection <json>, or set ML_CONNECTOR_CONFIG (${USAGE})`]);
    raw = readServiceConfigFile(path);
  }
  const config = resolveServiceConfig(raw, { templates: FLOW_TEMPLATES, modules: CONNECTOR_MODULES });
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
  const reports = await runConnectionTests(config.connections, config.flows, CONNECTOR_MODULES, logger);
  console.log(formatReport(reports));
  return reports.every((r) => r.checks.every((c) => c.ok)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(`Configuration problems:\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
    else console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
