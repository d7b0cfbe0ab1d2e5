import type { LogicalType } from './contract';

export interface AnalyticsColumn {
  readonly name: string;
  readonly type: LogicalType;
  readonly description: string;
}

/** A view kept for readers of its old shape while they move to `replacedBy`, dropped no earlier than `until`. */
export interface ViewDeprecation {
  readonly replacedBy: string;
  /** YYYY-MM-DD: the view may be dropped from this day on. */
  readonly until: string;
}

/**
 * One BI view in schema `analytics`: what dashboards may rely on. The views'
 * SQL (libs/models/sql/analytics) must keep every column here with its type
 * or a wider one; a breaking change is a new `<name>_v2` view, with this one
 * kept and marked deprecated.
 */
export interface AnalyticsView {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly AnalyticsColumn[];
  readonly deprecated?: ViewDeprecation;
}

const types = {
  text: { kind: 'string' },
  int: { kind: 'integer' },
  bool: { kind: 'boolean' },
  day: { kind: 'date' },
  instant: { kind: 'timestamp' },
} as const satisfies Record<string, LogicalType>;
const money = (precision: number): LogicalType => ({ kind: 'decimal', precision, scale: 2 });
/** Stripe amounts in major units: three decimals hold KWD's fils exactly. */
const major: LogicalType = { kind: 'decimal', precision: 18, scale: 3 };

type ColumnSpec = readonly [name: string, type: LogicalType, description: string];
const view = (name: string, description: string, columns: readonly ColumnSpec[]): AnalyticsView => ({
  name,
  description,
  columns: columns.map(([column, type, text]) => ({ name: column, type, description: text })),
});

const { text, int, bool, day, instant } = types;
const lastUpdated: ColumnSpec = ['last_updated_at', instant, 'When the source last changed the record (its updated_at)'];

