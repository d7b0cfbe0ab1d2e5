import { generateZendesk } from './zendesk-generator';
import type { ZendeskObjects } from './zendesk-objects';
import type { SandboxOrders } from './stripe-api/stripe-sandbox-feed';

/**
 * The Zendesk account agreeing with the orders DB as it stands: tickets about
 * its orders, requesters who are its customers, in their state at `asOf`.
 * Read again after each sandbox hour, and handed to ZendeskApiServer.setObjects.
 */
export async function zendeskObjectsFor(orders: SandboxOrders, seed: number, asOf: Date): Promise<ZendeskObjects> {
  const [plans, customers] = await Promise.all([orders.orderPlans(), orders.customers()]);
  return generateZendesk({ seed, orders: plans, customers, window: { start: new Date(0), end: asOf } });
}
