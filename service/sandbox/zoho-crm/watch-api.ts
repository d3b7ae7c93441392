/**
 * /crm/v8/actions/watch (notifications.json [V]; FACTS §5 #9): POST enables channels (201; re-enabling an
 * existing channel id renews it — the documented way to extend a channel, Kaizen #170), PUT replaces a channel's
 * details, PATCH updates the given ones (or removes events with `_delete_events`), GET lists live channels one
 * entry per module (204 when none), DELETE ?channel_ids= disables. Per-item results: all succeed → 201/200,
 * mixed → 207 (settings.watchMultiStatus; the older shared OAS says 202), all fail → 400 with `watch[]`. Unknown
 * channels answer NOT_SUBSCRIBED (code from the OAS enum [V], text [U]).
 */
import { formatZohoDateTime } from './clock.ts';
import { channelModules, type Channel } from './channels.ts';
import { ZohoHttpError, errorBody, invalidModuleBody, zohoError, type ZohoErrorBody } from './errors.ts';
import type { Org } from './org.ts';
import { parsePositiveInt, type ReadResult } from './record-reads.ts';
import type { Json } from './record-shapes.ts';
import type { BehaviourSettings } from './settings.ts';
import { validateWatchItem, type WatchItem, type WatchMode } from './watch-validation.ts';

export interface WatchContext {
  org: Org;
  behaviour: BehaviourSettings;
  now: number;
  apiDomain: string;
}

const MAX_ITEMS = 50;
const MESSAGES = {
  create: 'Successfully subscribed for actions-watch of the given module',
  update: 'Successfully updated the subscribe details',
  removeEvents: 'Successfully removed the subscribe details',
  delete: 'Successfully un-subscribed from actions-watch',
};

function notSubscribed(channelId: string): ZohoErrorBody {
  return errorBody('NOT_SUBSCRIBED', 'not subscribed for actions-watch', { channel_id: channelId });
}

function eventDetails(ctx: WatchContext, channel: Channel, modules: string[]): Json[] {
  return modules.map((m) => {
    const mod = ctx.org.modules.get(m);
    const entry: Json = {
      channel_expiry: formatZohoDateTime(channel.expiresAt, ctx.org.timeZoneOffsetMinutes),
      resource_uri: `${ctx.apiDomain}/crm/v8/${m}`,
      resource_id: mod?.id ?? null,
      resource_name: m,
      channel_id: channel.channelId,
    };
    const condition = channel.notificationCondition?.filter((c) => c.module.api_name === m);
    if (condition && condition.length > 0) entry.notification_condition = condition;
    return entry;
  });
}

function modulesOf(events: string[]): string[] {
  return channelModules({ events } as Channel);
}

function statusOf(ctx: WatchContext, results: Array<Json | ZohoErrorBody>, okStatus: number): number {
  const ok = results.filter((r) => r.status === 'success').length;
  if (ok === 0) return 400;
  return ok < results.length ? ctx.behaviour.watchMultiStatus : okStatus;
}

function itemsOf(body: unknown): unknown[] {
  const watch = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json).watch : undefined;
  // [U] texts for a body without a usable watch array.
  if (watch === undefined || (Array.isArray(watch) && watch.length === 0)) throw zohoError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'watch', json_path: '$.watch' });
  if (!Array.isArray(watch)) throw zohoError(400, 'INVALID_DATA', 'invalid data', { expected_data_type: 'jsonarray', api_name: 'watch', json_path: '$.watch' });
  if (watch.length > MAX_ITEMS) throw zohoError(400, 'LIMIT_EXCEEDED', 'limit exceeded', { limit: MAX_ITEMS, api_name: 'watch' });
  return watch;
}

