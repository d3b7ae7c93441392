/**
 * A Bulk API 2.0 ingest job and its JobInfo JSON.
 *
 * Facts ([V] Salesforce's Bulk API 2.0 reference pages "Create a Job", "Upload Complete", "Get Information About an
 * Ingest Job", "Get Information About All Ingest Jobs", "Job States"; [C] captured responses in public clients:
 * simple-salesforce's bulk2 tests, amp-labs/connectors#118 (a real Failed job), Prismatic's example payloads):
 * - States Open → UploadComplete → InProgress → JobComplete | Failed; Aborted by the client. [V]
 * - JobInfo: id, operation, object, createdById, createdDate, systemModstamp, state, externalIdFieldName,
 *   concurrencyMode "Parallel", contentType "CSV", apiVersion (a JSON number, e.g. 59), jobType "V2Ingest",
 *   contentUrl, lineEnding, columnDelimiter; Get Job Info adds numberRecordsProcessed, numberRecordsFailed,
 *   retries, totalProcessingTime, apiActiveProcessingTime, apexProcessingTime and errorMessage. [V fields, C shape]
 * - contentUrl is relative without a leading slash (`services/data/v60.0/jobs/ingest/<id>/batches`) [C] and is only
 *   valid while the job is Open [V]; the emulator shows it only then [U].
 * - Get All Jobs lists the JobInfo without record counts or externalIdFieldName [C: Prismatic's example], so a
 *   client finds a job by object / operation / state in the list and reads the rest with Get Job Info.
 * - Dates like `2024-03-20T21:42:13.000+0000`. [C]
 */
import { formatSfDateTime } from '../dates.ts';
import type { ColumnDelimiter, LineEnding } from './csv.ts';

export type IngestJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

export const INGEST_OPERATIONS: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];
export const TERMINAL_STATES: ReadonlySet<IngestJobState> = new Set(['JobComplete', 'Failed', 'Aborted']);

export interface IngestJob {
  readonly id: string;
  readonly object: string;
  readonly operation: IngestOperation;
  readonly externalIdFieldName?: string;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
  /** e.g. "63.0" */
  readonly apiVersion: string;
  readonly createdById: string;
  readonly createdAt: number;
  modifiedAt: number;
  state: IngestJobState;
  /** Raw CSV bodies in upload order (Salesforce accepts one; a second one fails the close). */
  uploads: string[];
  closedAt?: number;
  startedAt?: number;
  completedAt?: number;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  errorMessage?: string;
  /** Result files (header + rows, with the job's line ending), filled when the job reaches a terminal state. */
  results?: { successful: string; failed: string; unprocessed: string };
}

function renderBaseInfo(job: IngestJob): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: formatSfDateTime(job.createdAt),
    systemModstamp: formatSfDateTime(job.modifiedAt),
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    jobType: 'V2Ingest',
    ...(job.state === 'Open' ? { contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches` } : {}),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
}

function renderTimings(job: IngestJob): Record<string, number> {
  const activeMs = job.startedAt !== undefined && job.completedAt !== undefined ? job.completedAt - job.startedAt : 0;
  return { retries: 0, totalProcessingTime: activeMs, apiActiveProcessingTime: activeMs, apexProcessingTime: 0 };
}

/** The answer of Create a Job and of Upload Complete / Abort. */
export function renderJobSummary(job: IngestJob): Record<string, unknown> {
  return renderBaseInfo(job);
}

/** The answer of Get Job Info. */
export function renderJobInfo(job: IngestJob): Record<string, unknown> {
  return {
    ...renderBaseInfo(job),
    numberRecordsProcessed: job.numberRecordsProcessed,
    numberRecordsFailed: job.numberRecordsFailed,
    ...renderTimings(job),
    ...(job.errorMessage !== undefined ? { errorMessage: job.errorMessage } : {}),
  };
}

/** One element of Get All Jobs' `records`. */
export function renderJobListEntry(job: IngestJob): Record<string, unknown> {
  const { externalIdFieldName: _omitted, ...info } = renderBaseInfo(job);
  return { ...info, ...renderTimings(job) };
}
