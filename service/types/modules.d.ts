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

// js-md4 and des.js come with httpntlm; Node 20's OpenSSL 3 has neither MD4 nor DES-ECB (TOOLCHAIN §4).
declare module 'js-md4' {
  interface Md4Hasher {
    update(message: string | ArrayBuffer | Uint8Array | number[]): Md4Hasher;
    digest(): number[];
    arrayBuffer(): ArrayBuffer;
    hex(): string;
  }
  const md4: {
    (message: string | ArrayBuffer | Uint8Array | number[]): string;
    create(): Md4Hasher;
    arrayBuffer(message: string | ArrayBuffer | Uint8Array | number[]): ArrayBuffer;
  };
  export default md4;
}

declare module 'des.js' {
  interface DesCipher {
    update(data: Uint8Array | number[]): number[];
    final(): number[];
  }
  const des: {
    DES: { create(options: { type: 'encrypt' | 'decrypt'; key: Uint8Array | number[]; padding?: boolean }): DesCipher };
  };
  export default des;
}
