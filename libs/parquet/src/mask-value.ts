import { createHash, createHmac } from 'node:crypto';

/**
 * The masking formula, the reference for every other implementation:
 *
 *   masked = lowercase hex of HMAC-SHA256(maskKey, UTF-8 bytes of value)
 *
 * An HMAC, not sha256(key || value): that construction is open to length
 * extension and is not a keyed PRF by design. `value` is the field's text
 * exactly as the CSV carries it (after CSV unquoting), so an integer column
 * masks its decimal text. NULL stays NULL. DuckDB has no hmac(): it computes
 * the same from the key's pads (maskKeyPads, RFC 2104) as
 * `sha256(outer || unhex(sha256(inner || encode(value))))`.
 */
export function maskValue(maskKey: string, value: string): string;
export function maskValue(maskKey: string, value: null): null;
export function maskValue(maskKey: string, value: string | null): string | null;
export function maskValue(maskKey: string, value: string | null): string | null {
  if (value === null) return null;
  return createHmac('sha256', maskKey).update(value, 'utf8').digest('hex');
}

const BLOCK_BYTES = 64;

/**
 * HMAC-SHA256's inner and outer key pads, as hex (RFC 2104): the key (hashed
 * first when longer than a block) zero-padded to 64 bytes, XORed with 0x36
 * and 0x5c. Given these, plain SHA-256 in SQL computes the HMAC.
 */
export function maskKeyPads(maskKey: string): { readonly inner: string; readonly outer: string } {
  const raw = Buffer.from(maskKey, 'utf8');
  const key = Buffer.alloc(BLOCK_BYTES);
  (raw.length > BLOCK_BYTES ? createHash('sha256').update(raw).digest() : raw).copy(key);
  const pad = (byte: number) => Buffer.from(key.map((b) => b ^ byte)).toString('hex');
  return { inner: pad(0x36), outer: pad(0x5c) };
}
