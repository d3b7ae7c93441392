import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import type { SalesforceSandbox } from '../salesforce/index.ts';
import type { CdcChangeType, CdcSchema } from './cdc-schema.ts';
import { draftChangeEvents, encodeChangeEvent, type ChangeEventDraft } from './change-events.ts';
import { createEventLog, type StoredEvent } from './event-log.ts';
import { ERROR_CODES, pubSubError, type PubSubStatus } from './grpc-errors.ts';
import { loadPubSubService } from './proto.ts';
import { checkAuthMetadata, sandboxSessionValidator, type SessionValidator } from './session-check.ts';
import { handleSubscribe, type FetchLogEntry, type SubscribeStream } from './subscribe-stream.ts';
import { generateEmulatorCertificate } from './tls.ts';
import { createTopicRegistry, type TopicRegistry } from './topics.ts';

/** Salesforce keeps CDC events 72 hours (seed 003; FACTS 1.1 [U]). */
export const DEFAULT_RETENTION_MS = 72 * 60 * 60 * 1000;
/** Keepalives come "within 270 s" (proto comment); the emulator sends one after a minute without traffic. */
export const DEFAULT_KEEPALIVE_MS = 60_000;

export interface PubSubEmulatorOptions {
  /** The REST emulator whose records, schema and sessions this org shares. */
  sandbox: SalesforceSandbox;
  /** Custom channels: name (`ML_Connector__chn`) → selected entities (`AccountChangeEvent`…). */
  channels?: Record<string, readonly string[]>;
  retentionMs?: number;
  keepaliveMs?: number;
  now?: () => number;
  host?: string;
  port?: number;
  /** Defaults to asking the sandbox's REST API whether the token is a live session. */
  isSessionValid?: SessionValidator;
}

