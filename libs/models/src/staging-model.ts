import * as path from 'node:path';
import { allContracts, stagingModelName, type Contract, type DigestState } from '@northstar/contracts';
import {
  columnDefinitions,
  columnList,
  fragment,
  loadSqlTemplate,
  parseSelect,
  rawTableRef,
  renderSql,
  splitStatements,
  type Dialect,
  type SqlFragment,
  type SqlTemplate,
} from '@northstar/sql';
import type { Model } from './model-catalog';
import { stagedColumns, type StagedColumn } from './staged-columns';

const template = loadSqlTemplate(path.join(__dirname, '../sql/templates/staging_model.sql'));

/** A staging file written on the template: its body is one `select ... from {{ source }}`. */
export function isStagingSelect(file: SqlTemplate): boolean {
  const statements = splitStatements(file.body);
  return statements.length === 1 && /^select\b/i.test(statements[0]);
}

/**
 * A staging model from its file's renaming select and its entity's contract:
 * the quarantine of null keys, the dedup, the newer-wins MERGE, the delete
 * flags and the lineage columns are the template's (staging_model.sql); the
 * key (composite or not), the cursor and the columns' types are the contract's.
 */
export function stagingModel(file: Model, contracts: readonly Contract[] = allContracts): Model {
  const where = file.template.file;
  const contract = contractRead(file, contracts);
  const select = parseSelect(splitStatements(file.template.body)[0]);
  if (!/^\{\{\s*source\s*\}\}$/.test(select.from)) throw new Error(`${where}: a staging select reads "from {{ source }}" (the batch of newly landed rows) and nothing else, found "from ${select.from}"`);
  const columns = stagedColumns(select.items, contract, where);
  const keys = contract.businessKey.map((key) => stagedFrom(columns, key, 'business key', where));
  const cursor = stagedFrom(columns, contract.cursor, 'cursor', where);
  const declaredKeys = (file.template.header['keys'] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (declaredKeys.join(', ') !== keys.map((k) => k.name).join(', ')) {
    throw new Error(`${where}: header "keys: ${declaredKeys.join(', ')}" must name the contract's business key as the select names it: keys: ${keys.map((k) => k.name).join(', ')}`);
  }
  const tieBreak = file.template.header['tie-break']?.trim();
  if (tieBreak !== undefined && !columns.some((c) => c.name === tieBreak)) throw new Error(`${where}: "tie-break: ${tieBreak}" must name a column the select makes`);
  const ordering: StagingOrdering = { cursor: cursor.name, tieBreak, deletedWhen: file.template.header['deleted-when']?.trim() || undefined };
  const rawTable = rawTableRef(contract);
  return {
    ...file,
    template: { ...template, file: where, name: file.name, header: file.template.header, dependsOn: file.dependsOn },
    tracks: file.tracks.length > 0 ? file.tracks : [{ table: rawTable, column: '_loaded_at' }],
    idents: { staging_table: file.target, raw_table: rawTable, cursor: cursor.name },
    fragments: (dialect) => ({ ...stagingFragments(contract, columns, keys, dialect, where), ...orderingFragments(ordering, dialect, where) }),
  };
}

/**
 * The staging column a staging file makes from a contract column (renamed or
 * not): what the nightly repair compares a key set's or digest's column with.
 */
export function stagedColumnNamed(file: SqlTemplate, contract: Contract, contractColumn: string): string {
  const columns = stagedColumns(parseSelect(splitStatements(file.body)[0]).items, contract, file.file);
  return stagedFrom(columns, contractColumn, 'column', file.file).name;
}

/**
 * As stagedColumnNamed, for a digest state column: it must be staged as
 * itself or renamed, or lower-cased when the state is declared
 * `lower(<column>)`, since any other transformed value would hash unlike the
 * source's and make every day differ.
 */
export function stagedStateColumnNamed(file: SqlTemplate, contract: Contract, state: DigestState): string {
  const columns = stagedColumns(parseSelect(splitStatements(file.body)[0]).items, contract, file.file);
  const staged = stagedFrom(columns, state.column, 'digest state column', file.file);
  const expression = staged.expression.replace(/\s+/g, '').toLowerCase();
  // A lower-cased state hashes lower() of what is staged: staged as itself or already lower-cased, the text is the source's lower(column).
  if (expression === state.column || (state.lower && expression === `lower(${state.column})`)) return staged.name;
  throw new Error(`${file.file}: the digest state column ${state.column} is staged as ${staged.expression}; the state hash needs it as itself or renamed${state.lower ? ', or lower-cased' : ' (declare lower(' + state.column + ') for a lower-cased one)'}`);
}

function contractRead(file: Model, contracts: readonly Contract[]): Contract {
  const where = file.template.file;
  const [raw, ...more] = file.dependsOn;
  const contract = contracts.find((c) => rawTableRef(c) === raw);
  if (!contract || more.length > 0) throw new Error(`${where}: a staging model depends on exactly one raw table with a contract (depends-on: raw.<source>__<entity>), found "${file.dependsOn.join(', ')}"`);
  if (file.name !== stagingModelName(contract)) throw new Error(`${where}: the staging model of ${raw} is named ${stagingModelName(contract)}, not ${file.name}`);
  return contract;
}

/** The staged column made from a contract column: the bare one when it is also used in other expressions. */
function stagedFrom(columns: readonly StagedColumn[], contractColumn: string, role: string, where: string): StagedColumn {
  const made = columns.filter((c) => c.from === contractColumn);
  const chosen = made.length === 1 ? made : made.filter((c) => c.expression.toLowerCase() === contractColumn);
  if (chosen.length !== 1) throw new Error(`${where}: the contract's ${role} ${contractColumn} must be selected once, as itself or renamed (found ${made.length} columns made from it)`);
  return chosen[0];
}

function stagingFragments(contract: Contract, columns: readonly StagedColumn[], keys: readonly StagedColumn[], dialect: Dialect, where: string): Record<string, SqlFragment> {
  const q = (name: string) => dialect.quoteIdent(name);
  const isKey = new Set(keys.map((k) => k.name));
  const rawKeys = contract.businessKey;
  const nonKey = columns.filter((c) => !isKey.has(c.name));
  const names = columns.map((c) => c.name);
  const anyKeyNull = rawKeys.map((k) => `${q(k)} is null`).join(' or ');
  return {
    staged_columns: columnDefinitions(columns.map((c) => ({ name: c.name, type: c.type, nullable: !isKey.has(c.name) })), dialect),
    renamed_columns: fragment(columns.map((c) => selectItemSql(c, dialect, where)).join(',\n      ')),
    // Every contract column but the key, as landed: two versions equal in all of them are the same version.
    row_hash: fragment(dialect.macros.hash_key(...contract.columns.filter((c) => !rawKeys.includes(c.name)).map((c) => q(c.name)))),
    key_columns: columnList(keys.map((k) => k.name), dialect),
    key_match: fragment(keys.map((k) => `target.${q(k.name)} = source.${q(k.name)}`).join(' and ')),
    any_key_null: fragment(rawKeys.length > 1 ? `(${anyKeyNull})` : anyKeyNull),
    no_key_null: fragment(rawKeys.map((k) => `${q(k)} is not null`).join(' and ')),
    update_columns: fragment(nonKey.map((c) => `${q(c.name)} = source.${q(c.name)}`).join(',\n  ')),
    insert_columns: columnList(names, dialect),
    insert_values: columnList(names, dialect, 'source'),
    source_name: fragment(dialect.literal(contract.source)),
    entity_name: fragment(dialect.literal(contract.entity)),
    quarantine_reason: fragment(dialect.literal(`${rawKeys.join(' or ')} is null: the business key is missing`)),
    cluster_by: fragment(''),
  };
}

/**
 * What decides between versions beyond the cursor, from the model's header:
 * `tie-break:` a staged column that orders versions with the same cursor
 * (Zendesk's generated time: a system update moves it, not updated_at), and
 * `deleted-when:` a condition on the raw row that marks a deleted record
 * (status 'deleted', active false) for sources that send deletes as records.
 */
interface StagingOrdering {
  readonly cursor: string;
  readonly tieBreak: string | undefined;
  readonly deletedWhen: string | undefined;
}

function orderingFragments(ordering: StagingOrdering, dialect: Dialect, where: string): Record<string, SqlFragment> {
  const cursor = dialect.quoteIdent(ordering.cursor);
  const tie = ordering.tieBreak && dialect.quoteIdent(ordering.tieBreak);
  let deleted: string | undefined;
  if (ordering.deletedWhen) {
    try {
      deleted = renderSql(ordering.deletedWhen, dialect).sql;
    } catch (error) {
      throw new Error(`${where}: deleted-when: ${(error as Error).message} (a condition on the raw row, with macros, no parameters)`);
    }
  }
  return {
    tie_break_order: fragment(tie ? `${tie} desc nulls last, ` : ''),
    tie_break_not_older: fragment(tie ? ` and coalesce(source.${tie} >= target.${tie}, true)` : ''),
    tie_break_newer: fragment(tie ? `\n  or (source.${cursor} = target.${cursor} and source.${tie} > target.${tie})` : ''),
    deleted_in_record: fragment(deleted ? `,\n      coalesce(${deleted}, false) as _deleted_in_record` : ''),
    // In the record: the newest version says. Otherwise the nightly key set set the flags, and only a version written after the delete clears them.
    delete_flags_update: fragment(deleted
      ? `is_deleted = source._deleted_in_record,\n  deleted_at = case when source._deleted_in_record then source.${cursor} end`
      : `is_deleted = case when source.${cursor} > target.deleted_at then false else target.is_deleted end,\n  deleted_at = case when source.${cursor} > target.deleted_at then null else target.deleted_at end`),
    delete_flags_insert: fragment(deleted ? `source._deleted_in_record, case when source._deleted_in_record then source.${cursor} end` : 'false, null'),
  };
}

/** The model's own expression, rendered for the dialect (its macros expanded), named when it is not the bare column. */
function selectItemSql(column: StagedColumn, dialect: Dialect, where: string): string {
  let rendered;
  try {
    rendered = renderSql(column.expression, dialect);
  } catch (error) {
    throw new Error(`${where}: column ${column.name}: ${(error as Error).message} (a staging select takes macros, no parameters or placeholders)`);
  }
  return column.expression === column.name ? rendered.sql : `${rendered.sql} as ${dialect.quoteIdent(column.name)}`;
}
