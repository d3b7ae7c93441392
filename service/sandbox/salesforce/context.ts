import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ApiUsage } from './api-usage.ts';
import type { IngestJobs } from './bulk/ingest-jobs.ts';
import type { Dml } from './dml.ts';
import type { CallCounters, Faults } from './faults.ts';
import type { QueryCursors } from './query-cursors.ts';
import type { OrgLimits } from './org-limits.ts';
import type { RecordRules } from './record-rules.ts';
import type { RecordStore } from './record-store.ts';
import { httpError, type SandboxHttpError } from './save-error.ts';
import type { SchemaRegistry } from './schema/registry.ts';
import type { SessionManager } from './sessions.ts';

export interface SandboxSettings {
  minApiVersion: number;
  maxApiVersion: number;
  queryBatchSize: number;
  /** 'request': an unknown field / undeserializable value fails the whole request (400), as Salesforce's JSON
   *  parser does; 'record': it fails only that record (INVALID_FIELD / INVALID_TYPE_ON_FIELD_IN_RECORD). */
  deserializationErrors: 'request' | 'record';
  replicationWindowDays: number;
  maxReplicationIds: number;
}

/** Everything the routes share; built once per sandbox. */
export interface SandboxDeps {
  registry: SchemaRegistry;
  store: RecordStore;
  dml: Dml;
  rules: RecordRules;
  sessions: SessionManager;
  usage: ApiUsage;
  orgLimits: OrgLimits;
  bulk: IngestJobs;
  faults: Faults;
  counters: CallCounters;
  cursors: QueryCursors;
  settings: SandboxSettings;
  clients: Map<string, string>;
  orgId: string;
  userId: string;
  now: () => number;
  loginUrl(): string;
  instanceUrl(): string;
}

export type SandboxEnv = { Bindings: Partial<HttpBindings>; Variables: { apiVersion: string } };
export type SandboxContext = Context<SandboxEnv>;

/** Reads a JSON request body; malformed JSON → 400 JSON_PARSER_ERROR, as Salesforce answers. */
export async function readJsonBody(c: SandboxContext): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw httpError(400, 'JSON_PARSER_ERROR', `Unexpected character in JSON body: ${detail}`);
  }
}

export function apiVersionNumber(c: SandboxContext): number {
  return Number(c.get('apiVersion'));
}

export function sfErrorResponse(c: SandboxContext, err: SandboxHttpError): Response {
  return c.json(err.errors, err.status as 400);
}

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';
