import type { Column, Contract, PiiTag } from './contract';

export type PiiColumn = Column & { readonly pii: PiiTag };

/** The columns masked outside prod and hidden by Snowflake masking policies. */
export function piiColumns(contract: Pick<Contract, 'columns'>): PiiColumn[] {
  return contract.columns.filter((c): c is PiiColumn => c.pii !== undefined);
}

// A Record, so a new member of PiiTag without an entry here fails to compile.
const everyPiiTag: Record<PiiTag, true> = { email: true, name: true, phone: true, address: true, ip_address: true, free_text: true, payment_card: true };

/** Every PII tag a contract may use: the allowed values of Snowflake's pii tag. */
export const piiTagValues = Object.keys(everyPiiTag) as PiiTag[];
