/**
 * Bulk API 2.0 ingest: `/services/data/vXX.X/jobs/ingest` (API 41.0 and later [V]).
 *
 *   POST   /jobs/ingest                         create a job → 200 JobInfo (state Open)            [V route, C status]
 *   PUT    /jobs/ingest/{id}/batches            upload CSV (Content-Type text/csv) → 201, no body  [V]
 *   PATCH  /jobs/ingest/{id}                    {"state":"UploadComplete"|"Aborted"} → 200 JobInfo [V]
 *   GET    /jobs/ingest/{id}                    job info                                          [V]
 *   GET    /jobs/ingest?jobType&isPkChunkingEnabled&concurrencyMode&queryLocator
 *                                               {done, records, nextRecordsUrl}, 1,000 a page     [V]
 *   GET    /jobs/ingest/{id}/successfulResults | failedResults | unprocessedrecords → text/csv    [V]
 *   DELETE /jobs/ingest/{id}                    → 204                                              [V]
 * Create-job request fields: object and operation (insert, update, upsert, delete, hardDelete) required,
 * externalIdFieldName required for upsert, contentType CSV only, lineEnding LF | CRLF, columnDelimiter
 * BACKQUOTE | CARET | COMMA | PIPE | SEMICOLON | TAB. [V] Error bodies are Salesforce's JSON array of
 * {errorCode, message}; the codes and texts for invalid create requests and wrong-state calls are [U].
 * Every call here counts against the daily API allowance like any REST call (rest-guard.ts). [V: "Each HTTP request
 * counts as one call" for Bulk API; assumed the same for 2.0]
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { apiVersionNumber, NOT_FOUND_MESSAGE, readJsonBody, type SandboxContext, type SandboxDeps, type SandboxEnv } from '../context.ts';
import { COLUMN_DELIMITERS, type ColumnDelimiter } from '../bulk/csv.ts';
import { INGEST_OPERATIONS, renderJobInfo, renderJobListEntry, renderJobSummary, TERMINAL_STATES, type IngestJob } from '../bulk/ingest-job.ts';
import { httpError } from '../save-error.ts';

const BULK_V2_MIN_VERSION = 41;
const JOB_TYPES = ['BigObjectIngest', 'Classic', 'V2Ingest'];
const MAX_OPEN_LOCATORS = 50;

const createJobSchema = z.object({
  object: z.string().min(1),
  operation: z.enum(INGEST_OPERATIONS as [string, ...string[]]),
  externalIdFieldName: z.string().min(1).optional(),
  contentType: z.literal('CSV').optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
  columnDelimiter: z.enum(Object.keys(COLUMN_DELIMITERS) as [ColumnDelimiter, ...ColumnDelimiter[]]).optional(),
  assignmentRuleId: z.string().optional(),
});

function invalidJobError(message: string) {
  return httpError(400, 'INVALIDJOB', message);
}

function csvResponse(c: SandboxContext, body: string): Response {
  return c.body(body, 200, { 'Content-Type': 'text/csv' });
}

export function createBulkIngestRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  const jobs = deps.bulk;
  /** Get All Jobs locators: the page after `position` of a snapshot of job ids. */
  const locators = new Map<string, { ids: string[]; position: number }>();

  app.use('*', async (c, next) => {
    if (apiVersionNumber(c) < BULK_V2_MIN_VERSION) throw httpError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    await next();
  });

  app.post('/', async (c) => {
    const parsed = createJobSchema.safeParse(await readJsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidJobError(`InvalidJob : ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid job definition'}`);
    }
    const body = parsed.data;
    const schema = deps.registry.get(body.object);
    if (!schema) throw invalidJobError(`InvalidJob : Unable to find object: ${body.object}`);
    let externalIdFieldName: string | undefined;
    if (body.operation === 'upsert') {
      if (!body.externalIdFieldName) throw invalidJobError(`External ID was blank for ${schema.name}. An External ID must be specified for upsert.`);
      const field = schema.field(body.externalIdFieldName);
      if (!field || !(field.externalId || field.name === 'Id')) {
        throw invalidJobError(`InvalidJob : Field name provided, ${body.externalIdFieldName} does not match an External ID, Salesforce Id, or indexed field for ${schema.name}`);
      }
      externalIdFieldName = field.name;
    }
    const job = jobs.create({
      object: schema.name,
      operation: body.operation as IngestJob['operation'],
      externalIdFieldName,
      columnDelimiter: body.columnDelimiter ?? 'COMMA',
      lineEnding: body.lineEnding ?? 'LF',
      apiVersion: c.get('apiVersion'),
    });
    return c.json(renderJobSummary(job), 200);
  });

  app.get('/', (c) => {
    const locator = c.req.query('queryLocator');
    let page: { ids: string[]; position: number };
    if (locator !== undefined) {
      const found = locators.get(locator);
      if (!found) throw httpError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      page = found;
    } else {
      const jobType = c.req.query('jobType');
      if (jobType !== undefined && !JOB_TYPES.includes(jobType)) throw httpError(400, 'INVALIDJOB', `InvalidJob : Invalid jobType: ${jobType}`);
      const concurrency = c.req.query('concurrencyMode')?.toLowerCase();
      const excluded = (jobType !== undefined && jobType !== 'V2Ingest') || c.req.query('isPkChunkingEnabled') === 'true' || (concurrency !== undefined && concurrency !== 'parallel');
      page = { ids: excluded ? [] : jobs.list().map((job) => job.id), position: 0 };
    }
    const slice = page.ids.slice(page.position, page.position + jobs.settings.listPageSize);
    const nextPosition = page.position + slice.length;
    const done = nextPosition >= page.ids.length;
    let nextRecordsUrl: string | null = null;
    if (!done) {
      const next = `01g${randomBytes(8).toString('hex')}-${nextPosition}`;
      locators.set(next, { ids: page.ids, position: nextPosition });
      if (locators.size > MAX_OPEN_LOCATORS) locators.delete(locators.keys().next().value as string);
      nextRecordsUrl = `/services/data/v${c.get('apiVersion')}/jobs/ingest?queryLocator=${next}`;
    }
    const byId = new Map(jobs.list().map((job) => [job.id, job]));
    // A job deleted since the first page is skipped.
    const records = slice.flatMap((id) => {
      const job = byId.get(id);
      return job ? [renderJobListEntry(job)] : [];
    });
    return c.json({ done, records, nextRecordsUrl });
  });

  app.get('/:id', (c) => c.json(renderJobInfo(jobs.require(c.req.param('id')))));

  app.put('/:id/batches', async (c) => {
    const job = jobs.require(c.req.param('id'));
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'text/csv') {
      throw httpError(415, 'INVALIDCONTENTTYPE', `Unsupported Content-Type for job data: ${contentType || '(none)'}; expected text/csv`);
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    jobs.upload(job, new TextDecoder('utf-8').decode(bytes), bytes.byteLength);
    return c.body(null, 201);
  });

  app.patch('/:id', async (c) => {
    const job = jobs.require(c.req.param('id'));
    const body = await readJsonBody(c);
    const state = body !== null && typeof body === 'object' ? (body as { state?: unknown }).state : undefined;
    if (state === 'UploadComplete') jobs.close(job);
    else if (state === 'Aborted') jobs.abort(job);
    else throw invalidJobError(`InvalidJob : state: ${JSON.stringify(state ?? null)} is not a state a job can be set to (UploadComplete or Aborted)`);
    return c.json(renderJobSummary(job), 200);
  });

  app.delete('/:id', (c) => {
    jobs.remove(jobs.require(c.req.param('id')));
    return c.body(null, 204);
  });

  const results = (file: 'successful' | 'failed' | 'unprocessed') => (c: SandboxContext) => {
    const job = jobs.require(c.req.param('id') ?? '');
    if (!TERMINAL_STATES.has(job.state) || !job.results) {
      throw httpError(400, 'INVALIDJOBSTATE', `Results are available once job ${job.id} is complete; it is ${job.state}`);
    }
    return csvResponse(c, job.results[file]);
  };
  app.get('/:id/successfulResults', results('successful'));
  app.get('/:id/failedResults', results('failed'));
  app.get('/:id/unprocessedrecords', results('unprocessed'));

  return app;
}
