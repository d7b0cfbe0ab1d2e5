import type { TimeWindow } from '@northstar/core';
import { dateToMicros, MICROS_PER_HOUR, microsToIso } from './microseconds';
import type { OrderPlan } from './order-plan';
import { Prng } from './prng';
import { sourceId } from './source-ids';

export type PartnerName = 'northfreight' | 'parcelwave';
export type ShipmentStatus = 'label_created' | 'in_transit' | 'exception' | 'out_for_delivery' | 'delivered';

/** One line of a partner's status drop: the state of one shipment at one moment. */
export interface PartnerShipmentEvent {
  readonly partner: PartnerName;
  readonly shipment_id: string;
  readonly order_id: number;
  readonly carrier: string;
  /** Null until the carrier has collected the parcel. */
  readonly tracking_number: string | null;
  readonly status: ShipmentStatus;
  /** When the partner saw the status, as a microsecond ISO instant. */
  readonly status_at: string;
  readonly ship_to_postcode: string | null;
  /** Kilograms with three decimals, as text. */
  readonly weight_kg: string | null;
}

export interface PartnerShipmentInput {
  readonly seed: number;
  readonly orders: readonly OrderPlan[];
  /** Events inside it are returned, oldest first. */
  readonly window: TimeWindow;
}

/** Two fulfilment partners split the world; each ships an order once, with one tracking number. */
const partnerFor = (currency: string): PartnerName => (currency === 'USD' || currency === 'CAD' ? 'northfreight' : 'parcelwave');
const carriers: Readonly<Record<PartnerName, readonly string[]>> = { northfreight: ['UPS', 'FedEx', 'USPS'], parcelwave: ['DHL', 'DPD', 'Royal Mail', 'Yamato', 'Aramex'] };

/**
 * Status events for every shipped order: label at shipped_at, in transit,
 * out for delivery, and delivered at the order's delivered_at, with an
 * occasional exception on the way. Every event names an order that the
 * orders DB has shipped by then.
 */
export function generatePartnerShipments(input: PartnerShipmentInput): PartnerShipmentEvent[] {
  const [fromUs, toUs] = [dateToMicros(input.window.start), dateToMicros(input.window.end)];
  const events: { atUs: number; event: PartnerShipmentEvent }[] = [];
  for (const plan of input.orders) {
    for (const { status, atUs } of shipmentSteps(input.seed, plan)) {
      if (atUs >= fromUs && atUs < toUs) events.push({ atUs, event: shipmentEvent(input.seed, plan, status, atUs) });
    }
  }
  return events.sort((a, b) => a.atUs - b.atUs || a.event.order_id - b.event.order_id).map((e) => e.event);
}

function shipmentSteps(seed: number, plan: OrderPlan): { status: ShipmentStatus; atUs: number }[] {
  const { shippedUs, deliveredUs } = plan.timeline;
  if (shippedUs === undefined) return [];
  const rng = Prng.derive(seed, 'shipment-steps', plan.orderId);
  const transitUs = shippedUs + rng.int(2 * MICROS_PER_HOUR, 12 * MICROS_PER_HOUR);
  const steps: { status: ShipmentStatus; atUs: number }[] = [
    { status: 'label_created', atUs: shippedUs },
    { status: 'in_transit', atUs: transitUs },
  ];
  if (deliveredUs === undefined) return steps;
  const outUs = Math.max(transitUs + 1, deliveredUs - rng.int(MICROS_PER_HOUR, 6 * MICROS_PER_HOUR));
  if (rng.chance(0.03) && outUs - transitUs > 2) steps.push({ status: 'exception', atUs: transitUs + Math.floor((outUs - transitUs) / 2) });
  if (outUs < deliveredUs) steps.push({ status: 'out_for_delivery', atUs: outUs });
  steps.push({ status: 'delivered', atUs: deliveredUs });
  return steps;
}

function shipmentEvent(seed: number, plan: OrderPlan, status: ShipmentStatus, atUs: number): PartnerShipmentEvent {
  const partner = partnerFor(plan.currency);
  const rng = Prng.derive(seed, 'shipment', plan.orderId);
  const grams = plan.items.reduce((sum, item) => sum + item.quantity, 0) * rng.int(150, 1_500);
  return {
    partner,
    shipment_id: sourceId('SHP-', seed, 'shipment', plan.orderId, 12),
    order_id: plan.orderId,
    carrier: rng.pick(carriers[partner]),
    tracking_number: status === 'label_created' ? null : sourceId('1Z', seed, 'tracking', plan.orderId, 16).toUpperCase(),
    status,
    status_at: microsToIso(atUs),
    ship_to_postcode: rng.chance(0.9) ? String(rng.int(10_000, 99_999)) : null,
    weight_kg: `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`,
  };
}
