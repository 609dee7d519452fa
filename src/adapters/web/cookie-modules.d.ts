// Types for the two small libraries express 5 itself uses to write signed cookies (no @types published for these versions).

declare module 'cookie-signature' {
  /** `value.signature` (HMAC-SHA256, base64 without padding). */
  export function sign(value: string, secret: string): string;
  /** The value when the signature is right (compared in constant time), else false. */
  export function unsign(signed: string, secret: string): string | false;
}

declare module 'cookie' {
  export interface CookieSerializeOptions {
    maxAge?: number;
    expires?: Date;
    path?: string;
    domain?: string;
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: boolean | 'lax' | 'strict' | 'none';
  }
  export function parse(header: string): Record<string, string | undefined>;
  export function serialize(name: string, value: string, options?: CookieSerializeOptions): string;
}
