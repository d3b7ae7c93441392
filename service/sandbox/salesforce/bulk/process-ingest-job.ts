/**
 * Processing a closed ingest job: parse the CSV, resolve the header, then apply the rows in internal batches.
 *
 * Facts ([V] "Understanding Bulk API 2.0 Ingest", "Limits", "Get Job Successful / Failed / Unprocessed Record
 * Results"; [C] captured result files in jsforce's integration tests, simple-salesforce's tests and public
 * scripts):
 * - Salesforce makes one batch per 10,000 records; each consumes one of the org's daily batches. [V]
 * - Past the daily 150,000,000-record allocation the rest of the job is not processed and the job fails. [V] The
 *   errorMessage texts for that and for the batch allocation are [U].
 * - A failed row does not roll back the others (Failed: "Job data that was successfully processed isn't rolled
 *   back"). [V] The emulator commits each internal batch as one transaction of independent rows.
 * - successfulResults: `"sf__Id","sf__Created",<original columns>`; failedResults: `"sf__Id","sf__Error",<original
 *   columns>` (sf__Id from API 53.0 [V]); unprocessedrecords: the original columns. [V columns, C quoting] sf__Error is
 *   `CODE:message:fields --`, e.g. `REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --`, or
 *   `CODE:message:--` without fields. [C] Several errors of one row are joined with a space [U].
 * - Within one batch an external id given twice fails both rows with DUPLICATE_VALUE, as sObject Collections do [U].
 * - Result files use the job's delimiter and line ending [U]; rows keep the upload order [U: "not guaranteed"].
 */
import type { Dml } from '../dml.ts';
import type { OrgLimits } from '../org-limits.ts';
import type { RecordStore } from '../record-store.ts';
import { saveError, type SaveError } from '../save-error.ts';
import { duplicateKeys, externalIdKey } from '../upsert.ts';
import { applyIngestRow, type IngestRowContext, type IngestRowOutcome } from './apply-ingest-row.ts';
import { COLUMN_DELIMITERS, CsvFormatError, formatPlainRow, formatQuotedRow, LINE_ENDINGS, parseCsv } from './csv.ts';
import { resolveIngestColumns } from './ingest-columns.ts';
import type { IngestJob } from './ingest-job.ts';

/** API version from which failedResults carry sf__Id. [V] */
const FAILED_RESULTS_ID_MIN_VERSION = 53;

export interface IngestProcessingDeps {
  store: RecordStore;
  dml: Dml;
  orgLimits: OrgLimits;
  recordsPerBatch: number;
}

