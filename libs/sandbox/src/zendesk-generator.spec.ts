import { generateHistory } from './history-generator';
import { MICROS_PER_DAY, microsToDate } from './microseconds';
import { generateZendesk } from './zendesk-generator';
import { ZENDESK_ORDER_ID_FIELD } from './zendesk-objects';

const data = generateHistory({ scale: 0.03, seed: 5, start: new Date('2024-07-01T00:00:00Z') });
const window = { start: microsToDate(data.shape.customersFromUs), end: microsToDate(data.shape.startUs) };
const input = { seed: data.shape.seed, orders: data.orders, customers: data.customers, window };
const zendesk = generateZendesk(input);

describe('generateZendesk', () => {
  const users = new Map(zendesk.users.map((u) => [u.id, u]));
  const byId = new Map(data.customers.map((c) => [String(c.customer_id), c]));
  const byEmail = new Map(data.customers.map((c) => [c.email, c]));
  /** How the pipeline finds the shop customer: external_id when set, else the requester's email. */
  const customerOf = (requesterId: number) => {
    const user = users.get(requesterId);
    if (!user) return undefined;
    return user.external_id !== null ? byId.get(user.external_id) : byEmail.get(user.email);
  };

  it('lets every ticket find its customer by external_id = customer_id or by requester email', () => {
    expect(zendesk.tickets.length).toBeGreaterThan(50);
    expect(zendesk.tickets.filter((t) => customerOf(t.requester_id) === undefined)).toEqual([]);
    expect(zendesk.users.some((u) => u.external_id === null)).toBe(true);
    expect(zendesk.users.some((u) => u.external_id !== null)).toBe(true);
  });

  it('ties tickets about an order to that order and to the customer who placed it', () => {
    const orders = new Map(data.orders.map((o) => [String(o.orderId), o]));
    const aboutOrders = zendesk.tickets.filter((t) => t.custom_fields.find((f) => f.id === ZENDESK_ORDER_ID_FIELD)?.value);
    expect(aboutOrders.length).toBeGreaterThan(0);
    expect(zendesk.tickets.length - aboutOrders.length).toBeGreaterThan(0);
    for (const ticket of aboutOrders) {
      const order = orders.get(ticket.custom_fields[0].value!)!;
      expect(customerOf(ticket.requester_id)?.customer_id).toBe(order.customerId);
      expect(Date.parse(ticket.created_at) * 1000).toBeGreaterThan(order.timeline.orderedUs);
    }
  });

  it('gives each ticket one metric set and rates only solved tickets', () => {
    const tickets = new Map(zendesk.tickets.map((t) => [t.id, t]));
    expect(zendesk.ticketMetrics.map((m) => m.ticket_id).sort()).toEqual([...tickets.keys()].sort());
    for (const rating of zendesk.satisfactionRatings) expect(['solved', 'closed']).toContain(tickets.get(rating.ticket_id)?.status);
  });

  it('splits into windows without losing or repeating a ticket or user', () => {
    const middle = microsToDate(data.shape.startUs - 30 * MICROS_PER_DAY);
    const first = generateZendesk({ ...input, window: { start: window.start, end: middle } });
    const second = generateZendesk({ ...input, window: { start: middle, end: window.end } });
    expect([...first.tickets, ...second.tickets].map((t) => t.id).sort()).toEqual(zendesk.tickets.map((t) => t.id).sort());
    expect([...first.users, ...second.users].map((u) => u.id).sort()).toEqual(zendesk.users.map((u) => u.id).sort());
  });
});
