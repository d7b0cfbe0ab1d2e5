import { piiTagValues, type LogicalType, type PiiTag } from '@northstar/contracts';
import { fragment, renderSql, type Dialect, type RenderedSql } from '@northstar/sql';
import { tableColumns } from './table-columns';
import type { Warehouse, WarehouseSession } from './warehouse';
import { warehouseSqlTemplate } from './warehouse-sql';

/** A column of the warehouse that holds personal data, and the kind its contract names. */
export interface PiiColumnTarget {
  /** schema.table */
  readonly table: string;
  readonly column: string;
  readonly pii: PiiTag;
  readonly type: LogicalType;
}

export const piiTag = { schema: 'ops', name: 'pii' } as const;
const tagRef = `${piiTag.schema}.${piiTag.name}`;

/** The masking policy for each Snowflake type a PII column may have: a tag takes one per data type. */
const policies = [
  { policy: 'ops.pii_mask_string', template: 'create_pii_mask_string', kinds: ['string'] },
  { policy: 'ops.pii_mask_number', template: 'create_pii_mask_number', kinds: ['integer', 'decimal'] },
  { policy: 'ops.pii_mask_variant', template: 'create_pii_mask_variant', kinds: ['json'] },
] as const;

/** Whether a column of this type is masked by a policy on the tag; a PII column of another type would be tagged but shown clear. */
export function maskableType(type: LogicalType): boolean {
  return policies.some((p) => (p.kinds as readonly string[]).includes(type.kind));
}

const template = (name: string) => warehouseSqlTemplate(`pii/${name}.sql`);

/**
 * ops.quarantine.record holds a rejected source row whole, as JSON text, PII
 * columns included: in prod (where raw keeps PII clear) it is masked like a
 * PII column, so only PII_READER reads it clear and every other role reads its
 * SHA-256. Outside prod the extractor has already masked the row's PII.
 */
export const quarantineRecord: PiiColumnTarget = { table: 'ops.quarantine', column: 'record', pii: 'free_text', type: { kind: 'string' } };

/** The tag (with the contracts' PII kinds as allowed values) and one masking policy per data type. */
export function renderPiiMaskingSetup(dialect: Dialect): RenderedSql[] {
  const allowed = fragment(piiTagValues.map((v) => dialect.literal(v)).join(', '));
  return [
    renderSql(template('create_pii_tag'), dialect, { idents: { tag: tagRef }, fragments: { allowed_values: allowed } }),
    ...policies.map((p) => renderSql(template(p.template), dialect, { idents: { policy: p.policy } })),
  ];
}

export function renderSetTagMaskingPolicy(dialect: Dialect, policy: string): RenderedSql {
  return renderSql(template('set_tag_masking_policy'), dialect, { idents: { tag: tagRef, policy } });
}

export function renderSetColumnPiiTag(dialect: Dialect, target: Pick<PiiColumnTarget, 'table' | 'column' | 'pii'>): RenderedSql {
  return renderSql(template('set_column_pii_tag'), dialect, {
    idents: { table: target.table, column: target.column, tag: tagRef },
    fragments: { value: fragment(dialect.literal(target.pii)) },
  });
}

/**
 * Creates the tag and the policies and sets each policy on the tag once.
 * Snowflake only: DuckDB has no masking, and non-prod data is hashed before
 * it leaves the extractor.
 */
export async function ensurePiiMasking(warehouse: Warehouse): Promise<void> {
  if (warehouse.dialect.name !== 'snowflake') return;
  for (const statement of renderPiiMaskingSetup(warehouse.dialect)) await warehouse.run(statement);
  const rows = await warehouse.query<{ policy_name: string }>(renderSql(template('tag_masking_policies'), warehouse.dialect, { params: { tag_name: tagRef } }));
  const present = new Set(rows.map((r) => r.policy_name));
  for (const p of policies) if (!present.has(p.policy)) await warehouse.run(renderSetTagMaskingPolicy(warehouse.dialect, p.policy));
}

/**
 * The targets whose column exists in the warehouse without the pii tag of
 * the right kind. Columns not (yet) in the warehouse are not counted: the
 * loader or the model runner creates them, and the next tagging pass tags them.
 */
export async function untaggedPiiColumns(session: WarehouseSession, targets: readonly PiiColumnTarget[]): Promise<PiiColumnTarget[]> {
  if (session.dialect.name !== 'snowflake') return [];
  const untagged: PiiColumnTarget[] = [];
  for (const [table, columns] of byTable([...targets, quarantineRecord])) {
    const existing = new Set((await tableColumns(session, table)).map((c) => c.name));
    if (existing.size === 0) continue;
    const rows = await session.query<{ column_name: string; tag_value: string }>(
      renderSql(template('column_pii_tags'), session.dialect, { params: { table_name: table, tag_schema: piiTag.schema, tag_name: piiTag.name } }),
    );
    const tagged = new Map(rows.map((r) => [r.column_name, r.tag_value]));
    untagged.push(...columns.filter((t) => existing.has(t.column.toLowerCase()) && tagged.get(t.column.toLowerCase()) !== t.pii));
  }
  return untagged;
}

/** Tags every target column that exists untagged; returns those it tagged. Idempotent: a tagged column is left alone. */
export async function tagPiiColumns(warehouse: Warehouse, targets: readonly PiiColumnTarget[]): Promise<PiiColumnTarget[]> {
  if (warehouse.dialect.name !== 'snowflake') return [];
  await ensurePiiMasking(warehouse);
  const missing = await untaggedPiiColumns(warehouse, targets);
  for (const target of missing) await warehouse.run(renderSetColumnPiiTag(warehouse.dialect, target));
  return missing;
}

function byTable(targets: readonly PiiColumnTarget[]): Map<string, PiiColumnTarget[]> {
  const out = new Map<string, PiiColumnTarget[]>();
  for (const t of targets) out.set(t.table, [...(out.get(t.table) ?? []), t]);
  return out;
}
