import { disputesContract } from '@northstar/contracts';
import type { StripeEntity } from '../stripe-object-stream';

/** Disputes; their status (won, lost) moves through charge.dispute.* events for weeks after they open. */
export const disputesEntity: StripeEntity = {
  contract: disputesContract,
  list: 'disputes',
  objectType: 'dispute',
  eventTypes: ['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated'],
};
