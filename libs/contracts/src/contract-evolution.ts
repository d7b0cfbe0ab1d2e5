import type { Column, Contract } from './contract';
import { parseContractVersion } from './contract-version';
import { logicalTypeName } from './schema-fingerprint';

export type ChangeKind = 'none' | 'additive' | 'breaking';

export interface ContractComparison {
  readonly kind: ChangeKind;
  /** Why the change is breaking (first) or additive, one line each. */
  readonly reasons: string[];
  /** The version bump does not match the change (major for breaking, minor for additive). */
  readonly versionProblems: string[];
  /** A breaking change to a BI-facing contract: CI refuses it. */
  readonly refused: boolean;
}

/**
 * Classifies the change from `before` to `after`. Readers are the yardstick:
 * whatever can break a query or a dashboard written against `before` is breaking.
 */
export function compareContracts(before: Contract, after: Contract): ContractComparison {
  if (before.source !== after.source || before.entity !== after.entity) {
    throw new Error(`cannot compare ${before.source}.${before.entity} with ${after.source}.${after.entity}: not the same contract`);
  }
  const breaking = [...columnBreaks(before, after), ...shapeBreaks(before, after)];
  const additive = columnAdditions(before, after);
  const kind: ChangeKind = breaking.length ? 'breaking' : additive.length ? 'additive' : 'none';
  return {
    kind,
    reasons: [...breaking, ...additive],
    versionProblems: versionProblems(before.version, after.version, kind),
    refused: kind === 'breaking' && (before.biFacing || after.biFacing),
  };
}

function columnBreaks(before: Contract, after: Contract): string[] {
  const next = new Map(after.columns.map((c) => [c.name, c]));
  const reasons: string[] = [];
  for (const old of before.columns) {
    const now = next.get(old.name);
    if (!now) reasons.push(`column ${old.name} removed`);
    else reasons.push(...columnBreak(old, now));
  }
  return reasons;
}

function columnBreak(old: Column, now: Column): string[] {
  const reasons: string[] = [];
  if (logicalTypeName(old.type) !== logicalTypeName(now.type)) {
    reasons.push(`column ${old.name} retyped from ${logicalTypeName(old.type)} to ${logicalTypeName(now.type)}`);
  }
  // Readers may rely on a column never being null; the reverse promise is only stronger.
  if (!old.nullable && now.nullable) reasons.push(`column ${old.name} became nullable`);
  // Dropping a tag would let the value leave the extractor unmasked.
  if (old.pii && old.pii !== now.pii) reasons.push(`column ${old.name} lost its PII tag ${old.pii}`);
  return reasons;
}

function shapeBreaks(before: Contract, after: Contract): string[] {
  const reasons: string[] = [];
  if (before.businessKey.join(',') !== after.businessKey.join(',')) {
    reasons.push(`business key changed from (${before.businessKey.join(', ')}) to (${after.businessKey.join(', ')})`);
  }
  if (before.cursor !== after.cursor) reasons.push(`cursor changed from ${before.cursor} to ${after.cursor}`);
  // Otherwise a breaking change could slip through by clearing the flag in the same commit.
  if (before.biFacing && !after.biFacing) reasons.push('no longer BI-facing');
  return reasons;
}

function columnAdditions(before: Contract, after: Contract): string[] {
  const old = new Map(before.columns.map((c) => [c.name, c]));
  const reasons = after.columns.filter((c) => !old.has(c.name)).map((c) => `column ${c.name} added`);
  for (const now of after.columns) {
    const was = old.get(now.name);
    if (was?.nullable && !now.nullable) reasons.push(`column ${now.name} became required`);
    if (was && now.pii && was.pii !== now.pii) reasons.push(`column ${now.name} tagged PII ${now.pii}`);
  }
  const kept = before.columns.map((c) => c.name).filter((n) => after.columns.some((c) => c.name === n));
  const keptOrder = after.columns.map((c) => c.name).filter((n) => old.has(n));
  if (kept.join(',') !== keptOrder.join(',')) reasons.push('columns reordered');
  if (!before.biFacing && after.biFacing) reasons.push('now BI-facing');
  return reasons;
}

function versionProblems(before: string, after: string, kind: ChangeKind): string[] {
  const old = parseContractVersion(before);
  const now = parseContractVersion(after);
  if (!old || !now) return [`version must be MAJOR.MINOR.PATCH (was "${before}", now "${after}")`];
  const majorUp = now.major > old.major;
  const minorUp = majorUp || (now.major === old.major && now.minor > old.minor);
  const notDown = minorUp || (now.major === old.major && now.minor === old.minor && now.patch >= old.patch);
  if (kind === 'breaking' && !majorUp) return [`a breaking change needs a major version bump (${before} -> ${after})`];
  if (kind === 'additive' && !minorUp) return [`an additive change needs a minor version bump (${before} -> ${after})`];
  if (!notDown) return [`the version went backwards (${before} -> ${after})`];
  return [];
}
