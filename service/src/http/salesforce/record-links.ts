/**
 * A Salesforce record as the link table knows it: the links of the flows that wrote it (it is their target) or
 * read it (their source), and through them the record's ids in the other systems (an Account's GP customer).
 */
import type { FlowDefinition } from '../../engine/flow.ts';
import type { RecordLink, Store } from '../../store/types.ts';

/** One record in one system: the connection and entity it lives in, and its id there. */
export interface RecordIdentity {
  connection: string;
  entity: string | null;
  id: string;
}

export interface RecordLinks {
  /** Links whose target is the Salesforce record (ERP → Salesforce flows). */
  asTarget: RecordLink[];
  /** Links whose source is the Salesforce record (Salesforce → ERP flows). */
  asSource: RecordLink[];
  /** The record itself (entity unknown without a link) and its ids in the other systems. */
  identities: RecordIdentity[];
}

/** Flows that read from or write to this Salesforce connection. */
export function flowsOfConnection(flows: readonly FlowDefinition[], connectionId: string): FlowDefinition[] {
  return flows.filter((f) => f.source.connection === connectionId || f.target.connection === connectionId);
}

export async function findRecordLinks(store: Store, flows: readonly FlowDefinition[], connectionId: string, recordId: string): Promise<RecordLinks> {
  const flowIds = new Set(flows.map((f) => f.id));
  const targetEntities = new Set(flows.filter((f) => f.target.connection === connectionId).map((f) => f.target.entity));
  const sourceEntities = new Set(flows.filter((f) => f.source.connection === connectionId).map((f) => f.source.entity));
  const asTarget = (await Promise.all([...targetEntities].map((e) => store.links.findByTarget(connectionId, e, recordId)))).flat().filter((l) => flowIds.has(l.flowId));
  const asSource = (await Promise.all([...sourceEntities].map((e) => store.links.findBySource(connectionId, e, recordId)))).flat().filter((l) => flowIds.has(l.flowId));
  const identities: RecordIdentity[] = [{ connection: connectionId, entity: null, id: recordId }];
  const add = (identity: RecordIdentity) => {
    if (!identities.some((i) => i.connection === identity.connection && i.entity === identity.entity && i.id === identity.id)) identities.push(identity);
  };
  for (const l of asTarget) add({ connection: l.sourceConnection, entity: l.sourceEntity, id: l.sourceId });
  for (const l of asSource) if (l.targetId) add({ connection: l.targetConnection, entity: l.targetEntity, id: l.targetId });
  return { asTarget, asSource, identities };
}

/**
 * How an audit event or parked entry of `flow` refers to `identity`: by source id, target id, both or neither.
 * An identity without an entity (the Salesforce record itself) matches on the connection alone: record ids are
 * unique across objects.
 */
export function sidesOf(flow: FlowDefinition, identity: RecordIdentity): { source: boolean; target: boolean } {
  const matches = (side: { connection: string; entity: string }) => side.connection === identity.connection && (identity.entity === null || side.entity === identity.entity);
  return { source: matches(flow.source), target: matches(flow.target) };
}
