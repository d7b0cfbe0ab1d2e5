import type { CustomerRow } from './customer-profile';
import { dateToMicros, isoToMicros, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, microsToIso } from './microseconds';
import type { OrderPlan } from './order-plan';
import { Prng } from './prng';
import type { SourceGeneratorInput } from './stripe-generator';
import type { ZendeskObjects, ZendeskSatisfactionRating, ZendeskTicket, ZendeskTicketMetric, ZendeskTicketStatus, ZendeskUser } from './zendesk-objects';
import { ZENDESK_ORDER_ID_FIELD } from './zendesk-objects';

/** One support conversation, before it is cut to a window. */
interface TicketPlan {
  readonly ticketId: number;
  readonly customerId: number;
  readonly orderId: number | null;
  readonly subject: string;
  readonly createdUs: number;
  readonly firstReplyUs: number;
  readonly solvedUs: number;
}

const SUPPORT_GROUP_ID = 360_000_000_001;
const BRAND_ID = 360_000_000_002;
const AGENT_IDS = [361_000_000_101, 361_000_000_102, 361_000_000_103];
const CLOSE_AFTER_SOLVED_US = 4 * MICROS_PER_DAY;

/**
 * Zendesk as its incremental exports show it: tickets about orders (more for
 * cancelled, refunded and disputed ones) and a few general questions. Every
 * requester is one shop customer, found by external_id = customer_id or, for
 * users without one, by email. Tickets, metrics and ratings are returned when
 * the ticket was created inside the window, users when their first ticket
 * was, all in their state at the window's end.
 */
export function generateZendesk(input: SourceGeneratorInput): ZendeskObjects {
  const [fromUs, toUs] = [dateToMicros(input.window.start), dateToMicros(input.window.end)];
  const plans = ticketPlans(input).filter((t) => t.createdUs < toUs);
  const firstTicketUs = new Map<number, number>();
  for (const t of plans) firstTicketUs.set(t.customerId, Math.min(t.createdUs, firstTicketUs.get(t.customerId) ?? Infinity));
  const customers = new Map(input.customers.map((c) => [c.customer_id, c]));
  const users = [...firstTicketUs]
    .filter(([, us]) => us >= fromUs)
    .map(([customerId, us]) => user(input.seed, customerOf(customers, customerId), us));
  const current = plans.filter((t) => t.createdUs >= fromUs);
  const rated = current.map((t) => rating(input.seed, t, toUs)).filter((r): r is ZendeskSatisfactionRating => r !== undefined);
  return {
    users: users.sort((a, b) => a.id - b.id),
    tickets: current.map((t) => ticket(input.seed, t, toUs)),
    ticketMetrics: current.map((t) => metric(t, toUs)),
    satisfactionRatings: rated,
  };
}

/** Zendesk user ids are its own; external_id carries the shop's customer_id for SSO users. */
export function zendeskUserId(customerId: number): number {
  return 30_000_000_000 + customerId;
}

function customerOf(customers: ReadonlyMap<number, CustomerRow>, customerId: number): CustomerRow {
  const customer = customers.get(customerId);
  if (!customer) throw new Error(`a ticket names customer ${customerId}, who is not in the input`);
  return customer;
}

function ticketPlans(input: SourceGeneratorInput): TicketPlan[] {
  const plans: TicketPlan[] = [];
  for (const order of input.orders) {
    const opened = orderTicket(input.seed, order);
    if (opened) plans.push(opened);
  }
  for (const customer of input.customers) {
    const rng = Prng.derive(input.seed, 'zendesk-general', customer.customer_id);
    if (!rng.chance(0.02)) continue;
    const createdUs = isoToMicros(customer.created_at) + rng.int(MICROS_PER_DAY, 60 * MICROS_PER_DAY);
    plans.push(conversation(rng, 2_000_000_000 + customer.customer_id, customer.customer_id, null, 'Question about my account', createdUs));
  }
  return plans.sort((a, b) => a.createdUs - b.createdUs || a.ticketId - b.ticketId);
}

function orderTicket(seed: number, order: OrderPlan): TicketPlan | undefined {
  const rng = Prng.derive(seed, 'zendesk-order', order.orderId);
  const { orderedUs, shippedUs, cancelledUs, refundedUs, disputedUs } = order.timeline;
  const troubled = cancelledUs !== undefined || refundedUs !== undefined || disputedUs !== undefined;
  if (!rng.chance(troubled ? 0.6 : 0.06)) return undefined;
  const [subject, afterUs] = refundedUs !== undefined
    ? ['Return and refund request', refundedUs - rng.int(MICROS_PER_HOUR, 2 * MICROS_PER_DAY)]
    : shippedUs !== undefined
      ? ['Where is my order?', shippedUs + rng.int(MICROS_PER_DAY, 4 * MICROS_PER_DAY)]
      : ['Please change my order', orderedUs + rng.int(5 * MICROS_PER_MINUTE, MICROS_PER_HOUR)];
  return conversation(rng, 1_000_000_000 + order.orderId, order.customerId, order.orderId, subject, Math.max(afterUs, orderedUs + MICROS_PER_MINUTE));
}

function conversation(rng: Prng, ticketId: number, customerId: number, orderId: number | null, subject: string, createdUs: number): TicketPlan {
  const firstReplyUs = createdUs + rng.int(10 * MICROS_PER_MINUTE, 20 * MICROS_PER_HOUR);
  return { ticketId, customerId, orderId, subject, createdUs, firstReplyUs, solvedUs: firstReplyUs + rng.int(0, 3 * MICROS_PER_DAY) };
}

