import type { Contract, LogicalType } from '@northstar/contracts';
import type { SelectItem } from '@northstar/sql';

/** One column of a staging table, as its model's select makes it from the raw row. */
export interface StagedColumn {
  readonly name: string;
  /** The select item's expression, a template expression (rendered per dialect). */
  readonly expression: string;
  readonly type: LogicalType;
  /** The contract column it is made from, when it reads exactly one. */
  readonly from: string | undefined;
}

const castOf = /^cast\s*\(([\s\S]+)\s+as\s+([\s\S]+?)\s*\)$/i;
const typePreserving = /^(?:upper|lower|trim|ltrim|rtrim)\s*\(\s*([a-z_][a-z0-9_]*)\s*\)$/i;

/**
 * Each select item with its type: a contract column, renamed or passed
 * through upper/lower/trim, keeps the contract's type; anything else says
 * its type with `cast(... as <type>)`, so the staging DDL never guesses
 * what an expression returns.
 */
export function stagedColumns(items: readonly SelectItem[], contract: Contract, file: string): StagedColumn[] {
  const byName = new Map(contract.columns.map((c) => [c.name, c]));
  const seen = new Set<string>();
  return items.map((item) => {
    if (!item.name) throw new Error(`${file}: select item "${item.expression}" needs a name: add "as <column>"`);
    if (seen.has(item.name)) throw new Error(`${file}: column ${item.name} is selected twice`);
    seen.add(item.name);
    if (/^[a-z_][a-z0-9_]*$/i.test(item.expression) && !byName.has(item.expression.toLowerCase())) {
      throw new Error(`${file}: selects ${item.expression}, which the contract ${contract.source}.${contract.entity} does not declare (it has ${[...byName.keys()].join(', ')})`);
    }
    const read = [...new Set(identifiersIn(item.expression).filter((id) => byName.has(id)))];
    const type = typeOf(item.expression, byName) ?? failUntyped(item, file);
    return { name: item.name, expression: item.expression, type, from: read.length === 1 ? read[0] : undefined };
  });
}

function typeOf(expression: string, columns: ReadonlyMap<string, { readonly type: LogicalType }>): LogicalType | undefined {
  const cast = castOf.exec(expression);
  if (cast) return logicalTypeNamed(cast[2]);
  const column = columns.get(expression.toLowerCase());
  if (column) return column.type;
  const preserved = typePreserving.exec(expression);
  const inner = preserved && columns.get(preserved[1].toLowerCase());
  return inner && inner.type.kind === 'string' ? inner.type : undefined;
}

function failUntyped(item: SelectItem, file: string): never {
  throw new Error(
    `${file}: column ${item.name} (${item.expression}): write its type as cast(... as <type>); ` +
      'only a contract column, renamed or passed through upper/lower/trim, takes its type from the contract',
  );
}

/** A SQL type name as a cast in a staging select writes it, in either dialect's spelling. */
export function logicalTypeNamed(sqlType: string): LogicalType {
  const text = sqlType.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\{\{ ?ts_type\(\) ?\}\}$|^timestamptz$|^timestamp_tz$|^timestamp with time zone$/.test(text)) return { kind: 'timestamp' };
  const decimal = /^(?:decimal|numeric|number)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(text);
  if (decimal) return { kind: 'decimal', precision: Number(decimal[1]), scale: Number(decimal[2]) };
  const simple: Record<string, LogicalType> = {
    varchar: { kind: 'string' }, string: { kind: 'string' }, text: { kind: 'string' },
    bigint: { kind: 'integer' }, integer: { kind: 'integer' }, int: { kind: 'integer' },
    double: { kind: 'double' }, float: { kind: 'double' },
    boolean: { kind: 'boolean' }, date: { kind: 'date' },
  };
  const found = simple[text];
  if (!found) throw new Error(`cast to "${sqlType}": a staging column's type must be one of varchar, bigint, double, decimal(p, s), boolean, date, {{ ts_type() }}`);
  return found;
}

/** Lower-case names in an expression that are not function calls, literals or template placeholders. */
function identifiersIn(expression: string): string[] {
  const plain = expression.replace(/'(?:[^']|'')*'/g, ' ').replace(/\{\{[\s\S]*?\}\}/g, ' ');
  return [...plain.matchAll(/([a-z_][a-z0-9_]*)(\s*\()?/gi)].filter((m) => !m[2]).map((m) => m[1].toLowerCase());
}
