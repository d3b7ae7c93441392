import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

/**
 * The real `pubsub_api.proto` (FACTS 1.1). The client package ships it at its root but does not export it, so it
 * is found next to the package's entry point; the project fixture (a byte-identical copy) is the fallback.
 */
export function resolvePubSubProto(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('salesforce-pubsub-api-client');
    const shipped = join(dirname(entry), '..', 'pubsub_api.proto');
    if (existsSync(shipped)) return shipped;
  } catch {
    // not installed: use the fixture
  }
  return fileURLToPath(new URL('../../../test/fixtures/salesforce-cdc/pubsub_api.proto', import.meta.url));
}

/** The `eventbus.v1.PubSub` service definition, loaded with the options the client uses (camelCase fields). */
export function loadPubSubService(): grpc.ServiceDefinition {
  const definition = protoLoader.loadSync(resolvePubSubProto(), {});
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { eventbus: { v1: { PubSub: { service: grpc.ServiceDefinition } } } };
  return loaded.eventbus.v1.PubSub.service;
}
