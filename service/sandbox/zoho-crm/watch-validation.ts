/**
 * One element of a `watch[]` body, checked the way the notifications OAS shapes its per-item errors [V]:
 * MANDATORY_NOT_FOUND for a missing `channel_id` / `events` / `notify_url`, INVALID_DATA (with `api_name`,
 * `json_path`, and `expected_data_type` or `maximum_length`) for a bad value [U which value gets which detail].
 * `channel_expiry` absent or more than a week ahead falls back to one hour (Kaizen #170 [V]); a past expiry is
 * refused [U]. `token` ≤ 50 characters (settings.maxChannelTokenLength, FACTS §5.1 #9 [V]). `notify_url` must be
 * https (http allowed for loopback hosts when settings.allowHttpNotifyUrl) [U].
 */
import { parseZohoDateTime } from './clock.ts';
import { DEFAULT_CHANNEL_LIFETIME_MS, MAX_CHANNEL_LIFETIME_MS, parseEvent, type NotificationCondition } from './channels.ts';
import { errorBody, type ZohoErrorBody } from './errors.ts';
import type { Org } from './org.ts';
import type { BehaviourSettings } from './settings.ts';

export type WatchMode = 'create' | 'replace' | 'patch';

export interface WatchItem {
  channelId: string;
  events: string[];
  notifyUrl?: string;
  token?: string | null;
  expiresAt: number;
  expiryGiven: boolean;
  returnAffectedFieldValues?: boolean;
  notifyOnRelatedAction?: boolean;
  notificationCondition?: NotificationCondition[] | null;
  fields?: unknown;
  deleteEvents: boolean;
}

const MAX_URL_LENGTH = 255;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function mandatory(apiName: string, path: string): ZohoErrorBody {
  return errorBody('MANDATORY_NOT_FOUND', 'required field not found', { api_name: apiName, json_path: path });
}

