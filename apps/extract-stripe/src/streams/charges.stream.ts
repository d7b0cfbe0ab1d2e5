import { chargesContract } from '@northstar/contracts';
import type { StripeEntity } from '../stripe-object-stream';

/** Charges; captures, refunds and dispute flags on older ones arrive as charge.* events. */
export const chargesEntity: StripeEntity = {
  contract: chargesContract,
  list: 'charges',
  objectType: 'charge',
  eventTypes: ['charge.succeeded', 'charge.failed', 'charge.pending', 'charge.captured', 'charge.expired', 'charge.refunded', 'charge.updated'],
};