function applyItem(ctx: WatchContext, item: WatchItem, mode: WatchMode): Json | ZohoErrorBody {
  const existing = ctx.org.channels.get(item.channelId, ctx.now);
  if (mode !== 'create' && !existing) return notSubscribed(item.channelId);
  if (mode === 'patch' && item.deleteEvents && existing) {
    existing.events = existing.events.filter((e) => !item.events.includes(e));
    if (existing.events.length === 0) ctx.org.channels.remove(existing.channelId);
    return { code: 'SUCCESS', details: { events: eventDetails(ctx, existing, modulesOf(item.events)) }, message: MESSAGES.removeEvents, status: 'success' };
  }
  let channel: Channel;
  if (mode === 'replace' || !existing) {
    channel = {
      channelId: item.channelId,
      notifyUrl: item.notifyUrl ?? existing?.notifyUrl ?? '',
      token: item.token ?? null,
      expiresAt: item.expiresAt,
      events: [...new Set(item.events)],
      returnAffectedFieldValues: item.returnAffectedFieldValues ?? false,
      notifyOnRelatedAction: item.notifyOnRelatedAction ?? true,
      notificationCondition: item.notificationCondition ?? null,
      fields: item.fields ?? null,
    };
  } else {
    channel = {
      ...existing,
      events: [...new Set([...existing.events, ...item.events])],
      notifyUrl: item.notifyUrl ?? existing.notifyUrl,
      token: item.token !== undefined ? item.token : existing.token,
      expiresAt: mode === 'create' || item.expiryGiven ? item.expiresAt : existing.expiresAt,
      returnAffectedFieldValues: item.returnAffectedFieldValues ?? existing.returnAffectedFieldValues,
      notifyOnRelatedAction: item.notifyOnRelatedAction ?? existing.notifyOnRelatedAction,
      notificationCondition: item.notificationCondition !== undefined ? item.notificationCondition : existing.notificationCondition,
      fields: item.fields !== undefined ? item.fields : existing.fields,
    };
  }
  ctx.org.channels.put(channel);
  const modules = mode === 'create' ? modulesOf(item.events) : channelModules(channel);
  return { code: 'SUCCESS', details: { events: eventDetails(ctx, channel, modules) }, message: mode === 'create' ? MESSAGES.create : MESSAGES.update, status: 'success' };
}

export function writeWatch(ctx: WatchContext, mode: WatchMode, body: unknown): ReadResult {
  const results = itemsOf(body).map((raw, i) => {
    const checked = validateWatchItem(ctx.org, ctx.behaviour, raw, i, mode, ctx.now);
    return 'error' in checked ? checked.error : applyItem(ctx, checked.ok, mode);
  });
  return { status: statusOf(ctx, results, mode === 'create' ? 201 : 200), body: { watch: results } };
}

export function listWatch(ctx: WatchContext, query: URLSearchParams): ReadResult {
  const module = query.get('module');
  if (module !== null && !ctx.org.modules.get(module)) throw new ZohoHttpError(400, invalidModuleBody());
  const channelId = query.get('channel_id');
  const perPage = parsePositiveInt(query, 'per_page', 200, 200);
  const page = parsePositiveInt(query, 'page', 1);
  const entries = ctx.org.channels
    .list(ctx.now)
    .filter((c) => channelId === null || c.channelId === channelId)
    .flatMap((c) => channelModules(c).map((m) => ({ c, m })))
    .filter(({ m }) => module === null || m === module);
  const slice = entries.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      watch: slice.map(({ c, m }) => ({
        notify_on_related_action: c.notifyOnRelatedAction,
        channel_expiry: formatZohoDateTime(c.expiresAt, ctx.org.timeZoneOffsetMinutes),
        return_affected_field_values: c.returnAffectedFieldValues,
        resource_uri: `${ctx.apiDomain}/crm/v8/${m}`,
        resource_id: ctx.org.modules.get(m)?.id ?? null,
        notify_url: c.notifyUrl,
        resource_name: m,
        fields: c.fields ?? null,
        notification_condition: c.notificationCondition?.filter((x) => x.module.api_name === m) ?? null,
        channel_id: c.channelId,
        events: c.events.filter((e) => e.startsWith(`${m}.`)),
        token: c.token,
      })),
      info: { per_page: perPage, count: slice.length, page, more_records: entries.length > page * perPage },
    },
  };
}

export function deleteWatch(ctx: WatchContext, query: URLSearchParams): ReadResult {
  const raw = query.get('channel_ids');
  if (raw === null || raw.trim() === '') throw zohoError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'channel_ids' });
  const results: Array<Json | ZohoErrorBody> = [];
  for (const id of raw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const channel = ctx.org.channels.get(id, ctx.now);
    if (!channel) {
      results.push(notSubscribed(id));
      continue;
    }
    ctx.org.channels.remove(id);
    for (const m of channelModules(channel)) {
      results.push({ code: 'SUCCESS', details: { resource_uri: `${ctx.apiDomain}/crm/v8/${m}`, resource_id: ctx.org.modules.get(m)?.id ?? null, channel_id: id }, message: MESSAGES.delete, status: 'success' });
    }
  }
  return { status: statusOf(ctx, results, 200), body: { watch: results } };
}
