export { createPubSubEmulator, DEFAULT_KEEPALIVE_MS, DEFAULT_RETENTION_MS, type PubSubEmulator, type PubSubEmulatorOptions } from './emulator.ts';
export { buildCdcSchema, changeEventName, CHANGE_TYPES, type CdcChangeType, type CdcSchema } from './cdc-schema.ts';
export { readChannelMembers } from './channel-members.ts';
export { encodeFieldBitmaps } from './field-bitmaps.ts';
export { ERROR_CODES, pubSubError, type PubSubStatus } from './grpc-errors.ts';
export { resolvePubSubProto, loadPubSubService } from './proto.ts';
export { sandboxSessionValidator, type SessionValidator } from './session-check.ts';
export { MAX_NUM_REQUESTED, type FetchLogEntry } from './subscribe-stream.ts';
