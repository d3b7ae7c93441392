/**
 * Notification channels of one org (notifications.json [V]; FACTS §5 #9): a channel has an id, a notify URL, an
 * optional verification token, an expiry and `Module.create|edit|delete|all` events. Expiry rules per Kaizen #170
 * [V] (v4+): default one hour when absent or more than one week ahead. An expired channel delivers nothing and
 * disappears from GET /actions/watch. Channels are kept per channel id; GET lists one entry per channel × module.
 */
export type WatchOperation = 'create' | 'edit' | 'delete';

export interface Channel {
  channelId: string;
  notifyUrl: string;
  token: string | null;
  expiresAt: number;
  events: string[];
  returnAffectedFieldValues: boolean;
  notifyOnRelatedAction: boolean;
  notificationCondition: NotificationCondition[] | null;
  fields: unknown;
}

export interface ConditionNode {
  field?: { api_name: string; id?: string };
  group_operator?: 'and' | 'or' | null;
  group?: ConditionNode[] | null;
}

export interface NotificationCondition {
  type: 'field_selection';
  module: { api_name: string; id?: string };
  field_selection: { group_operator: 'and' | 'or'; group: ConditionNode[] };
}

export const DEFAULT_CHANNEL_LIFETIME_MS = 60 * 60 * 1000;
export const MAX_CHANNEL_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface ChannelRegistry {
  get(channelId: string, now: number): Channel | undefined;
  list(now: number): Channel[];
  put(channel: Channel): void;
  remove(channelId: string): boolean;
  /** Set every channel's expiry to `at` (admin: let them lapse). */
  expireAll(at: number): number;
}

export function createChannelRegistry(): ChannelRegistry {
  const channels = new Map<string, Channel>();
  const prune = (now: number): void => {
    for (const [id, c] of channels) if (c.expiresAt <= now) channels.delete(id);
  };
  return {
    get(channelId, now) {
      prune(now);
      return channels.get(channelId);
    },
    list(now) {
      prune(now);
      return [...channels.values()];
    },
    put(channel) {
      channels.set(channel.channelId, channel);
    },
    remove: (channelId) => channels.delete(channelId),
    expireAll(at) {
      for (const c of channels.values()) c.expiresAt = Math.min(c.expiresAt, at);
      return channels.size;
    },
  };
}

/** `Accounts.all` → Accounts for create, edit and delete. */
export function parseEvent(event: string): { module: string; operations: WatchOperation[] } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9_]*)\.(create|edit|delete|all)$/.exec(event);
  if (!m) return undefined;
  const op = m[2] as WatchOperation | 'all';
  return { module: m[1] as string, operations: op === 'all' ? ['create', 'edit', 'delete'] : [op] };
}

export function channelModules(channel: Channel): string[] {
  return [...new Set(channel.events.map((e) => parseEvent(e)?.module).filter((m): m is string => m !== undefined))];
}

export function channelWatches(channel: Channel, module: string, op: WatchOperation): boolean {
  return channel.events.some((e) => {
    const parsed = parseEvent(e);
    return parsed?.module === module && parsed.operations.includes(op);
  });
}

function evaluate(node: ConditionNode, changed: Set<string>): boolean {
  if (node.field) return changed.has(node.field.api_name);
  const children = node.group ?? [];
  if (children.length === 0) return false;
  return node.group_operator === 'and' ? children.every((c) => evaluate(c, changed)) : children.some((c) => evaluate(c, changed));
}

/** Field-selection conditions (v6+): an edit notifies only when the changed fields satisfy the module's condition [U semantics of nesting]. */
export function editMatchesCondition(channel: Channel, module: string, changedFields: string[]): boolean {
  const condition = channel.notificationCondition?.find((c) => c.module.api_name === module);
  if (!condition) return true;
  return evaluate({ group_operator: condition.field_selection.group_operator, group: condition.field_selection.group }, new Set(changedFields));
}
