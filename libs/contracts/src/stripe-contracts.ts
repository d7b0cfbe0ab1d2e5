import { col, nullable } from './column-builder';
import type { Contract } from './contract';
import { defineContract } from './define-contract';

// Shapes follow the Stripe API objects (see ../shared/realdata/stripe). Stripe
// fields that may come back as an id or as an expanded object
// (`customer`, `balance_transaction`, `charge`) land as the id either way.

const minorUnits = (what: string) =>
  `${what} in the currency's smallest unit (cents; none for zero-decimal currencies such as JPY, thousandths for KWD).`;

const created = col.timestamp('created', { description: 'Creation time (Stripe sends Unix seconds); the incremental cursor.' });
const currency = col.string('currency', { description: 'Lower-case ISO 4217 code as Stripe sends it.' });
const livemode = col.boolean('livemode', { description: 'False for test-mode objects, which staging drops.' });
const metadata = col.json('metadata', { description: 'Free-form key/value pairs set by the shop.' });
const orderId = col.string('order_id', nullable({
  source: 'metadata.order_id',
  description: 'The orders DB order id the shop writes into metadata; text, as Stripe stores all metadata values.',
}));
// Not Stripe fields: the extractor adds them to each object it yields, under `_extract`.
const currencyExponent = col.integer('currency_exponent', {
  source: '_extract.currency_exponent',
  description: "Decimal digits of the currency's minor unit (0 for JPY, 3 for KWD, else 2), from the extractor's table: amount / 10^exponent is the major-unit amount.",
});
const observedAt = col.timestamp('observed_at', {
  source: '_extract.observed_at',
  description: "When this state of the object was current: the event's time for an Events API snapshot, the listing's time otherwise. Staging keeps the latest; `created` never changes.",
});
const idOf = (name: string, source: string, what: string) =>
  col.string(name, nullable({ source, description: `Id of the ${what} (the id of the object when expanded).` }));

export const chargesContract: Contract = defineContract({
  source: 'stripe',
  entity: 'charges',
  version: '1.2.0',
  description: 'Card and other payment attempts, one row per charge, including failed ones.',
  businessKey: ['id'],
  cursor: 'created',
  biFacing: true,
  columns: [
    col.string('id'),
    col.integer('amount', { description: minorUnits('Amount charged') }),
    col.integer('amount_captured', { description: minorUnits('Amount captured') }),
    col.integer('amount_refunded', { description: minorUnits('Amount refunded so far') }),
    currency,
    currencyExponent,
    col.string('status', { description: 'succeeded, pending or failed.' }),
    col.boolean('paid'),
    col.boolean('captured'),
    col.boolean('refunded', { description: 'True only once the whole amount is refunded.' }),
    col.boolean('disputed'),
    idOf('customer_id', 'customer', 'customer'),
    idOf('payment_intent_id', 'payment_intent', 'payment intent'),
    idOf('balance_transaction_id', 'balance_transaction', 'balance transaction'),
    orderId,
    col.string('billing_email', nullable({ source: 'billing_details.email', pii: 'email' })),
    col.string('billing_name', nullable({ source: 'billing_details.name', pii: 'name' })),
    col.string('billing_address_line1', nullable({ source: 'billing_details.address.line1', pii: 'address' })),
    col.string('billing_address_postal_code', nullable({ source: 'billing_details.address.postal_code', pii: 'address' })),
    col.string('billing_address_country', nullable({ source: 'billing_details.address.country' })),
    col.string('payment_method_type', nullable({ source: 'payment_method_details.type' })),
    col.string('card_brand', nullable({ source: 'payment_method_details.card.brand', description: 'visa, mastercard, amex, ...; null for other payment methods.' })),
    col.string('card_last4', nullable({ source: 'payment_method_details.card.last4', pii: 'payment_card', description: "The card number's last four digits." })),
    col.string('card_fingerprint', nullable({
      source: 'payment_method_details.card.fingerprint',
      pii: 'payment_card',
      description: "Stripe's id of the card number, the same for that card on every charge: it tracks a person as an e-mail does.",
    })),
    col.string('failure_code', nullable()),
    col.string('failure_message', nullable()),
    col.string('description', nullable()),
    created,
    observedAt,
    livemode,
    metadata,
  ],
});

