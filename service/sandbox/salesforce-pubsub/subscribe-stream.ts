import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import { decodeReplayId, encodeReplayId, type EventLog } from './event-log.ts';
import { ERROR_CODES, pubSubError, type PubSubStatus } from './grpc-errors.ts';
import type { Topic, TopicRegistry } from './topics.ts';

/** Most events a subscriber may have outstanding (FACTS 1.1 flow control, 1.3 #2). */
export const MAX_NUM_REQUESTED = 100;
const REPLAY_PRESET = { LATEST: 0, EARLIEST: 1, CUSTOM: 2 } as const;

interface FetchRequest {
  topicName?: string;
  replayPreset?: number | string;
  replayId?: Buffer;
  numRequested?: number;
}

export interface FetchLogEntry {
  streamId: string;
  topic: string;
  kind: 'request' | 'delivery' | 'keepalive';
  /** request: numRequested as sent; delivery: events in the response. */
  count: number;
  /** Events the server still owes the subscriber after this entry. */
  pending: number;
}

export interface StreamDeps {
  log: EventLog;
  topics: TopicRegistry;
  authorize(metadata: grpc.Metadata): Promise<PubSubStatus | undefined>;
  keepaliveMs: number;
  record(entry: FetchLogEntry): void;
  onClose(stream: SubscribeStream): void;
}

export interface SubscribeStream {
  readonly id: string;
  topic(): string | undefined;
  pending(): number;
  isSilent(): boolean;
  /** Deliver what the log has for this subscriber, within what it asked for. */
  pump(): void;
  /** Stop sending anything (events and keepalives) while keeping the stream open: a hung stream. */
  silence(): void;
  fail(status: PubSubStatus): void;
  end(): void;
}

function presetOf(value: number | string | undefined): number {
  if (value === undefined) return REPLAY_PRESET.LATEST;
  if (typeof value === 'number') return value;
  return REPLAY_PRESET[value as keyof typeof REPLAY_PRESET] ?? -1;
}

/**
 * One Subscribe call (FACTS 1.1, 1.3 #1–#4): replay preset and id are honoured on the first FetchRequest only; a
 * different topic later is INVALID_ARGUMENT; the server never has more than the requested events outstanding
 * (each request capped at 100, the running total too); with nothing to send it answers an empty FetchResponse with
 * latest_replay_id every `keepaliveMs`.
 */
export function handleSubscribe(call: grpc.ServerDuplexStream<FetchRequest, unknown>, deps: StreamDeps): SubscribeStream {
  const id = randomUUID();
  let topic: Topic | undefined;
  let position = 0n;
  let pending = 0;
  let silent = false;
  let closed = false;
  let queue: Promise<void> = Promise.resolve();
  let keepalive: NodeJS.Timeout | undefined;

  const stream: SubscribeStream = {
    id,
    topic: () => topic?.name,
    pending: () => pending,
    isSilent: () => silent,
    pump() {
      if (closed || silent || !topic || pending === 0) return;
      const accepts = (entity: string): boolean => (topic as Topic).entities.has(entity);
      const events = deps.log.after(position, accepts, pending);
      if (events.length === 0) return;
      const last = events[events.length - 1];
      if (!last) return;
      position = last.replayId;
      pending -= events.length;
      call.write({
        events: events.map((e) => ({ event: { id: e.id, schemaId: e.schemaId, payload: e.payload, headers: [] }, replayId: encodeReplayId(e.replayId) })),
        latestReplayId: encodeReplayId(last.replayId),
        rpcId: randomUUID(),
        pendingNumRequested: pending,
      });
      deps.record({ streamId: id, topic: topic.name, kind: 'delivery', count: events.length, pending });
      armKeepalive();
    },
    silence() {
      silent = true;
      if (keepalive) clearTimeout(keepalive);
    },
    fail(status) {
      if (closed) return;
      close();
      call.emit('error', status);
    },
    end() {
      if (closed) return;
      close();
      call.end();
    },
  };

  function close(): void {
    closed = true;
    if (keepalive) clearTimeout(keepalive);
    deps.onClose(stream);
  }

  function armKeepalive(): void {
    if (keepalive) clearTimeout(keepalive);
    if (closed || silent) return;
    keepalive = setTimeout(() => {
      if (closed || silent || !topic) return;
      call.write({ events: [], latestReplayId: encodeReplayId(deps.log.latest()), rpcId: randomUUID(), pendingNumRequested: pending });
      deps.record({ streamId: id, topic: topic.name, kind: 'keepalive', count: 0, pending });
      armKeepalive();
    }, deps.keepaliveMs);
  }

  function start(req: FetchRequest): PubSubStatus | undefined {
    const name = req.topicName ?? '';
    const found = deps.topics.resolve(name);
    if (!found) return pubSubError(grpc.status.NOT_FOUND, ERROR_CODES.topicNotFound, `topic ${name || '(none)'} does not exist or you do not have access`);
    const preset = presetOf(req.replayPreset);
    if (preset === REPLAY_PRESET.CUSTOM) {
      const replayId = decodeReplayId(req.replayId);
      if (replayId === undefined) return pubSubError(grpc.status.INVALID_ARGUMENT, ERROR_CODES.replayValidation, 'The Replay ID validation failed: CUSTOM replay needs a replay_id');
      // A replay id outside retention (or never issued) is refused the way Salesforce refuses it (FACTS 1.3 #1).
      if (!deps.log.isReplayable(replayId)) {
        return pubSubError(grpc.status.INVALID_ARGUMENT, ERROR_CODES.replayCorrupted, 'The Replay ID validation failed. Ensure that the Replay ID is valid and within the retention window.');
      }
      position = replayId;
    } else if (preset === REPLAY_PRESET.EARLIEST) {
      position = deps.log.earliestPosition();
    } else if (preset === REPLAY_PRESET.LATEST) {
      position = deps.log.latest();
    } else {
      return pubSubError(grpc.status.INVALID_ARGUMENT, ERROR_CODES.replayValidation, `unknown replay_preset ${String(req.replayPreset)}`);
    }
    topic = found;
    return undefined;
  }

  async function onRequest(req: FetchRequest): Promise<void> {
    if (closed) return;
    const denied = await deps.authorize(call.metadata);
    if (denied) return stream.fail(denied);
    if (!topic) {
      const refused = start(req);
      if (refused) return stream.fail(refused);
      armKeepalive();
    } else if (req.topicName && req.topicName.toLowerCase() !== topic.name.toLowerCase()) {
      return stream.fail(pubSubError(grpc.status.INVALID_ARGUMENT, ERROR_CODES.topicChanged, `topic_name cannot change within a Subscribe stream (was ${topic.name})`));
    }
    const requested = req.numRequested ?? 0;
    if (requested <= 0) return stream.fail(pubSubError(grpc.status.INVALID_ARGUMENT, ERROR_CODES.requestedInvalid, 'num_requested must be greater than 0'));
    pending = Math.min(MAX_NUM_REQUESTED, pending + Math.min(requested, MAX_NUM_REQUESTED));
    deps.record({ streamId: id, topic: topic?.name ?? '', kind: 'request', count: requested, pending });
    stream.pump();
  }

  call.on('data', (req: FetchRequest) => {
    queue = queue.then(() => onRequest(req)).catch((err: unknown) => {
      stream.fail({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err), metadata: new grpc.Metadata() });
    });
  });
  call.on('end', () => stream.end());
  call.on('cancelled', () => {
    if (!closed) close();
  });
  call.on('error', () => {
    if (!closed) close();
  });
  return stream;
}
