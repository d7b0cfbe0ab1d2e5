import type { Dialect, RenderedSql } from '@northstar/sql';
import { renderStatements } from '@northstar/sql';
import { clusterByClause } from './cluster-by';
import type { Model } from './model-catalog';

/** The parameters every model statement is rendered with. */
export interface ModelBatch {
  /** The tracked columns' high-water mark the previous run processed. */
  readonly processed_through: Date;
  readonly batch_end: Date;
  readonly now: Date;
  readonly run_id: string;
}

/** A model's statements (its DDL, then its MERGE or INSERT) for one batch in one dialect. */
export function renderModel(model: Model, dialect: Dialect, batch: ModelBatch): RenderedSql[] {
  const clusterBy = clusterByClause(model, dialect);
  const fragments = { ...model.fragments?.(dialect), ...(clusterBy ? { cluster_by: clusterBy } : {}) };
  return renderStatements(model.template, dialect, { params: { ...model.params, ...batch }, idents: model.idents, fragments });
}
