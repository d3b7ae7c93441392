import { readFileSync } from 'node:fs';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import avro from 'avro-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPubSubConnection } from '../../../service/src/connectors/salesforce/feeds/pubsub-connection.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { ERROR_CODES, readChannelMembers, resolvePubSubProto } from '../../../service/sandbox/salesforce-pubsub/index.ts';
import { fetchToken } from '../../connectors/salesforce/helpers.ts';
import { startOrg, waitFor, type Org } from '../../connectors/salesforce/cdc-helpers.ts';

const example = JSON.parse(readFileSync(new URL('../../fixtures/salesforce-cdc/cdc-account-update-event.decoded.example.json', import.meta.url), 'utf8')) as {
  event: { payload: { ChangeEventHeader: Record<string, unknown> } };
};

type Unary = (req: unknown, md: grpc.Metadata, cb: (err: Error | null, res: never) => void) => void;
type Raw = grpc.Client & { Subscribe(md: grpc.Metadata): unknown; GetTopic: Unary; GetSchema: Unary };
interface FetchResponse {
  events?: Array<{ event: { schemaId: string; payload: Buffer }; replayId: Buffer }>;
  latestReplayId: Buffer;
}

let org: Org;
let token: { access_token: string; instance_url: string };
const rawClients: grpc.Client[] = [];

beforeAll(async () => {
  org = await startOrg();
  token = await fetchToken(org.sandbox);
});
afterAll(async () => {
  for (const c of rawClients) c.close();
  await org.stop();
});

/** A plain gRPC client on the real proto (no Pub/Sub client logic), trusting the emulator's certificate. */
function rawClient(): Raw {
  const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(resolvePubSubProto(), {})) as unknown as {
    eventbus: { v1: { PubSub: new (address: string, creds: grpc.ChannelCredentials) => Raw } };
  };
  const client = new pkg.eventbus.v1.PubSub(org.pubsub.endpoint, grpc.credentials.createSsl(Buffer.from(org.pubsub.caPem)));
  rawClients.push(client);
  return client;
}

function auth(accessToken = token.access_token): grpc.Metadata {
  const md = new grpc.Metadata();
  md.set('accesstoken', accessToken);
  md.set('instanceurl', token.instance_url.replace('http://', 'https://'));
  md.set('tenantid', org.sandbox.orgId);
  return md;
}

function subscribe(client: Raw, metadata = auth()) {
  const call = client.Subscribe(metadata) as grpc.ClientDuplexStream<unknown, FetchResponse>;
  const responses: FetchResponse[] = [];
  const status = new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
  call.on('data', (r: FetchResponse) => responses.push(r));
  return { call, responses, status };
}

const replayBytes = (n: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(n);
  return b;
};
const eventsIn = (responses: FetchResponse[]) => responses.flatMap((r) => r.events ?? []);

