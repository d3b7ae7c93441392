import grpc from '@grpc/grpc-js';

/** A status to end an RPC with; Pub/Sub puts its own error code in the `error-code` trailer (FACTS 1.1 [C]). */
export interface PubSubStatus {
  code: grpc.status;
  details: string;
  metadata: grpc.Metadata;
}

export function pubSubError(code: grpc.status, errorCode: string, message: string): PubSubStatus {
  const metadata = new grpc.Metadata();
  metadata.set('error-code', errorCode);
  return { code, details: message, metadata };
}

/** Error codes seen in Salesforce's docs and public clients ([C]; texts are ours). */
export const ERROR_CODES = {
  auth: 'sfdc.platform.eventbus.grpc.service.auth.error',
  replayCorrupted: 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted',
  replayValidation: 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed',
  requestedInvalid: 'sfdc.platform.eventbus.grpc.subscription.fetch.requested.events.invalid',
  topicChanged: 'sfdc.platform.eventbus.grpc.subscription.fetch.topic.changed',
  topicNotFound: 'sfdc.platform.eventbus.grpc.topic.not.found',
  schemaNotFound: 'sfdc.platform.eventbus.grpc.schema.not.found',
  publishDenied: 'sfdc.platform.eventbus.grpc.publish.permission.denied',
} as const;