function invalid(apiName: string, path: string, extra: Record<string, unknown> = {}): ZohoErrorBody {
  return errorBody('INVALID_DATA', 'invalid data', { ...extra, api_name: apiName, json_path: path });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkConditionNode(node: unknown, fields: Set<string>, path: string): ZohoErrorBody | undefined {
  if (!isObject(node)) return invalid('group', path, { expected_data_type: 'jsonobject' });
  if (node.field !== undefined) {
    const f = node.field;
    if (!isObject(f) || typeof f.api_name !== 'string') return mandatory('api_name', `${path}.field.api_name`);
    if (!fields.has(f.api_name)) return invalid('api_name', `${path}.field.api_name`);
    return undefined;
  }
  if (!Array.isArray(node.group)) return mandatory('group', `${path}.group`);
  for (const [i, child] of node.group.entries()) {
    const err = checkConditionNode(child, fields, `${path}.group[${i}]`);
    if (err) return err;
  }
  return undefined;
}

function checkConditions(org: Org, raw: unknown, modules: string[], path: string): { value: NotificationCondition[] | null } | { error: ZohoErrorBody } {
  if (raw === null) return { value: null };
  if (!Array.isArray(raw)) return { error: invalid('notification_condition', path, { expected_data_type: 'jsonarray' }) };
  for (const [i, c] of raw.entries()) {
    const p = `${path}[${i}]`;
    if (!isObject(c)) return { error: invalid('notification_condition', p, { expected_data_type: 'jsonobject' }) };
    if (c.type === undefined) return { error: mandatory('type', `${p}.type`) };
    if (c.type !== 'field_selection') return { error: invalid('type', `${p}.type`, { supported_values: ['field_selection'] }) };
    const mod = isObject(c.module) && typeof c.module.api_name === 'string' ? org.modules.get(c.module.api_name) : undefined;
    if (!isObject(c.module)) return { error: mandatory('module', `${p}.module`) };
    if (!mod || !modules.includes(mod.apiName)) return { error: invalid('api_name', `${p}.module.api_name`) };
    const sel = c.field_selection;
    if (!isObject(sel)) return { error: mandatory('field_selection', `${p}.field_selection`) };
    if (sel.group_operator !== 'and' && sel.group_operator !== 'or') return { error: mandatory('group_operator', `${p}.field_selection.group_operator`) };
    const err = checkConditionNode({ group: sel.group }, new Set(mod.fields.keys()), `${p}.field_selection`);
    if (err) return { error: err };
  }
  return { value: raw as NotificationCondition[] };
}

export function validateWatchItem(org: Org, behaviour: BehaviourSettings, raw: unknown, i: number, mode: WatchMode, now: number): { ok: WatchItem } | { error: ZohoErrorBody } {
  const path = `$.watch[${i}]`;
  if (!isObject(raw)) return { error: invalid('watch', path, { expected_data_type: 'jsonobject' }) };
  const rawId = raw.channel_id;
  if (rawId === undefined || rawId === null || rawId === '') return { error: mandatory('channel_id', `${path}.channel_id`) };
  const channelId = typeof rawId === 'number' && Number.isSafeInteger(rawId) ? String(rawId) : rawId;
  if (typeof channelId !== 'string' || !/^\d{1,19}$/.test(channelId)) return { error: invalid('channel_id', `${path}.channel_id`, { expected_data_type: 'long' }) };

  if (raw.events === undefined) return { error: mandatory('events', `${path}.events`) };
  if (!Array.isArray(raw.events) || raw.events.length === 0) return { error: invalid('events', `${path}.events`, { expected_data_type: 'jsonarray' }) };
  const events: string[] = [];
  for (const [j, e] of raw.events.entries()) {
    const parsed = typeof e === 'string' ? parseEvent(e) : undefined;
    const mod = parsed ? org.modules.get(parsed.module) : undefined;
    if (!parsed || !mod || mod.subformOf) return { error: invalid('events', `${path}.events[${j}]`) };
    events.push(e as string);
  }

  let notifyUrl: string | undefined;
  if (raw.notify_url === undefined || raw.notify_url === null) {
    if (mode !== 'patch') return { error: mandatory('notify_url', `${path}.notify_url`) };
  } else {
    const url = raw.notify_url;
    let parsed: URL | undefined;
    try {
      parsed = typeof url === 'string' && url.length <= MAX_URL_LENGTH ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    const httpAllowed = behaviour.allowHttpNotifyUrl && parsed?.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
    if (!parsed || (parsed.protocol !== 'https:' && !httpAllowed)) return { error: invalid('notify_url', `${path}.notify_url`, typeof url === 'string' && url.length > MAX_URL_LENGTH ? { maximum_length: MAX_URL_LENGTH } : {}) };
    notifyUrl = url as string;
  }

  let token: string | null | undefined;
  if (raw.token !== undefined) {
    if (raw.token !== null && typeof raw.token !== 'string') return { error: invalid('token', `${path}.token`, { expected_data_type: 'string' }) };
    if (typeof raw.token === 'string' && raw.token.length > behaviour.maxChannelTokenLength) return { error: invalid('token', `${path}.token`, { maximum_length: behaviour.maxChannelTokenLength }) };
    token = raw.token;
  }

  let expiresAt = now + DEFAULT_CHANNEL_LIFETIME_MS;
  const expiryGiven = raw.channel_expiry !== undefined && raw.channel_expiry !== null;
  if (expiryGiven) {
    const ms = typeof raw.channel_expiry === 'string' ? parseZohoDateTime(raw.channel_expiry) : undefined;
    if (ms === undefined) return { error: invalid('channel_expiry', `${path}.channel_expiry`, { expected_data_type: 'datetime' }) };
    if (ms <= now) return { error: invalid('channel_expiry', `${path}.channel_expiry`) };
    if (ms - now <= MAX_CHANNEL_LIFETIME_MS) expiresAt = ms;
  }

  const bool = (key: string): { value?: boolean } | { error: ZohoErrorBody } => {
    const v = raw[key];
    if (v === undefined || v === null) return {};
    return typeof v === 'boolean' ? { value: v } : { error: invalid(key, `${path}.${key}`, { expected_data_type: 'boolean' }) };
  };
  const returnValues = bool('return_affected_field_values');
  if ('error' in returnValues) return returnValues;
  const related = bool('notify_on_related_action');
  if ('error' in related) return related;
  const deleteEvents = bool('_delete_events');
  if ('error' in deleteEvents) return deleteEvents;
  if (deleteEvents.value && mode !== 'patch') return { error: invalid('_delete_events', `${path}._delete_events`) };

  let notificationCondition: NotificationCondition[] | null | undefined;
  if (raw.notification_condition !== undefined) {
    const modules = [...new Set(events.map((e) => parseEvent(e)?.module as string))];
    const checked = checkConditions(org, raw.notification_condition, modules, `${path}.notification_condition`);
    if ('error' in checked) return checked;
    notificationCondition = checked.value;
  }

  return {
    ok: {
      channelId,
      events,
      notifyUrl,
      token,
      expiresAt,
      expiryGiven,
      returnAffectedFieldValues: returnValues.value,
      notifyOnRelatedAction: related.value,
      notificationCondition,
      fields: raw.fields,
      deleteEvents: deleteEvents.value === true,
    },
  };
}

