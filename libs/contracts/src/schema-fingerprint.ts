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

/**
 * The fingerprint of what a source delivered: the contract's columns plus the
 * names of columns the source added (not loaded until the contract adds
 * them). Equal to `schemaFingerprint(columns)` when nothing was added, so an
 * additive drift shows up in ops.schema_registry as a schema of its own.
 */
export function sourceSchemaFingerprint(columns: readonly FingerprintColumn[], addedInSource: readonly string[]): string {
  if (addedInSource.length === 0) return schemaFingerprint(columns);
  const canonical = { contract: schemaFingerprint(columns), addedInSource: [...addedInSource].map((n) => n.toLowerCase()).sort() };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
