import type { StripeEntity } from '../stripe-object-stream';
import { balanceTransactionsEntity } from './balance-transactions.stream';
import { chargesEntity } from './charges.stream';
import { disputesEntity } from './disputes.stream';
import { paymentIntentsEntity } from './payment-intents.stream';
import { refundsEntity } from './refunds.stream';

/** Every Stripe entity the extractor reads, in the contracts' order. */
export const stripeEntities: readonly StripeEntity[] = [chargesEntity, refundsEntity, disputesEntity, paymentIntentsEntity, balanceTransactionsEntity];
