import { refundsContract } from '@northstar/contracts';
import type { StripeEntity } from '../stripe-object-stream';

/** Refunds; a refund that fails or settles later changes through refund.* events. */
export const refundsEntity: StripeEntity = {
  contract: refundsContract,
  list: 'refunds',
  objectType: 'refund',
  eventTypes: ['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated'],
};