/** The analytics layer's contract: every view BI reads, its columns and their types. */
export const analyticsViews: readonly AnalyticsView[] = [
  view('orders', 'One row per order still in the orders DB.', [
    ['order_key', text, 'Stable surrogate key of the order (a hash of order_id)'],
    ['order_id', int, 'Order number in the shop'],
    ['customer_key', text, 'The customer version valid when the order was placed (analytics.customer_history)'],
    ['customer_id', int, 'Customer number (analytics.customers)'],
    ['order_status', text, 'Status in the shop: pending, paid, shipped, delivered, cancelled, refunded'],
    ['currency_code', text, 'ISO 4217 currency of every amount on the order'],
    ['subtotal_amount', money(14), 'Sum of the lines before tax and shipping'],
    ['tax_amount', money(14), 'Tax charged'],
    ['shipping_amount', money(14), 'Shipping charged'],
    ['total_amount', money(14), 'What the customer pays: subtotal + tax + shipping'],
    ['order_date', day, 'Day the order was placed (UTC)'],
    ['order_date_key', int, 'order_date as yyyymmdd (analytics.dates.date_key)'],
    ['ordered_at', instant, 'When the order was placed'],
    ['paid_at', instant, 'When payment was captured'],
    ['shipped_at', instant, 'When it left the warehouse: the orders DB\'s time, else its first parcel\'s first partner report (shipped_at_source)'],
    ['delivered_at', instant, 'When the carrier delivered it: the orders DB\'s time, else when the partners reported its last parcel delivered (delivered_at_source)'],
    ['cancelled_at', instant, 'When it was cancelled'],
    lastUpdated,
    ['shipped_at_source', text, 'Where shipped_at comes from: orders_db, partner (analytics.shipments), or null when neither has it'],
    ['delivered_at_source', text, 'Where delivered_at comes from: orders_db, partner (analytics.shipments), or null when neither has it'],
  ]),
  view('order_lines', 'One row per order line still in the orders DB.', [
    ['order_line_key', text, 'Stable surrogate key of the line (a hash of order_line_id)'],
    ['order_line_id', int, 'Line number in the shop'],
    ['order_key', text, 'The line\'s order (analytics.orders)'],
    ['order_id', int, 'Order number'],
    ['product_key', text, 'The product (analytics.products)'],
    ['product_id', int, 'Product number'],
    ['customer_key', text, 'The customer version valid when the order was placed'],
    ['quantity', int, 'Units ordered'],
    ['unit_price', money(12), 'Price per unit the line sold at'],
    ['discount_amount', money(12), 'Discount on the line'],
    ['line_total_amount', money(14), 'quantity * unit_price - discount'],
    ['currency_code', text, 'ISO 4217 currency of the order'],
    ['order_date', day, 'Day the order was placed (UTC)'],
    ['order_date_key', int, 'order_date as yyyymmdd (analytics.dates.date_key)'],
    ['ordered_at', instant, 'When the order was placed'],
    lastUpdated,
  ]),
  view('customers', 'One row per customer as they are now.', [
    ['customer_key', text, 'Surrogate key of the current version'],
    ['customer_id', int, 'Customer number in the shop'],
    ['email', text, 'Email address (PII: masked outside prod and for roles without PII_READER)'],
    ['first_name', text, 'First name (PII)'],
    ['last_name', text, 'Last name (PII)'],
    ['phone', text, 'Phone number (PII)'],
    ['country_code', text, 'ISO 3166 country'],
    ['customer_since', instant, 'When the customer signed up'],
    ['current_since', instant, 'Since when this version is current'],
    ['is_placeholder', bool, 'Named by an order before the customer itself arrived: attributes still empty'],
    lastUpdated,
  ]),
  view('customer_history', 'One row per version of a customer (SCD2).', [
    ['customer_key', text, 'Surrogate key of the version'],
    ['customer_id', int, 'Customer number in the shop'],
    ['email', text, 'Email address (PII)'],
    ['first_name', text, 'First name (PII)'],
    ['last_name', text, 'Last name (PII)'],
    ['phone', text, 'Phone number (PII)'],
    ['country_code', text, 'ISO 3166 country'],
    ['customer_since', instant, 'When the customer signed up'],
    ['valid_from', instant, 'Start of the version, included'],
    ['valid_to', instant, 'End of the version, excluded; empty for the current version'],
    ['is_current', bool, 'The version valid now'],
    ['is_placeholder', bool, 'Named by an order before the customer itself arrived'],
    ['is_deleted', bool, 'The customer was deleted in the orders DB'],
    ['deleted_at', instant, 'When the deletion was found'],
  ]),
  view('products', 'One row per product still in the orders DB.', [
    ['product_key', text, 'Stable surrogate key of the product (a hash of product_id)'],
    ['product_id', int, 'Product number in the shop'],
    ['sku', text, 'Stock keeping unit'],
    ['product_name', text, 'Name as shown in the shop'],
    ['category', text, 'Shop category'],
    ['list_price', money(12), 'Current price (the price a line sold at is on analytics.order_lines)'],
    ['currency_code', text, 'ISO 4217 currency of list_price'],
    ['is_active', bool, 'On sale now'],
    ['is_placeholder', bool, 'Named by an order line before the product itself arrived'],
    lastUpdated,
  ]),
  view('shipments', 'One row per shipment a fulfilment partner reported.', [
    ['shipment_key', text, 'Stable surrogate key of the shipment (a hash of partner and shipment_id)'],
    ['partner', text, 'Fulfilment partner code'],
    ['shipment_id', text, 'The partner\'s shipment number (unique per partner)'],
    ['order_key', text, 'The shipment\'s order (analytics.orders), also before that order has landed'],
    ['order_id', int, 'Order number in the shop'],
    ['carrier', text, 'Carrier, upper case'],
    ['tracking_number', text, 'Carrier tracking number, once collected'],
    ['latest_status', text, 'The latest status the partner reported (label_created, in_transit, exception, out_for_delivery, delivered, ...)'],
    ['latest_status_at', instant, 'When the partner saw the latest status'],
    ['shipped_at', instant, 'The partner\'s first report for the shipment'],
    ['delivered_at', instant, 'When the partner reported it delivered'],
    ['shipped_date', day, 'UTC day of shipped_at'],
    ['shipped_date_key', int, 'shipped_date as yyyymmdd (analytics.dates)'],
    ['weight_kg', { kind: 'decimal', precision: 10, scale: 3 }, 'Parcel weight in kilograms'],
  ]),
  view('payments', 'One row per money movement on Stripe: charge, refund, dispute, dispute reversal.', [
    ['payment_key', text, 'Stable surrogate key of the movement (a hash of payment_type and movement_id)'],
    ['payment_type', text, 'charge, refund, dispute or dispute_reversal'],
    ['movement_id', text, 'Stripe id of the charge, refund or dispute'],
    ['charge_id', text, 'The Stripe charge the movement belongs to'],
    ['order_key', text, 'The order (analytics.orders); null until the order has landed'],
    ['order_id', text, 'Order number the shop wrote into Stripe metadata, as text'],
    ['payment_status', text, 'Stripe status of the charge, refund or dispute'],
    ['currency_code', text, 'ISO 4217 currency of the amounts'],
    ['amount', major, 'Signed amount in major units: money in positive, refunds and disputes negative'],
    ['fee_amount', major, 'Stripe fee, when the balance transaction is known'],
    ['net_amount', major, 'amount - fee'],
    ['payment_date', day, 'UTC day the movement happened'],
    ['payment_date_key', int, 'payment_date as yyyymmdd (analytics.dates)'],
    ['occurred_at', instant, 'When the movement happened'],
  ]),
  view('daily_reconciliation', 'One row per order date and currency: order totals against Stripe payments.', [
    ['reconciliation_key', text, 'Stable surrogate key (a hash of order_date and currency_code)'],
    ['order_date', day, 'Day the orders were placed (UTC)'],
    ['order_date_key', int, 'order_date as yyyymmdd (analytics.dates)'],
    ['currency_code', text, 'ISO 4217 currency'],
    ['orders_count', int, 'Paid orders placed that day'],
    ['order_total', major, 'Their totals'],
    ['captured_amount', major, 'What Stripe captured for them'],
    ['refunded_amount', major, 'What was refunded on them since'],
    ['disputed_amount', major, 'What disputes took back, net of disputes won'],
    ['net_amount', major, 'captured - refunded - disputed'],
    ['difference_amount', major, 'order_total - captured_amount'],
    ['reconciliation_status', text, 'pending (inside the settlement window), matched or mismatched'],
  ]),
  view('support_tickets', 'One row per Zendesk ticket not deleted.', [
    ['ticket_key', text, 'Stable surrogate key of the ticket (a hash of ticket_id)'],
    ['ticket_id', int, 'Ticket number in Zendesk'],
    ['customer_key', text, "The requester's customer version valid when the ticket was opened; null when the requester is no customer"],
    ['customer_id', int, 'Customer number (analytics.customers), when matched'],
    ['customer_match', text, 'How the requester was matched: external_id, email, or null'],
    ['order_key', text, 'The order the ticket is about (analytics.orders), when it names one'],
    ['order_id', int, 'Order number the ticket names'],
    ['status', text, 'new, open, pending, hold, solved or closed'],
    ['channel', text, 'How the ticket came in: email, web, api, chat, ...'],
    ['priority', text, 'urgent, high, normal or low'],
    ['ticket_type', text, 'problem, incident, question or task'],
    ['tags', text, 'The tags, as a JSON array'],
    ['opened_at', instant, 'When the ticket was opened'],
    ['solved_at', instant, 'When it was last solved'],
    ['first_reply_calendar_minutes', int, 'Minutes to the first public agent reply'],
    ['first_reply_business_minutes', int, 'The same in business hours'],
    ['full_resolution_calendar_minutes', int, 'Minutes to the final solve'],
    ['full_resolution_business_minutes', int, 'The same in business hours'],
    ['reopens', int, 'Times the ticket was reopened'],
    ['replies', int, 'Public agent replies'],
    ['satisfaction_score', text, 'good, bad, offered, or null'],
    lastUpdated,
  ]),
  view('support_interactions', 'One row per interaction on a ticket: comment, status, priority or assignee change, rating.', [
    ['interaction_key', text, 'Stable surrogate key (a hash of the Zendesk event id)'],
    ['ticket_key', text, 'The ticket (analytics.support_tickets)'],
    ['ticket_id', int, 'Ticket number in Zendesk'],
    ['interaction_type', text, 'public_comment, private_comment, status_change, priority_change, assignee_change or satisfaction_rating'],
    ['author_role', text, 'end_user, agent or system'],
    ['channel', text, 'How the update was made (Mail, Web form, ...)'],
    ['new_value', text, 'For changes and ratings: the value set'],
    ['previous_value', text, 'For changes: the value before'],
    ['occurred_at', instant, 'When it happened'],
    ['minutes_since_previous', int, 'Minutes since the previous interaction on the ticket; null for the first'],
    ['customer_key', text, "The ticket requester's customer version (as on the ticket)"],
  ]),
  view('dates', 'One row per calendar day, 2015 to 2035.', [
    ['date_key', int, 'The day as yyyymmdd'],
    ['calendar_date', day, 'The day'],
    ['calendar_year', int, 'Year'],
    ['calendar_quarter', int, 'Quarter, 1-4'],
    ['calendar_month', int, 'Month, 1-12'],
    ['day_of_month', int, 'Day of the month, 1-31'],
    ['iso_week', int, 'ISO week number'],
    ['iso_weekday', int, 'ISO weekday, Monday = 1'],
    ['weekday_name', text, 'Monday .. Sunday'],
    ['is_weekend', bool, 'Saturday or Sunday'],
  ]),
];
