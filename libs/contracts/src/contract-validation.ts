import type { Contract } from './contract';
import { sources } from './contract';
import { parseContractVersion } from './contract-version';
import { logicalTypeName } from './schema-fingerprint';

const snakeCase = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * Problems that make a contract unusable, one line each (empty when valid).
 * A business key column may be nullable only when its description says why:
 * the source cannot guarantee it, and the quality app checks for null keys.
 */
export function validateContract(contract: Contract): string[] {
  const where = `${contract.source}.${contract.entity}`;
  const problems: string[] = [];
  const names = contract.columns.map((c) => c.name);
  if (!(sources as readonly string[]).includes(contract.source)) problems.push(`${where}: unknown source`);
  if (!snakeCase.test(contract.entity)) problems.push(`${where}: entity name is not lowercase snake_case`);
  if (!parseContractVersion(contract.version)) problems.push(`${where}: version "${contract.version}" is not MAJOR.MINOR.PATCH`);
  if (!contract.description.trim()) problems.push(`${where}: no description`);
  if (contract.columns.length === 0) problems.push(`${where}: no columns`);
  for (const name of names) {
    if (!snakeCase.test(name)) problems.push(`${where}: column ${name} is not lowercase snake_case`);
  }
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) problems.push(`${where}: column ${name} appears twice`);
  problems.push(...keyProblems(contract, where), ...typeProblems(contract, where));
  return problems;
}

function keyProblems(contract: Contract, where: string): string[] {
  const problems: string[] = [];
  const byName = new Map(contract.columns.map((c) => [c.name, c]));
  if (contract.businessKey.length === 0) problems.push(`${where}: empty business key`);
  for (const key of contract.businessKey) {
    const column = byName.get(key);
    if (!column) problems.push(`${where}: business key column ${key} is not a column`);
    else if (column.nullable && !/\bnull/i.test(column.description)) {
      problems.push(`${where}: business key column ${key} is nullable; say in its description why the source cannot guarantee it`);
    }
  }
  const cursor = byName.get(contract.cursor);
  if (!cursor) problems.push(`${where}: cursor column ${contract.cursor} is not a column`);
  else if (cursor.nullable) problems.push(`${where}: cursor column ${contract.cursor} must not be nullable`);
  else if (!['timestamp', 'integer', 'date'].includes(cursor.type.kind)) {
    problems.push(`${where}: cursor column ${contract.cursor} must be a timestamp, date or integer, not ${cursor.type.kind}`);
  }
  return problems;
}

/** Both warehouses cap decimals at 38 digits. */
function typeProblems(contract: Contract, where: string): string[] {
  return contract.columns
    .filter((c) => c.type.kind === 'decimal' && !(c.type.precision >= 1 && c.type.precision <= 38 && c.type.scale >= 0 && c.type.scale <= c.type.precision))
    .map((c) => `${where}: column ${c.name} has an impossible type ${logicalTypeName(c.type)}`);
}