describe('Pub/Sub emulator', () => {
  it('publishes REST changes with a ChangeEventHeader shaped like the real decoded example', async () => {
    const conn = await openPubSubConnection({
      endpoint: org.pubsub.endpoint,
      accessToken: token.access_token,
      instanceUrl: token.instance_url.replace('http://', 'https://'),
      caPem: org.pubsub.caPem,
      logger: silentLogger(),
    });
    const received: Array<{ payload: Record<string, unknown> }> = [];
    conn.subscribe('/data/AccountChangeEvent', { preset: 'LATEST' }, 5, (signal, data) => {
      if (signal === 'event') received.push(data as { payload: Record<string, unknown> });
    });
    await waitFor(() => org.pubsub.openStreams().length === 1);
    const a = org.sandbox.records.create('Account', { Name: 'Shape Co', BillingCity: 'Oakland' });
    org.sandbox.records.update('Account', a.Id, { BillingCity: 'San Francisco', BillingState: 'CA', Phone: '555-0100' });
    await waitFor(() => received.length === 2);
    await conn.close();

    const header = received[1]?.payload.ChangeEventHeader as Record<string, unknown>;
    const expected = example.event.payload.ChangeEventHeader;
    expect(Object.keys(header)).toEqual(Object.keys(expected));
    for (const [key, value] of Object.entries(expected)) expect(typeof header[key], key).toBe(typeof value);
    expect(header).toMatchObject({ entityName: 'Account', recordIds: [a.Id], changeType: 'UPDATE', sequenceNumber: 1, nulledFields: [], diffFields: [] });
    // Bitmaps decoded by the client into names, compound sub-fields as `BillingAddress.City` (as in the example).
    expect(header.changedFields).toEqual(['LastModifiedDate', 'Phone', 'BillingAddress.City', 'BillingAddress.State']);
    expect(received[1]?.payload).toMatchObject({ Name: null, Phone: '555-0100', BillingAddress: { City: 'San Francisco', State: 'CA', Street: null } });
    expect(received[0]?.payload.ChangeEventHeader).toMatchObject({ changeType: 'CREATE', changedFields: [] });
    expect(received[0]?.payload).toMatchObject({ Name: 'Shape Co', BillingAddress: { City: 'Oakland' } });
  });

  it('serves an Avro schema whose field 0 is ChangeEventHeader and whose data fields are null unions', async () => {
    const client = rawClient();
    const topic = await new Promise<{ schemaId: string; canPublish: boolean }>((resolve, reject) =>
      client.GetTopic({ topicName: '/data/AccountChangeEvent' }, auth(), (err: Error | null, res: never) => (err ? reject(err) : resolve(res))),
    );
    expect(topic.canPublish).toBe(false);
    const info = await new Promise<{ schemaJson: string }>((resolve, reject) =>
      client.GetSchema({ schemaId: topic.schemaId }, auth(), (err: Error | null, res: never) => (err ? reject(err) : resolve(res))),
    );
    const schema = JSON.parse(info.schemaJson) as { name: string; namespace: string; fields: Array<{ name: string; type: unknown }> };
    expect(schema).toMatchObject({ name: 'AccountChangeEvent', namespace: 'com.sforce.eventbus' });
    expect(schema.fields[0]?.name).toBe('ChangeEventHeader');
    for (const field of schema.fields.slice(1)) expect((field.type as unknown[])[0]).toBe('null');
    expect(schema.fields.map((f) => f.name)).not.toContain('Id');
    expect(() => avro.parse(info.schemaJson)).not.toThrow();
  });

  it('delivers no more than requested, caps num_requested at 100, and rejects a topic change', async () => {
    const before = org.pubsub.latestReplayId();
    for (let i = 0; i < 4; i++) org.sandbox.records.create('Account', { Name: `Flow ${i}` });
    const { call, responses, status } = subscribe(rawClient());
    call.write({ topicName: '/data/AccountChangeEvent', replayPreset: 2, replayId: replayBytes(before), numRequested: 3 });
    await waitFor(() => eventsIn(responses).length === 3);
    await new Promise((r) => setTimeout(r, 200)); // a keepalive comes, no fourth event
    expect(eventsIn(responses)).toHaveLength(3);
    expect(responses.some((r) => (r.events ?? []).length === 0 && r.latestReplayId.length === 8)).toBe(true);
    call.write({ numRequested: 150 });
    await waitFor(() => eventsIn(responses).length === 4);
    const streamId = org.pubsub.fetchLog().filter((e) => e.kind === 'request').at(-1)?.streamId;
    const requests = org.pubsub.fetchLog().filter((e) => e.streamId === streamId && e.kind === 'request');
    expect(requests.map((r) => r.pending)).toEqual([3, 100]);
    call.write({ topicName: '/data/OrderChangeEvent', numRequested: 1 });
    const err = await status;
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('refuses a CUSTOM replay id older than retention with the replay-id error Salesforce gives', async () => {
    org.sandbox.records.create('Account', { Name: 'Aging' });
    const old = org.pubsub.latestReplayId();
    org.clock.offsetMs = 73 * 3_600_000;
    try {
      const { call, status } = subscribe(rawClient());
      call.write({ topicName: '/data/AccountChangeEvent', replayPreset: 2, replayId: replayBytes(old), numRequested: 1 });
      const err = await status;
      expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(err.metadata.get('error-code')).toEqual([ERROR_CODES.replayCorrupted]);
    } finally {
      org.clock.offsetMs = 0;
    }
  });

  it('answers UNAUTHENTICATED for an expired session or a wrong tenant', async () => {
    const stale = await fetchToken(org.sandbox);
    org.sandbox.sessions.expire(stale.access_token);
    const expired = subscribe(rawClient(), auth(stale.access_token));
    expired.call.write({ topicName: '/data/AccountChangeEvent', numRequested: 1 });
    expect((await expired.status).code).toBe(grpc.status.UNAUTHENTICATED);
    const md = auth();
    md.set('tenantid', '00D000000000001AAA');
    const wrongOrg = subscribe(rawClient(), md);
    wrongOrg.call.write({ topicName: '/data/AccountChangeEvent', numRequested: 1 });
    const err = await wrongOrg.status;
    expect(err.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(err.metadata.get('error-code')).toEqual([ERROR_CODES.auth]);
  });

  it('knows the package custom channel and its members from the force-app metadata', () => {
    const channels = readChannelMembers(new URL('../../../force-app/main/default', import.meta.url).pathname);
    expect(Object.keys(channels)).toEqual(['ML_Connector__chn']);
    expect(channels.ML_Connector__chn).toEqual(expect.arrayContaining(['AccountChangeEvent', 'OrderChangeEvent']));
    const topic = org.pubsub.topics.resolve('/data/ML_Connector__chn');
    expect([...(topic?.entities ?? [])].sort()).toEqual(['Account', 'Order']);
    expect(org.pubsub.topics.resolve('/data/ChangeEvents')?.entities.has('Product2')).toBe(true);
  });
});
