/**
 * Webhook registration as Dataverse stores it (FACTS §4 [V], register-web-hook.md, serviceendpoint.md): a
 * `serviceendpoint` row with `contract = 8` (Webhook), `url`, `authtype` 4 = WebhookKey (`?code=<authvalue>`),
 * 5 = HttpHeader, 6 = HttpQueryString (authvalue `<settings><setting name="k" value="v" /></settings>`), and
 * `sdkmessageprocessingstep` rows binding an `sdkmessage` (Create / Update / Delete), an `sdkmessagefilter`
 * (message × table, `primaryobjecttypecode`), the endpoint (`eventhandler_serviceendpoint@odata.bind`), `stage`
 * (10 / 20 / 40), `mode` (0 sync / 1 async), `filteringattributes` [C: the bind names are the ones public
 * registration code uses]. Both are created through the ordinary Web API (POST serviceendpoints /
 * sdkmessageprocessingsteps); sdkmessages and sdkmessagefilters are seeded read-only rows to look up.
 * [U] error codes / texts of the registration checks below; asynchronous steps only on stage 40 (PostOperation).
 */
import { randomUUID } from 'node:crypto';
import { dvError, type DvHttpError } from './errors.ts';
import type { LookupValue, RecordStore, Row } from './record-store.ts';
import type { TableRule } from './records.ts';
import type { Schema } from './schema.ts';

export const WEBHOOK_MESSAGES = ['Create', 'Update', 'Delete'] as const;
export const CONTRACT_WEBHOOK = 8;
export const AUTH_WEBHOOK_KEY = 4;
export const AUTH_HTTP_HEADER = 5;
export const AUTH_HTTP_QUERY_STRING = 6;

const invalid = (message: string): DvHttpError => dvError(400, '0x80040203', message, {}, 'InvalidArgument');