export const refundsContract: Contract = defineContract({
  source: 'stripe',
  entity: 'refunds',
  version: '1.1.0',
  description: 'Refunds of charges, one row per refund.',
  businessKey: ['id'],
  cursor: 'created',
  biFacing: true,
  columns: [
    col.string('id'),
    idOf('charge_id', 'charge', 'refunded charge'),
    idOf('payment_intent_id', 'payment_intent', 'payment intent'),
    idOf('balance_transaction_id', 'balance_transaction', 'balance transaction'),
    col.integer('amount', { description: minorUnits('Amount refunded') }),
    currency,
    currencyExponent,
    col.string('status', { description: 'pending, requires_action, succeeded, failed or canceled.' }),
    col.string('reason', nullable({ description: 'duplicate, fraudulent or requested_by_customer.' })),
    orderId,
    created,
    observedAt,
    metadata,
  ],
});

export const disputesContract: Contract = defineContract({
  source: 'stripe',
  entity: 'disputes',
  version: '1.1.0',
  description: 'Chargebacks and inquiries raised by card holders, one row per dispute.',
  businessKey: ['id'],
  cursor: 'created',
  biFacing: true,
  columns: [
    col.string('id'),
    idOf('charge_id', 'charge', 'disputed charge'),
    idOf('payment_intent_id', 'payment_intent', 'payment intent'),
    col.integer('amount', { description: minorUnits('Amount disputed') }),
    currency,
    currencyExponent,
    col.string('status', { description: 'warning_needs_response, needs_response, under_review, won, lost, ...' }),
    col.string('reason'),
    col.boolean('is_charge_refundable'),
    col.timestamp('evidence_due_by', nullable({ source: 'evidence_details.due_by', description: 'Unix seconds in the source.' })),
    created,
    observedAt,
    livemode,
    metadata,
  ],
});

export const paymentIntentsContract: Contract = defineContract({
  source: 'stripe',
  entity: 'payment_intents',
  version: '1.0.0',
  description: 'Payment intents: one per checkout, through its attempts (charges) to succeeded or canceled.',
  businessKey: ['id'],
  cursor: 'created',
  biFacing: false,
  columns: [
    col.string('id'),
    col.integer('amount', { description: minorUnits('Amount to collect') }),
    col.integer('amount_received', { description: minorUnits('Amount collected so far') }),
    currency,
    currencyExponent,
    col.string('status', { description: 'requires_payment_method, requires_confirmation, requires_action, processing, requires_capture, canceled or succeeded.' }),
    col.string('capture_method', nullable({ description: 'automatic, automatic_async or manual (captured later).' })),
    idOf('customer_id', 'customer', 'customer'),
    idOf('latest_charge_id', 'latest_charge', 'latest charge'),
    orderId,
    col.timestamp('canceled_at', nullable({ description: 'Unix seconds in the source.' })),
    col.string('cancellation_reason', nullable()),
    created,
    observedAt,
    livemode,
    metadata,
  ],
});

export const balanceTransactionsContract: Contract = defineContract({
  source: 'stripe',
  entity: 'balance_transactions',
  version: '1.1.0',
  description: 'Movements of the Stripe balance (charges, refunds, fees, payouts); amounts may be negative.',
  businessKey: ['id'],
  cursor: 'created',
  biFacing: false,
  columns: [
    col.string('id'),
    col.integer('amount', { description: minorUnits('Gross amount (negative when money leaves the balance)') }),
    col.integer('fee', { description: minorUnits('Stripe fees') }),
    col.integer('net', { description: minorUnits('amount - fee') }),
    currency,
    currencyExponent,
    col.string('type', { description: 'charge, refund, adjustment, payout, stripe_fee, ...' }),
    col.string('reporting_category'),
    col.string('status', { description: 'available or pending.' }),
    idOf('source_id', 'source', 'object that caused the movement'),
    col.double('exchange_rate', nullable({ description: 'Set when the charge currency differs from the balance currency.' })),
    col.timestamp('available_on', { description: 'When the funds become available (Unix seconds in the source).' }),
    col.string('description', nullable()),
    created,
    observedAt,
  ],
});

export const stripeContracts: readonly Contract[] = [chargesContract, refundsContract, disputesContract, paymentIntentsContract, balanceTransactionsContract];
