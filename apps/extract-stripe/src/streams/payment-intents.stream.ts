import { paymentIntentsContract } from '@northstar/contracts';
import type { StripeEntity } from '../stripe-object-stream';

/** Payment intents; each attempt, capture or cancellation moves one through payment_intent.* events. */
export const paymentIntentsEntity: StripeEntity = {
  contract: paymentIntentsContract,
  list: 'payment_intents',
  objectType: 'payment_intent',
  eventTypes: [
    'payment_intent.created', 'payment_intent.processing', 'payment_intent.requires_action', 'payment_intent.amount_capturable_updated',
    'payment_intent.partially_funded', 'payment_intent.payment_failed', 'payment_intent.succeeded', 'payment_intent.canceled',
  ],
};
