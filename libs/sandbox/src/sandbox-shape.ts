import { ConfigError } from '@northstar/core';
import { dateToMicros, MICROS_PER_DAY } from './microseconds';

export interface SandboxOptions {
  /** 1 = 1/1000 of production: 120k orders, 15k customers, ~2k products. */
  readonly scale: number;
  /** Default 42. */
  readonly seed?: number;
  /** The sandbox epoch: seeded history ends here (every updated_at is before it). */
  readonly start: Date;
}

export const DEFAULT_SANDBOX_SEED = 42;
/** Products and customers appear over this many days before `start`... */
export const CUSTOMER_HISTORY_DAYS = 180;
/** ...and orders over the last this many days. */
export const ORDER_HISTORY_DAYS = 90;

/** Everything the generators derive from the options: sizes, spans and hourly rates. */
export interface SandboxShape {
  readonly seed: number;
  readonly scale: number;
  readonly startUs: number;
  readonly customers: number;
  readonly products: number;
  readonly orders: number;
  readonly customersFromUs: number;
  readonly productsFromUs: number;
  readonly ordersFromUs: number;
  readonly ordersPerHour: number;
  readonly customersPerHour: number;
  readonly customerChangesPerHour: number;
}

export function sandboxShape(options: SandboxOptions): SandboxShape {
  const { scale } = options;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new ConfigError(`sandbox scale must be in (0, 100], got ${scale}`);
  const seed = options.seed ?? DEFAULT_SANDBOX_SEED;
  if (!Number.isSafeInteger(seed)) throw new ConfigError(`sandbox seed must be an integer, got ${seed}`);
  const startUs = dateToMicros(options.start);
  const customers = Math.max(20, Math.round(15_000 * scale));
  const orders = Math.max(50, Math.round(120_000 * scale));
  return {
    seed,
    scale,
    startUs,
    customers,
    products: Math.max(25, Math.round(2_000 * scale)),
    orders,
    customersFromUs: startUs - CUSTOMER_HISTORY_DAYS * MICROS_PER_DAY,
    productsFromUs: startUs - (CUSTOMER_HISTORY_DAYS + 30) * MICROS_PER_DAY,
    ordersFromUs: startUs - ORDER_HISTORY_DAYS * MICROS_PER_DAY,
    // Live hours keep the history's pace, with a floor so a small demo still sees traffic.
    ordersPerHour: Math.max(2, orders / (ORDER_HISTORY_DAYS * 24)),
    customersPerHour: Math.max(0.5, customers / (CUSTOMER_HISTORY_DAYS * 24)),
    customerChangesPerHour: Math.max(1, customers / 5_000),
  };
}

/**
 * The default sandbox epoch for the CLI: late enough that all history
 * (products appear 210 days earlier) falls after the default
 * NORTHSTAR_INITIAL_START of 2024-01-01, so a first extraction sees it all.
 */
export const DEFAULT_SANDBOX_START = '2024-08-01T00:00:00Z';
