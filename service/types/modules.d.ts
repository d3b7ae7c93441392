// Packages that ship no type declarations (npm has no @types for them).

declare module 'httpntlm' {
  export interface NtlmCredentials {
    username: string;
    password?: string;
    lm_password?: Buffer;
    nt_password?: Buffer;
    domain?: string;
    workstation?: string;
  }
  export interface NtlmType2 {
    serverChallenge: Buffer;
    negotiateFlags: number;
    targetInfo?: { buffer: Buffer } & Record<string, unknown>;
    [key: string]: unknown;
  }
  export const ntlm: {
    createType1Message(options: NtlmCredentials): string;
    parseType2Message(rawmsg: string, callback: (err: Error) => void): NtlmType2;
    createType3Message(msg2: NtlmType2, options: NtlmCredentials): string;
  };
  const httpntlm: { ntlm: typeof ntlm };
  export default httpntlm;
}

declare module 'avro-js' {
  export interface AvroType {
    toBuffer(value: unknown): Buffer;
    fromBuffer(buffer: Buffer): unknown;
    isValid(value: unknown): boolean;
    getFields?(): Array<{ getName(): string }>;
  }
  export function parse(schema: unknown, opts?: Record<string, unknown>): AvroType;
  const avro: { parse: typeof parse };
  export default avro;
}