/** `<settings><setting name="k" value="v" />…</settings>` → pairs; undefined when malformed. */
export function parseAuthSettings(xml: string): Array<[string, string]> | undefined {
  const m = /^\s*<settings>([\s\S]*)<\/settings>\s*$/.exec(xml);
  if (!m) return undefined;
  const body = (m[1] as string).trim();
  const pairs: Array<[string, string]> = [];
  const re = /<setting\s+name="([^"]+)"\s+value="([^"]*)"\s*\/>\s*/gy;
  let end = 0;
  for (let s = re.exec(body); s; s = re.exec(body)) {
    pairs.push([s[1] as string, (s[2] as string).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')]);
    end = re.lastIndex;
  }
  return end === body.length && pairs.length > 0 ? pairs : undefined;
}

const checkEndpoint: TableRule = (next) => {
  if (next.contract === null || next.contract === undefined) throw invalid("The attribute 'contract' is required for a service endpoint.");
  next.messageformat ??= 2;
  next.userclaim ??= 1;
  next.connectionmode ??= 1;
  if (next.contract !== CONTRACT_WEBHOOK) return;
  if (typeof next.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(next.url)) throw invalid("A webhook service endpoint needs an absolute http(s) 'url'.");
  const auth = next.authtype as number | null;
  if (auth !== AUTH_WEBHOOK_KEY && auth !== AUTH_HTTP_HEADER && auth !== AUTH_HTTP_QUERY_STRING) {
    throw invalid("A webhook service endpoint needs 'authtype' 4 (WebhookKey), 5 (HttpHeader) or 6 (HttpQueryString).");
  }
  if (typeof next.authvalue !== 'string' || next.authvalue === '') throw invalid("A webhook service endpoint needs an 'authvalue'.");
  if (auth !== AUTH_WEBHOOK_KEY && !parseAuthSettings(next.authvalue)) {
    throw invalid('The authvalue of an HttpHeader / HttpQueryString endpoint must be <settings><setting name="…" value="…" /></settings>.');
  }
};

function stepRule(schema: Schema): TableRule {
  return (next, _prev, store) => {
    const message = next.sdkmessageid as LookupValue | null;
    if (!message) throw invalid("The attribute 'sdkmessageid' is required for a step (sdkmessageid@odata.bind).");
    if (!next.eventhandler) throw invalid("The attribute 'eventhandler' is required for a step (eventhandler_serviceendpoint@odata.bind).");
    if (next.stage === null) throw invalid("The attribute 'stage' is required for a step.");
    next.mode ??= 0;
    next.rank ??= 1;
    next.supporteddeployment ??= 0;
    next.asyncautodelete ??= false;
    if (next.mode === 1 && next.stage !== 40) throw invalid('Asynchronous steps can only be registered on the PostOperation stage (40).');
    const filterRef = next.sdkmessagefilterid as LookupValue | null;
    const filter = filterRef ? store.get('sdkmessagefilter', filterRef.id) : undefined;
    if (filter && (filter.sdkmessageid as LookupValue).id !== message.id) throw invalid('The message filter belongs to another message than the step.');
    if (typeof next.filteringattributes === 'string' && next.filteringattributes.trim() !== '') {
      const table = filter ? schema.table(filter.primaryobjecttypecode as string) : undefined;
      for (const name of next.filteringattributes.split(',').map((s) => s.trim())) {
        if (table && !table.columns.has(name)) throw invalid(`The filtering attribute '${name}' does not exist on entity '${table.logicalName}'.`);
      }
    }
  };
}

export function webhookRules(schema: Schema): Array<[string, TableRule]> {
  return [
    ['serviceendpoint', checkEndpoint],
    ['sdkmessageprocessingstep', stepRule(schema)],
  ];
}

/** Seed the messages and the message × table filters a webhook step can bind to. */
export function seedSdkMessages(store: RecordStore, tables: string[], at: number): void {
  const messageIds = new Map<string, string>();
  for (const name of WEBHOOK_MESSAGES) {
    const id = randomUUID();
    messageIds.set(name, id);
    store.put('sdkmessage', id, { sdkmessageid: id, name, createdon: at, modifiedon: at });
  }
  for (const table of tables) addMessageFilters(store, table, at, messageIds);
}

export function addMessageFilters(store: RecordStore, table: string, at: number, messageIds?: Map<string, string>): void {
  const ids = messageIds ?? new Map(store.list('sdkmessage').map((m) => [m.name as string, m.sdkmessageid as string]));
  for (const name of WEBHOOK_MESSAGES) {
    const messageId = ids.get(name);
    if (!messageId) continue;
    const id = randomUUID();
    store.put('sdkmessagefilter', id, { sdkmessagefilterid: id, name: `${name} of ${table}`, primaryobjecttypecode: table, sdkmessageid: { table: 'sdkmessage', id: messageId }, createdon: at, modifiedon: at });
  }
}

export interface MatchedStep {
  step: Row;
  endpoint: Row;
}

/** Enabled steps for `message` on `table` whose filtering attributes (Update only) meet the changed columns. */
export function matchingSteps(store: RecordStore, message: string, table: string, changed: string[]): MatchedStep[] {
  const messageRow = store.list('sdkmessage').find((m) => m.name === message);
  if (!messageRow) return [];
  const out: MatchedStep[] = [];
  for (const step of store.list('sdkmessageprocessingstep')) {
    if (step.statecode !== 0 || (step.sdkmessageid as LookupValue).id !== messageRow.sdkmessageid) continue;
    const filterRef = step.sdkmessagefilterid as LookupValue | null;
    if (filterRef && store.get('sdkmessagefilter', filterRef.id)?.primaryobjecttypecode !== table) continue;
    const attrs = typeof step.filteringattributes === 'string' ? step.filteringattributes.split(',').map((s) => s.trim()).filter(Boolean) : [];
    if (message === 'Update' && attrs.length > 0 && !attrs.some((a) => changed.includes(a))) continue;
    const endpoint = store.get('serviceendpoint', (step.eventhandler as LookupValue).id);
    if (endpoint?.contract === CONTRACT_WEBHOOK) out.push({ step, endpoint });
  }
  return out.sort((a, b) => ((a.step.rank as number) ?? 0) - ((b.step.rank as number) ?? 0));
}
