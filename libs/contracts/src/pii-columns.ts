import type { Column, Contract, PiiTag } from './contract';

export type PiiColumn = Column & { readonly pii: PiiTag };

/** The columns masked outside prod and hidden by Snowflake masking policies. */
export function piiColumns(contract: Pick<Contract, 'columns'>): PiiColumn[] {
  return contract.columns.filter((c): c is PiiColumn => c.pii !== undefined);
}
