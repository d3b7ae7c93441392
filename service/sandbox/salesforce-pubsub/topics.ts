import type { SchemaRegistry } from '../salesforce/schema/registry.ts';
import { buildCdcSchema, changeEventName, type CdcSchema } from './cdc-schema.ts';

export interface Topic {
  name: string;
  /** Entity API names whose change events this channel carries. */
  entities: ReadonlySet<string>;
  /** Single-entity channels have one schema; multi-entity channels have none (each event names its own). */
  schemaId: string;
}

export interface TopicRegistry {
  resolve(topicName: string): Topic | undefined;
  schemaOf(entityName: string): CdcSchema | undefined;
  schemaById(schemaId: string): CdcSchema | undefined;
  list(): Topic[];
}

/**
 * CDC channels (FACTS 1.1, SALESFORCE-PACKAGE.md §8): `/data/ChangeEvents` (every entity), `/data/<Object>ChangeEvent`
 * (`/data/<Name>__ChangeEvent` for custom objects) and custom channels `/data/<Name>__chn` whose members are
 * `<Object>ChangeEvent` names, as PlatformEventChannelMember.selectedEntity spells them.
 */
export function createTopicRegistry(registry: SchemaRegistry, customChannels: Record<string, readonly string[]>): TopicRegistry {
  const schemas = new Map<string, CdcSchema>();
  const byEventName = new Map<string, string>();
  for (const object of registry.list()) {
    const schema = buildCdcSchema(object);
    schemas.set(object.name, schema);
    byEventName.set(schema.eventName.toLowerCase(), object.name);
  }
  const byId = new Map([...schemas.values()].map((s) => [s.schemaId, s]));
  const topics = new Map<string, Topic>();
  const add = (topic: Topic): void => {
    topics.set(topic.name.toLowerCase(), topic);
  };
  add({ name: '/data/ChangeEvents', entities: new Set(schemas.keys()), schemaId: '' });
  for (const schema of schemas.values()) add({ name: `/data/${schema.eventName}`, entities: new Set([schema.entityName]), schemaId: schema.schemaId });
  for (const [channel, members] of Object.entries(customChannels)) {
    if (!/__chn$/.test(channel)) throw new Error(`pubsub emulator: custom channel '${channel}' must end in __chn`);
    const entities = new Set<string>();
    for (const member of members) {
      const entity = byEventName.get(member.toLowerCase()) ?? byEventName.get(changeEventName(member).toLowerCase());
      if (!entity) throw new Error(`pubsub emulator: channel ${channel} selects unknown entity '${member}'`);
      entities.add(entity);
    }
    add({ name: `/data/${channel}`, entities, schemaId: '' });
  }
  return {
    resolve: (topicName) => topics.get(topicName.toLowerCase()),
    schemaOf: (entityName) => schemas.get(entityName) ?? schemas.get(registry.get(entityName)?.name ?? ''),
    schemaById: (schemaId) => byId.get(schemaId),
    list: () => [...topics.values()],
  };
}
