import { balanceTransactionsContract } from '@northstar/contracts';
import type { StripeEntity } from '../stripe-object-stream';

/** Balance transactions (fees and net per charge and refund); they raise no events, so the created window alone reads them. */
export const balanceTransactionsEntity: StripeEntity = {
  contract: balanceTransactionsContract,
  list: 'balance_transactions',
  objectType: 'balance_transaction',
  eventTypes: [],
};
