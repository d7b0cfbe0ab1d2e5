import { createHash } from 'node:crypto';

/**
 * The masking formula, the reference for every other implementation:
 *
 *   masked = lowercase hex of SHA-256 over the UTF-8 bytes of (maskKey || value)
 *
 * `value` is the field's text exactly as the CSV carries it (after CSV
 * unquoting), so an integer column masks its decimal text. NULL stays NULL,
 * the empty string masks to sha256(maskKey). DuckDB computes it as
 * `sha256(getvariable('northstar_mask_key') || value)`, Snowflake as
 * `sha2(:key || value, 256)`, PostgreSQL as `encode(sha256(convert_to(:key || value, 'UTF8')), 'hex')`.
 */
export function maskValue(maskKey: string, value: string): string;
export function maskValue(maskKey: string, value: null): null;
export function maskValue(maskKey: string, value: string | null): string | null;
export function maskValue(maskKey: string, value: string | null): string | null {
  if (value === null) return null;
  return createHash('sha256').update(maskKey + value, 'utf8').digest('hex');
}
