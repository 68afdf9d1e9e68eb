// Stubs for password-hashing packages that are not installed in this repository; a `declare module`
// stub stands for its package (src/analysis/packages.ts), so the rules see these calls as the packages' own.
declare module 'argon2' {
  export interface Options {
    raw?: boolean;
    salt?: Buffer;
    hashLength?: number;
    timeCost?: number;
    memoryCost?: number;
    parallelism?: number;
    type?: 0 | 1 | 2;
  }
  export const argon2id: 2;
  export function hash(password: string | Buffer, options: Options & { raw: true }): Promise<Buffer>;
  export function hash(password: string | Buffer, options?: Options): Promise<string>;
}

declare module 'hash-wasm' {
  export interface Argon2Options {
    password: string | Uint8Array;
    salt: string | Uint8Array;
    iterations: number;
    parallelism: number;
    memorySize: number;
    hashLength: number;
    outputType?: 'hex' | 'binary' | 'encoded';
  }
  export function argon2id(options: Argon2Options & { outputType: 'binary' }): Promise<Uint8Array>;
  export function argon2id(options: Argon2Options): Promise<string>;
}
