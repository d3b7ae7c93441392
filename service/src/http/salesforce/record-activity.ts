/**
 * A Salesforce record's sync history for the package's Sync History component: the audit events and open parked
 * entries of the record and of its ids in the other systems (found through the link table), newest first.
 */
import type { FlowDefinition } from '../../engine/flow.ts';
import type { AuditEvent, AuditOutcome, ParkedRecord, Store } from '../../store/types.ts';
import { findRecordLinks, sidesOf, type RecordIdentity } from './record-links.ts';

/** Record-level outcomes (the component's vocabulary); run and replay markers are left out. */
const RECORD_OUTCOMES: ReadonlySet<AuditOutcome> = new Set(['created', 'updated', 'unchanged', 'parked', 'refused', 'deleted']);
const AUDIT_PAGE = 200;
/** Bounds the scan for one identity: at most this many audit pages are read. */
const MAX_AUDIT_PAGES = 10;
const MAX_PARKED = 100;

export interface ActivityEvent {
  id: number;
  at: string;
  flowId: string | null;
  outcome: AuditOutcome;
  errorCategory: string | null;
  message: string | null;
  sourceId: string | null;
  targetId: string | null;
}

export interface ActivityParked {
  id: number;
  flowId: string;
  category: string;
  reason: string;
  attempts: number;
  createdAt: string;
}

export interface RecordActivity {
  recordId: string;
  events: ActivityEvent[];
  parked: ActivityParked[];
}

function toEvent(e: AuditEvent): ActivityEvent {
  return {
    id: e.id,
    at: e.at.toISOString(),
    flowId: e.flowId,
    outcome: e.outcome,
    errorCategory: e.errorCategory ?? null,
    message: e.message ?? null,
    sourceId: e.sourceId ?? null,
    targetId: e.targetId ?? null,
  };
}

function toParked(p: ParkedRecord): ActivityParked {
  return { id: p.id, flowId: p.flowId, category: p.category, reason: p.reason, attempts: p.attempts, createdAt: p.createdAt.toISOString() };
}

async function eventsOf(store: Store, flows: readonly FlowDefinition[], identity: RecordIdentity, limit: number): Promise<AuditEvent[]> {
  const sides = new Map(flows.map((f) => [f.id, sidesOf(f, identity)]));
  const matches = (e: AuditEvent) => {
    const s = e.flowId ? sides.get(e.flowId) : undefined;
    return !!s && RECORD_OUTCOMES.has(e.outcome) && ((s.source && e.sourceId === identity.id) || (s.target && e.targetId === identity.id));
  };
  const found: AuditEvent[] = [];
  let beforeId: number | undefined;
  for (let page = 0; page < MAX_AUDIT_PAGES && found.length < limit; page++) {
    const batch = await store.audit.query({ recordId: identity.id, beforeId, limit: AUDIT_PAGE });
    found.push(...batch.filter(matches));
    if (batch.length < AUDIT_PAGE) break;
    beforeId = batch.at(-1)?.id;
  }
  return found;
}

async function parkedOf(store: Store, flows: readonly FlowDefinition[], identity: RecordIdentity): Promise<ParkedRecord[]> {
  // Parked entries are keyed by the flow's source id.
  const readers = flows.filter((f) => sidesOf(f, identity).source);
  const lists = await Promise.all(readers.map((f) => store.parked.list({ flowId: f.id, sourceId: identity.id, status: 'parked', limit: MAX_PARKED })));
  return lists.flat();
}

/** The record's activity, or undefined when the service has never seen it (no link, no event, nothing parked). */
export async function readRecordActivity(
  store: Store,
  flows: readonly FlowDefinition[],
  connectionId: string,
  recordId: string,
  limit: number,
): Promise<RecordActivity | undefined> {
  const links = await findRecordLinks(store, flows, connectionId, recordId);
  const events = new Map<number, AuditEvent>();
  const parked = new Map<number, ParkedRecord>();
  for (const identity of links.identities) {
    for (const e of await eventsOf(store, flows, identity, limit)) events.set(e.id, e);
    for (const p of await parkedOf(store, flows, identity)) parked.set(p.id, p);
  }
  if (links.asTarget.length + links.asSource.length + events.size + parked.size === 0) return undefined;
  return {
    recordId,
    events: [...events.values()].sort((a, b) => b.id - a.id).slice(0, limit).map(toEvent),
    parked: [...parked.values()].sort((a, b) => b.id - a.id).map(toParked),
  };
}
