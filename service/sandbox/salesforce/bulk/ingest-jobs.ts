/**
 * The org's Bulk API 2.0 ingest jobs: lifecycle, asynchronous processing on the emulator's clock, and lifespan.
 *
 * Facts ([V] Bulk API 2.0 reference: "Upload Job Data", "Upload Complete", "Abort a Job", "Delete a Job",
 * "Limits"; [C] a captured answer on Salesforce StackExchange; [U] assumed, configurable where it matters):
 * - One upload per job. A second PUT is accepted, but closing the job then answers 400 INVALIDJOB
 *   `Found multipe contents for job: <id>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new
 *   Job and make sure you only do 'PUT' once on a given Job.` (sic) [C]
 * - An upload holds at most 150 MB once base64-encoded [V]; the answer past it (413 EXCEEDED_MAX_SIZE_REQUEST) is
 *   [U]. `maxUploadBase64Bytes` makes the limit small for tests.
 * - Closing (UploadComplete) queues the job; aborting stops it; a job can be deleted in UploadComplete, JobComplete,
 *   Aborted or Failed (204). [V] The answers to a transition from the wrong state (400 INVALIDJOBSTATE) are [U].
 * - Jobs in a terminal state are deleted 7 days after they finished. [V]
 * Processing: a closed job waits `queueDelayMs` (UploadComplete), then shows InProgress for `processingDelayMs`,
 * then is applied in one step and becomes JobComplete or Failed. Time is the sandbox clock, checked on every API
 * call (`advance`); with `autoProcess: false` jobs wait for `processNow()` (the admin "process now").
 */
import { createIdGenerator } from '../ids.ts';
import { httpError } from '../save-error.ts';
import type { ColumnDelimiter, LineEnding } from './csv.ts';
import { TERMINAL_STATES, type IngestJob, type IngestOperation } from './ingest-job.ts';
import { processIngestJob, type IngestProcessingDeps } from './process-ingest-job.ts';

const JOB_KEY_PREFIX = '750';
const TERMINAL_JOB_LIFESPAN_MS = 7 * 24 * 60 * 60 * 1000;
const DELETABLE_STATES = new Set(['UploadComplete', 'JobComplete', 'Aborted', 'Failed']);
/** 150 MB [V]; MB read as MiB [U]. */
export const DEFAULT_MAX_UPLOAD_BASE64_BYTES = 150 * 1024 * 1024;
/** One internal batch per 10,000 records. [V] */
export const DEFAULT_RECORDS_PER_BATCH = 10_000;

export interface BulkIngestSettings {
  /** UploadComplete → InProgress (default 0). */
  queueDelayMs: number;
  /** InProgress → JobComplete / Failed (default 0). */
  processingDelayMs: number;
  /** false: closed jobs wait for processNow(). */
  autoProcess: boolean;
  maxUploadBase64Bytes: number;
  recordsPerBatch: number;
  /** Get All Jobs page size (1,000 [V]). */
  listPageSize: number;
}

export interface CreateIngestJobInput {
  object: string;
  operation: IngestOperation;
  externalIdFieldName?: string;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
  apiVersion: string;
}

export interface IngestJobs {
  readonly settings: BulkIngestSettings;
  configure(settings: Partial<BulkIngestSettings>): void;
  create(input: CreateIngestJobInput): IngestJob;
  /** The job, or a 404 NOT_FOUND answer. */
  require(id: string): IngestJob;
  /** Jobs in creation order. */
  list(): IngestJob[];
  upload(job: IngestJob, csv: string, byteLength: number): void;
  close(job: IngestJob): void;
  abort(job: IngestJob): void;
  remove(job: IngestJob): void;
  /** Moves jobs along the clock; called on every API call. */
  advance(): void;
  /** Processes every closed job now, whatever the delays; returns their ids. */
  processNow(): string[];
}

function invalidStateError(job: IngestJob, action: string) {
  return httpError(400, 'INVALIDJOBSTATE', `Unable to ${action} job ${job.id} in state ${job.state}`);
}

