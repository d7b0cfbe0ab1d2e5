import { defineSource, type SourceDeclaration } from './source-declaration';
import { stripeContracts } from './stripe-contracts';

/** The payments domain's curated models: they read Stripe and the orders DB (fct_orders), so both sources feed it. */
export const paymentsModels: readonly string[] = ['fct_payments', 'fct_daily_reconciliation'];

/**
 * Stripe: new objects by `created` window, changes through the Events API
 * after the committed event (an opaque cursor in ops.source_cursors).
 * Nightly, each entity's list by `created` over the last 35 days (a dispute
 * moves for weeks; Stripe keeps events 30 days) gives key sets and per-day
 * digests, so a change no event carried is found and the day re-listed.
 * Amounts summed: the ones that move after creation (a charge's refunded
 * amount, an intent's received amount), or the object's own amount; the
 * state hashed with each key is what moves without them (a dispute won, a
 * charge disputed, an intent canceled).
 */
export const stripeSource: SourceDeclaration = defineSource({
  name: 'stripe',
  app: 'extract-stripe',
  contracts: stripeContracts,
  modes: ['hourly', 'nightly-key-sets'],
  cursorKind: 'api-cursor',
  feeds: { payments: paymentsModels },
  digestAmounts: { charges: 'amount_refunded', refunds: 'amount', disputes: 'amount', payment_intents: 'amount_received', balance_transactions: 'net' },
  digestStates: {
    charges: ['status', 'captured', 'refunded', 'disputed'],
    refunds: ['status'],
    disputes: ['status'],
    payment_intents: ['status'],
    balance_transactions: ['status'],
  },
  keySets: { createdColumn: 'created', lookbackDays: 35 },
  // JSON-rich objects: 1M charges in 250k-row parts peaked at 465 MB, in 50k-row parts at 328 MB, at the same pace (D28).
  maxRowsPerPart: 50_000,
});
