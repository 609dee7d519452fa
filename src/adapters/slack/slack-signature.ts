import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/** The length of a Slack signature: `v0=` and 64 hex digits of HMAC-SHA256. */
const SIGNATURE_LENGTH = 3 + 64;

/**
 * Whether `signature` is Slack's for this request: `v0=` + hex HMAC-SHA256 of `v0:seconds:body`
 * under the signing secret, and the timestamp not stale (Bolt's rule: not older than 5 minutes, in
 * whole seconds). `seconds` is the timestamp header read as a number, as Bolt reads and signs it
 * (`Number(header)`). The verdict of Bolt's `isValidSlackRequest` (tested side by side), but for one case: Bolt ignores anything after a
 * second `=` of the signature, which is refused here. One HMAC per request: the strings are compared
 * with `crypto.timingSafeEqual`, as safe as Bolt's `tsscmp` (which computes two more HMACs and draws
 * random bytes on every compare). A signature of another length is refused before comparing; that
 * reveals only its length, which is public. The secret may be given as a `KeyObject` made once
 * (`createSecretKey`), which spares preparing the key on every request.
 */
export function slackSignatureValid(secret: string | KeyObject, seconds: number, body: string, signature: string, nowMs: number): boolean {
  if (!(seconds >= Math.floor(nowMs / 1000) - 5 * 60)) return false;
  if (signature.length !== SIGNATURE_LENGTH) return false;
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${seconds}:${body}`).digest('hex')}`;
  // Header values are latin1 in Node: one byte per character, so equal lengths in characters are equal in bytes.
  return timingSafeEqual(Buffer.from(signature, 'latin1'), Buffer.from(expected, 'latin1'));
}
