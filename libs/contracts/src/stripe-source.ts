import { defineSource, type SourceDeclaration } from './source-declaration';
import { stripeContracts } from './stripe-contracts';

/** The payments domain's curated models: they read Stripe and the orders DB (fct_orders), so both sources feed it. */
export const paymentsModels: readonly string[] = ['fct_payments', 'fct_daily_reconciliation'];

/**
 * Stripe: new objects by `created` window, changes through the Events API
 * after the committed event (an opaque cursor in ops.source_cursors). Hourly
 * only: there is no key set to reconcile nightly, the events carry the
 * changes.
 */
export const stripeSource: SourceDeclaration = defineSource({
  name: 'stripe',
  app: 'extract-stripe',
  contracts: stripeContracts,
  modes: ['hourly'],
  cursorKind: 'api-cursor',
  feeds: { payments: paymentsModels },
});