export function createIngestJobs(deps: Omit<IngestProcessingDeps, 'recordsPerBatch'> & { userId: string; now: () => number }, initial: Partial<BulkIngestSettings> = {}): IngestJobs {
  const settings: BulkIngestSettings = {
    queueDelayMs: 0,
    processingDelayMs: 0,
    autoProcess: true,
    maxUploadBase64Bytes: DEFAULT_MAX_UPLOAD_BASE64_BYTES,
    recordsPerBatch: DEFAULT_RECORDS_PER_BATCH,
    listPageSize: 1000,
    ...initial,
  };
  const nextId = createIdGenerator();
  const jobs = new Map<string, IngestJob>();
  const touch = (job: IngestJob): void => {
    job.modifiedAt = deps.now();
  };

  function finish(job: IngestJob): void {
    job.startedAt ??= deps.now();
    processIngestJob({ ...deps, recordsPerBatch: settings.recordsPerBatch }, job);
    job.completedAt = deps.now();
    touch(job);
  }

  const api: IngestJobs = {
    settings,
    configure(changes) {
      Object.assign(settings, changes);
    },

    create(input) {
      const at = deps.now();
      const job: IngestJob = {
        id: nextId(JOB_KEY_PREFIX),
        ...input,
        createdById: deps.userId,
        createdAt: at,
        modifiedAt: at,
        state: 'Open',
        uploads: [],
        numberRecordsProcessed: 0,
        numberRecordsFailed: 0,
      };
      jobs.set(job.id, job);
      return job;
    },

    require(id) {
      const job = jobs.get(id);
      if (!job) throw httpError(404, 'NOT_FOUND', 'The requested resource does not exist');
      return job;
    },

    list: () => [...jobs.values()],

    upload(job, csv, byteLength) {
      if (job.state !== 'Open') throw invalidStateError(job, 'upload data to');
      const base64Bytes = Math.ceil(byteLength / 3) * 4;
      if (base64Bytes > settings.maxUploadBase64Bytes) {
        throw httpError(413, 'EXCEEDED_MAX_SIZE_REQUEST', `Maximum size of request reached. Maximum size of request is ${settings.maxUploadBase64Bytes} bytes (base64-encoded); this upload is ${base64Bytes}.`);
      }
      job.uploads.push(csv);
      touch(job);
    },

    close(job) {
      if (job.state !== 'Open') throw invalidStateError(job, 'close');
      if (job.uploads.length > 1) {
        throw httpError(400, 'INVALIDJOB', `Found multipe contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`);
      }
      job.state = 'UploadComplete';
      job.closedAt = deps.now();
      touch(job);
    },

    abort(job) {
      if (TERMINAL_STATES.has(job.state)) throw invalidStateError(job, 'abort');
      job.state = 'Aborted';
      const [upload = ''] = job.uploads;
      job.results = { successful: '', failed: '', unprocessed: upload };
      touch(job);
    },

    remove(job) {
      if (!DELETABLE_STATES.has(job.state)) throw invalidStateError(job, 'delete');
      jobs.delete(job.id);
    },

    advance() {
      const now = deps.now();
      for (const job of jobs.values()) {
        if (TERMINAL_STATES.has(job.state)) {
          if (now - job.modifiedAt >= TERMINAL_JOB_LIFESPAN_MS) jobs.delete(job.id);
          continue;
        }
        if (!settings.autoProcess || job.closedAt === undefined) continue;
        const startAt = job.closedAt + settings.queueDelayMs;
        if (now < startAt) continue;
        if (job.state === 'UploadComplete') {
          job.state = 'InProgress';
          job.startedAt = startAt;
          touch(job);
        }
        if (now >= startAt + settings.processingDelayMs) finish(job);
      }
    },

    processNow() {
      const due = [...jobs.values()].filter((job) => job.state === 'UploadComplete' || job.state === 'InProgress');
      for (const job of due) finish(job);
      return due.map((job) => job.id);
    },
  };
  return api;
}
