/**
 * Updates existing records by their Salesforce Id (a flow whose target match field is `Id`): for records that
 * carry no key of the other system yet, e.g. an Order created in Salesforce that Business Central status is
 * written onto — the flow resolves the Id through the link its opposite flow recorded. Never creates a record.
 * One `PATCH sobjects/<type>/<id>` per record (sObject Collections upsert cannot match on Id); per-record
 * failures are values, an auth failure stops the whole write.
 */
import { ConnectorError, toConnectorError } from '../../lib/errors.ts';
import type { WriteResult, Writer } from '../../engine/types.ts';
import type { SalesforceClient } from './client.ts';
import { isSalesforceId } from './change-feed/record-reader.ts';

/** Records per write() call (each is one request). */
export const UPDATE_BATCH_SIZE = 25;

export function createUpdateByIdWriter(client: SalesforceClient, opts: { sobject: string }): Writer {
  const sobject = client.names.qualify(opts.sobject);
  return {
    maxBatchSize: UPDATE_BATCH_SIZE,
    async write(items, writeOpts = {}) {
      const results: WriteResult[] = [];
      for (const item of items) {
        if (!isSalesforceId(item.key)) {
          results.push({ ok: false, error: new ConnectorError('validation', `${sobject}: "${item.key}" is not a Salesforce record Id`, { fields: ['Id'] }) });
          continue;
        }
        const body: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(item.fields)) if (name !== 'Id') body[client.names.qualify(name)] = value;
        try {
          const res = await client.request('PATCH', `sobjects/${sobject}/${item.key}`, { body, signal: writeOpts.signal });
          results.push({ ok: true, targetId: item.key, created: false, ...(res.requestId ? { requestId: res.requestId } : {}) });
        } catch (err) {
          const e = toConnectorError(err);
          if (e.category === 'auth') throw e;
          results.push({ ok: false, error: e.status === 404 ? new ConnectorError('validation', `${sobject} ${item.key} no longer exists in Salesforce`, { status: 404, code: e.code, requestId: e.requestId }) : e });
        }
      }
      return results;
    },
  };
}
