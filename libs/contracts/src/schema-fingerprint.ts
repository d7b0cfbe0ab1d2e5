import { createHash } from 'node:crypto';
import type { Column, LogicalType } from './contract';

export type FingerprintColumn = Pick<Column, 'name' | 'type' | 'nullable'>;

/** A type's canonical spelling, also used to compare and report types. */
export function logicalTypeName(type: LogicalType): string {
  return type.kind === 'decimal' ? `decimal(${type.precision},${type.scale})` : type.kind;
}

/**
 * sha256 (hex) of column names, types and nullability, in order. Descriptions
 * and PII tags are left out: they change no byte of the data, so a file's
 * fingerprint still matches after a documentation-only contract change.
 */
export function schemaFingerprint(columns: readonly FingerprintColumn[]): string {
  const canonical = columns.map((c) => [c.name, logicalTypeName(c.type), c.nullable]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