function user(seed: number, customer: CustomerRow, firstTicketUs: number): ZendeskUser {
  const rng = Prng.derive(seed, 'zendesk-user', customer.customer_id);
  const at = zendeskTime(firstTicketUs);
  return {
    id: zendeskUserId(customer.customer_id),
    name: `${customer.first_name} ${customer.last_name}`,
    email: customer.email,
    phone: null,
    external_id: rng.chance(0.7) ? String(customer.customer_id) : null,
    role: 'end-user',
    organization_id: null,
    active: true,
    suspended: false,
    time_zone: 'UTC',
    locale: 'en-US',
    created_at: at,
    updated_at: at,
  };
}

function statusAt(t: TicketPlan, atUs: number): { status: ZendeskTicketStatus; updatedUs: number } {
  if (atUs > t.solvedUs + CLOSE_AFTER_SOLVED_US) return { status: 'closed', updatedUs: t.solvedUs + CLOSE_AFTER_SOLVED_US };
  if (atUs > t.solvedUs) return { status: 'solved', updatedUs: t.solvedUs };
  if (atUs > t.firstReplyUs) return { status: 'pending', updatedUs: t.firstReplyUs };
  return { status: 'new', updatedUs: t.createdUs };
}

function ticket(seed: number, t: TicketPlan, asOfUs: number): ZendeskTicket {
  const rng = Prng.derive(seed, 'zendesk-ticket', t.ticketId);
  const { status, updatedUs } = statusAt(t, asOfUs);
  return {
    id: t.ticketId,
    external_id: null,
    requester_id: zendeskUserId(t.customerId),
    submitter_id: zendeskUserId(t.customerId),
    assignee_id: status === 'new' ? null : rng.pick(AGENT_IDS),
    organization_id: null,
    group_id: SUPPORT_GROUP_ID,
    brand_id: BRAND_ID,
    subject: t.orderId === null ? t.subject : `${t.subject} (#${t.orderId})`,
    status,
    priority: rng.weighted([['low', 30], ['normal', 60], ['high', 10]] as const),
    type: t.orderId === null ? 'question' : 'problem',
    via: { channel: rng.chance(0.6) ? 'email' : 'web' },
    tags: t.orderId === null ? ['account'] : ['order'],
    custom_fields: [{ id: ZENDESK_ORDER_ID_FIELD, value: t.orderId === null ? null : String(t.orderId) }],
    due_at: null,
    created_at: zendeskTime(t.createdUs),
    updated_at: zendeskTime(updatedUs),
    generated_timestamp: Math.floor(updatedUs / 1_000_000),
  };
}

function metric(t: TicketPlan, asOfUs: number): ZendeskTicketMetric {
  const replied = t.firstReplyUs < asOfUs;
  const solved = t.solvedUs < asOfUs;
  const span = (done: boolean, toUs: number): { calendar: number | null; business: number | null } => {
    const minutes = done ? Math.round((toUs - t.createdUs) / MICROS_PER_MINUTE) : null;
    return { calendar: minutes, business: minutes === null ? null : Math.round(minutes * 0.4) };
  };
  return {
    id: t.ticketId,
    ticket_id: t.ticketId,
    reopens: 0,
    replies: replied ? 1 : 0,
    assignee_stations: replied ? 1 : 0,
    group_stations: 1,
    reply_time_in_minutes: span(replied, t.firstReplyUs),
    first_resolution_time_in_minutes: span(solved, t.solvedUs),
    full_resolution_time_in_minutes: span(solved, t.solvedUs),
    agent_wait_time_in_minutes: span(replied, t.firstReplyUs),
    requester_wait_time_in_minutes: span(replied, t.firstReplyUs),
    on_hold_time_in_minutes: { calendar: 0, business: 0 },
    assigned_at: replied ? zendeskTime(t.firstReplyUs) : null,
    solved_at: solved ? zendeskTime(t.solvedUs) : null,
    latest_comment_added_at: zendeskTime(replied ? t.firstReplyUs : t.createdUs),
    created_at: zendeskTime(t.createdUs),
    updated_at: zendeskTime(statusAt(t, asOfUs).updatedUs),
  };
}

/** Solved tickets are offered a survey; some customers answer it. */
function rating(seed: number, t: TicketPlan, asOfUs: number): ZendeskSatisfactionRating | undefined {
  if (t.solvedUs >= asOfUs) return undefined;
  const rng = Prng.derive(seed, 'zendesk-rating', t.ticketId);
  const score = rng.weighted([['good', 35], ['bad', 10], ['offered', 55]] as const);
  const answeredUs = score === 'offered' ? t.solvedUs : Math.min(asOfUs - 1, t.solvedUs + rng.int(MICROS_PER_MINUTE, MICROS_PER_DAY));
  return {
    id: 3_000_000_000 + t.ticketId,
    ticket_id: t.ticketId,
    requester_id: zendeskUserId(t.customerId),
    assignee_id: Prng.derive(seed, 'zendesk-ticket', t.ticketId).pick(AGENT_IDS),
    group_id: SUPPORT_GROUP_ID,
    score,
    comment: score === 'bad' ? 'Took too long.' : score === 'good' ? 'Thanks, quick help!' : null,
    reason: null,
    created_at: zendeskTime(t.solvedUs),
    updated_at: zendeskTime(answeredUs),
  };
}

/** Zendesk timestamps are whole seconds: `2024-06-30T12:00:00Z`. */
function zendeskTime(us: number): string {
  return `${microsToIso(us).slice(0, 19)}Z`;
}
