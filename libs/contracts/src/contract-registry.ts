import type { Contract } from './contract';
import { ordersDbContracts } from './orders-db-contracts';
import { partnerFilesContracts } from './partner-files-contracts';
import { stripeContracts } from './stripe-contracts';
import { zendeskContracts } from './zendesk-contracts';

/** Every source entity the pipeline extracts, in a stable order (source, then entity). */
export const allContracts: readonly Contract[] = [...ordersDbContracts, ...stripeContracts, ...zendeskContracts, ...partnerFilesContracts];

/** Looks a contract up by name; throws naming the known entities, since the names usually come from flags. */
export function contractFor(source: string, entity: string): Contract {
  const found = allContracts.find((c) => c.source === source && c.entity === entity);
  if (found) return found;
  const ofSource = allContracts.filter((c) => c.source === source);
  if (ofSource.length === 0) {
    const sources = [...new Set(allContracts.map((c) => c.source))];
    throw new Error(`no contract for source "${source}": known sources are ${sources.join(', ')}`);
  }
  throw new Error(`no contract for ${source} entity "${entity}": known entities are ${ofSource.map((c) => c.entity).join(', ')}`);
}

/** The contracts of one source, in registry order (empty for an unknown source). */
export function contractsForSource(source: string): readonly Contract[] {
  return allContracts.filter((c) => c.source === source);
}