export interface PubSubEmulator {
  /** `host:port` for the client's `pubSubEndpoint`. Known after start(). */
  readonly endpoint: string;
  /** PEM of the certificate the emulator serves (and the CA a client must trust). Known after start(). */
  readonly caPem: string;
  readonly topics: TopicRegistry;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Publishes a GAP_* event naming records whose change could not be captured (FACTS 1.3 #7). */
  injectGap(entityName: string, recordIds: string[], changeType?: Exclude<CdcChangeType, 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | 'GAP_OVERFLOW'>): bigint;
  /** Publishes a GAP_OVERFLOW event for an entity: too many changes to report one by one. */
  injectOverflow(entityName: string): bigint;
  /** Makes every open stream go silent (no events, no keepalives); streams opened later behave normally. */
  silenceOpenStreams(): number;
  /** Ends every open stream with a status (default UNAVAILABLE), as a dropped connection does. */
  failOpenStreams(status?: PubSubStatus): number;
  openStreams(): Array<{ id: string; topic: string | undefined; pending: number; silent: boolean }>;
  /** Every FetchRequest, delivery and keepalive, in order (flow-control assertions). */
  fetchLog(): FetchLogEntry[];
  latestReplayId(): bigint;
  events(): StoredEvent[];
}

export function createPubSubEmulator(opts: PubSubEmulatorOptions): PubSubEmulator {
  const { sandbox } = opts;
  const now = opts.now ?? Date.now;
  const topics = createTopicRegistry(sandbox.schema, opts.channels ?? {});
  const log = createEventLog({ retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS, now });
  const published: StoredEvent[] = [];
  const streams = new Set<SubscribeStream>();
  const fetchLog: FetchLogEntry[] = [];
  const isSessionValid = opts.isSessionValid ?? sandboxSessionValidator(sandbox);
  let server: grpc.Server | undefined;
  let endpoint: string | undefined;
  let caPem: string | undefined;
  let unsubscribe: (() => void) | undefined;
  let commitNumber = 0;

  const authorize = (metadata: grpc.Metadata) => checkAuthMetadata(metadata, { orgId: sandbox.orgId, instanceUrl: () => sandbox.instanceUrl, isSessionValid });

  function schemaFor(entityName: string): CdcSchema {
    const schema = topics.schemaOf(entityName);
    if (!schema) throw new Error(`pubsub emulator: no change event schema for '${entityName}'`);
    return schema;
  }

  function publish(drafts: ChangeEventDraft[]): bigint {
    let last = log.latest();
    for (const draft of drafts) {
      const stored = log.append(encodeChangeEvent(schemaFor(draft.entityName), draft));
      published.push(stored);
      last = stored.replayId;
    }
    for (const stream of streams) stream.pump();
    return last;
  }

  function injected(entityName: string, changeType: CdcChangeType, recordIds: string[]): ChangeEventDraft {
    const schema = schemaFor(entityName);
    commitNumber += 1;
    return {
      entityName: schema.entityName,
      changeType,
      recordIds,
      changedFields: [],
      nulledFields: [],
      values: {},
      changeOrigin: '',
      transactionKey: randomUUID(),
      sequenceNumber: 1,
      commitTimestamp: now(),
      commitNumber,
      commitUser: sandbox.userId,
    };
  }

  type Handler = grpc.UntypedHandleCall;
  const unary = (fn: (req: Record<string, unknown>) => unknown): Handler =>
    (async (call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const denied = await authorize(call.metadata);
      if (denied) return callback(denied);
      try {
        callback(null, fn(call.request));
      } catch (err) {
        callback(err as PubSubStatus);
      }
    }) as Handler;

  const handlers: grpc.UntypedServiceImplementation = {
    GetTopic: unary((req) => {
      const topic = topics.resolve(String(req.topicName ?? ''));
      if (!topic) throw pubSubError(grpc.status.NOT_FOUND, ERROR_CODES.topicNotFound, `topic ${String(req.topicName)} does not exist`);
      return { topicName: topic.name, tenantGuid: sandbox.orgId, canPublish: false, canSubscribe: true, schemaId: topic.schemaId, rpcId: randomUUID() };
    }),
    GetSchema: unary((req) => {
      const schema = topics.schemaById(String(req.schemaId ?? ''));
      if (!schema) throw pubSubError(grpc.status.NOT_FOUND, ERROR_CODES.schemaNotFound, `schema ${String(req.schemaId)} not found`);
      return { schemaJson: schema.schemaJson, schemaId: schema.schemaId, rpcId: randomUUID() };
    }),
    // Change events are published by Salesforce itself: a CDC channel is not publishable (TopicInfo.can_publish false).
    Publish: unary((req) => {
      const name = String(req.topicName ?? '');
      if (!topics.resolve(name)) throw pubSubError(grpc.status.NOT_FOUND, ERROR_CODES.topicNotFound, `topic ${name} does not exist`);
      throw pubSubError(grpc.status.PERMISSION_DENIED, ERROR_CODES.publishDenied, `topic ${name} is a change data capture channel and cannot be published to`);
    }),
    Subscribe: ((call: grpc.ServerDuplexStream<never, unknown>) => {
      const stream = handleSubscribe(call, {
        log,
        topics,
        authorize,
        keepaliveMs: opts.keepaliveMs ?? DEFAULT_KEEPALIVE_MS,
        record: (entry) => fetchLog.push(entry),
        onClose: (s) => streams.delete(s),
      });
      streams.add(stream);
    }) as Handler,
  };
  const unimplemented = (name: string): Handler =>
    ((call: { emit?: (e: string, s: PubSubStatus) => void }, callback?: grpc.sendUnaryData<unknown>) => {
      const status = { code: grpc.status.UNIMPLEMENTED, details: `${name} is not emulated`, metadata: new grpc.Metadata() };
      if (callback) callback(status);
      else call.emit?.('error', status);
    }) as Handler;
  handlers.PublishStream = unimplemented('PublishStream');
  handlers.ManagedSubscribe = unimplemented('ManagedSubscribe');

  const started = (value: string | undefined, what: string): string => {
    if (value === undefined) throw new Error(`pubsub emulator: ${what} is known only after start()`);
    return value;
  };

  return {
    get endpoint() {
      return started(endpoint, 'endpoint');
    },
    get caPem() {
      return started(caPem, 'caPem');
    },
    topics,

    async start() {
      if (server) throw new Error('pubsub emulator already started');
      const host = opts.host ?? '127.0.0.1';
      const cert = await generateEmulatorCertificate(['localhost', host]);
      const grpcServer = new grpc.Server();
      grpcServer.addService(loadPubSubService(), handlers);
      const credentials = grpc.ServerCredentials.createSsl(null, [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }], false);
      const port = await new Promise<number>((resolve, reject) => {
        grpcServer.bindAsync(`${host}:${opts.port ?? 0}`, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
      });
      server = grpcServer;
      // The TLS server name must be a host name (an IP address there is deprecated, RFC 6066); the cert names both.
      endpoint = `${host === '127.0.0.1' ? 'localhost' : host}:${port}`;
      caPem = cert.certPem;
      unsubscribe = sandbox.records.onChange((changes) => {
        publish(draftChangeEvents(changes));
      });
    },

    async stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      for (const stream of [...streams]) stream.end();
      const current = server;
      server = undefined;
      endpoint = undefined;
      if (!current) return;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          current.forceShutdown();
          resolve();
        }, 2000);
        current.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },

    injectGap(entityName, recordIds, changeType = 'GAP_UPDATE') {
      return publish([injected(entityName, changeType, recordIds)]);
    },
    injectOverflow(entityName) {
      return publish([injected(entityName, 'GAP_OVERFLOW', [])]);
    },
    silenceOpenStreams() {
      for (const stream of streams) stream.silence();
      return streams.size;
    },
    failOpenStreams(status = pubSubError(grpc.status.UNAVAILABLE, 'sfdc.platform.eventbus.grpc.service.unavailable', 'Connection dropped')) {
      const open = [...streams];
      for (const stream of open) stream.fail(status);
      return open.length;
    },
    openStreams: () => [...streams].map((s) => ({ id: s.id, topic: s.topic(), pending: s.pending(), silent: s.isSilent() })),
    fetchLog: () => [...fetchLog],
    latestReplayId: () => log.latest(),
    events: () => [...published],
  };
}
