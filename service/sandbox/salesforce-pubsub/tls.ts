import { generate } from 'selfsigned';

export interface EmulatorCertificate {
  certPem: string;
  keyPem: string;
}

/**
 * A certificate made at start for the emulator's TLS listener: the Pub/Sub client has no plaintext mode
 * (TOOLCHAIN §3), so the emulator speaks TLS and the client is told to trust this certificate (it is its own CA:
 * self-signed, CA:true, SAN localhost + 127.0.0.1). See README.md for how the change feed trusts it.
 */
export async function generateEmulatorCertificate(hosts: string[] = ['localhost', '127.0.0.1']): Promise<EmulatorCertificate> {
  const altNames = hosts.map((host) => (/^[\d.]+$/.test(host) || host.includes(':') ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }));
  const pems = await generate([{ name: 'commonName', value: 'ml-connector pubsub emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