export function formatSfError(errors: readonly SaveError[]): string {
  return errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.length > 0 ? `${e.fields.join(',')} ` : ''}--`).join(' ');
}

function createResultFiles(job: IngestJob, header: readonly string[]) {
  const eol = LINE_ENDINGS[job.lineEnding];
  const quoted = (values: readonly string[]) => formatQuotedRow(values, job.columnDelimiter);
  const withId = Number(job.apiVersion) >= FAILED_RESULTS_ID_MIN_VERSION;
  const originalHeader = header.length > 0 ? [formatPlainRow(header, job.columnDelimiter)] : [];
  const headerLine = (lead: string[]) => [quoted(lead), ...originalHeader].join(COLUMN_DELIMITERS[job.columnDelimiter]);
  const successful = [headerLine(['sf__Id', 'sf__Created'])];
  const failed = [headerLine(withId ? ['sf__Id', 'sf__Error'] : ['sf__Error'])];
  const unprocessed = [...originalHeader];
  const pad = (values: readonly string[]) => header.map((_, i) => values[i] ?? '');
  const toFile = (lines: string[]) => (lines.length > 0 ? lines.join(eol) + eol : '');
  return {
    succeeded(values: readonly string[], id: string, created: boolean) {
      successful.push(quoted([id, String(created), ...pad(values)]));
    },
    failed(values: readonly string[], errors: readonly SaveError[], id?: string) {
      const lead = withId ? [id ?? '', formatSfError(errors)] : [formatSfError(errors)];
      failed.push(quoted([...lead, ...pad(values)]));
    },
    unprocessed(values: readonly string[]) {
      unprocessed.push(formatPlainRow(pad(values), job.columnDelimiter));
    },
    files: () => ({ successful: toFile(successful), failed: toFile(failed), unprocessed: toFile(unprocessed) }),
  };
}

function fail(job: IngestJob, message: string): void {
  job.state = 'Failed';
  job.errorMessage = message;
}

/** Applies a closed job's data and moves it to JobComplete or Failed, with its result files. */
export function processIngestJob(deps: IngestProcessingDeps, job: IngestJob): void {
  const schema = deps.store.registry.get(job.object);
  if (!schema) throw new Error(`ingest job ${job.id}: object ${job.object} vanished`);
  const text = job.uploads[0] ?? '';
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter: job.columnDelimiter, lineEnding: job.lineEnding });
  } catch (err) {
    if (!(err instanceof CsvFormatError)) throw err;
    fail(job, err.message);
    job.results = { successful: '', failed: '', unprocessed: text };
    return;
  }
  const [header = [], ...data] = rows;
  const results = createResultFiles(job, header);
  job.state = 'JobComplete';
  try {
    if (header.length === 0) throw new CsvFormatError('InvalidBatch : Records not processed');
    const columns = resolveIngestColumns(header, schema, deps.store.registry);
    const externalIdField = job.externalIdFieldName ? schema.field(job.externalIdFieldName) : undefined;
    const ctx: IngestRowContext = { store: deps.store, dml: deps.dml, schema, operation: job.operation, externalIdField };
    const extColumn = externalIdField ? columns.findIndex((c) => c.kind === 'field' && c.field.name === externalIdField.name) : -1;
    for (let start = 0; start < data.length; start += deps.recordsPerBatch) {
      const batch = data.slice(start, start + deps.recordsPerBatch);
      if (deps.orgLimits.take(deps.orgLimits.bulkBatches, 1) === 0) {
        fail(job, `InvalidBatch : Exceeded the org's daily allocation of ${deps.orgLimits.bulkBatches.max} Bulk API batches`);
        data.slice(start).forEach((values) => results.unprocessed(values));
        break;
      }
      const granted = deps.orgLimits.take(deps.orgLimits.bulkV2Records, batch.length);
      const duplicates = externalIdField && extColumn >= 0 ? duplicateKeys(batch.map((values) => ({ [externalIdField.name]: values[extColumn] })), externalIdField) : new Set<string>();
      const outcomes = deps.store.transaction(
        (tx) =>
          batch.slice(0, granted).map((values): IngestRowOutcome => {
            const value = extColumn >= 0 ? values[extColumn] : undefined;
            if (externalIdField && value && duplicates.has(externalIdKey(value, externalIdField))) {
              return { ok: false, errors: [saveError('DUPLICATE_VALUE', `Duplicate external id specified: ${value}`, [externalIdField.name])] };
            }
            if (values.length !== header.length) {
              return { ok: false, errors: [saveError('INVALID_FIELD', `The row has ${values.length} values but the header row names ${header.length} fields`)] };
            }
            return applyIngestRow(ctx, tx, columns, values);
          }),
        { origin: `com/salesforce/api/bulk/${job.apiVersion}` },
      );
      for (const [i, outcome] of outcomes.entries()) {
        const values = batch[i] ?? [];
        job.numberRecordsProcessed += 1;
        if (outcome.ok) results.succeeded(values, outcome.id, outcome.created);
        else {
          job.numberRecordsFailed += 1;
          results.failed(values, outcome.errors, outcome.id);
        }
      }
      if (granted < batch.length) {
        fail(job, `InvalidBatch : Exceeded the org's rolling 24-hour limit of ${deps.orgLimits.bulkV2Records.max} records uploaded through Bulk API 2.0`);
        data.slice(start + granted).forEach((values) => results.unprocessed(values));
        break;
      }
    }
  } catch (err) {
    if (!(err instanceof CsvFormatError)) throw err;
    fail(job, err.message);
    data.forEach((values) => results.unprocessed(values));
  }
  job.results = results.files();
}
