/**
 * Money in the sandbox is integer hundredths of the major unit ("cents"),
 * because the orders DB stores numeric(…, 2) in every currency. Stripe wants
 * minor units, whose size depends on the currency: JPY has none (1 yen),
 * KWD has three (1 fils = 1/1000 dinar), most have two.
 */
export const currencyCodes = ['USD', 'GBP', 'EUR', 'CAD', 'AUD', 'JPY', 'KWD'] as const;
export type CurrencyCode = (typeof currencyCodes)[number];

export interface Currency {
  readonly code: CurrencyCode;
  /** Decimal digits of the minor unit, as Stripe counts them. */
  readonly exponent: 0 | 2 | 3;
  /** Major units of this currency per US dollar, to price the USD catalogue. */
  readonly perUsd: number;
  /** Flat shipping in cents, waived at or above freeShippingFrom. */
  readonly shippingCents: number;
  readonly freeShippingFromCents: number;
}

export const currencies: Readonly<Record<CurrencyCode, Currency>> = {
  USD: { code: 'USD', exponent: 2, perUsd: 1, shippingCents: 799, freeShippingFromCents: 10_000 },
  GBP: { code: 'GBP', exponent: 2, perUsd: 0.79, shippingCents: 499, freeShippingFromCents: 8_000 },
  EUR: { code: 'EUR', exponent: 2, perUsd: 0.92, shippingCents: 599, freeShippingFromCents: 9_000 },
  CAD: { code: 'CAD', exponent: 2, perUsd: 1.36, shippingCents: 999, freeShippingFromCents: 13_500 },
  AUD: { code: 'AUD', exponent: 2, perUsd: 1.52, shippingCents: 1_095, freeShippingFromCents: 15_000 },
  JPY: { code: 'JPY', exponent: 0, perUsd: 151, shippingCents: 80_000, freeShippingFromCents: 1_500_000 },
  KWD: { code: 'KWD', exponent: 3, perUsd: 0.31, shippingCents: 250, freeShippingFromCents: 3_000 },
};

export interface Country {
  readonly code: string;
  readonly currency: CurrencyCode;
  readonly taxRate: number;
  readonly phonePrefix: string;
  /** Relative share of customers. */
  readonly weight: number;
}

export const countries: readonly Country[] = [
  { code: 'US', currency: 'USD', taxRate: 0.0725, phonePrefix: '+1', weight: 40 },
  { code: 'GB', currency: 'GBP', taxRate: 0.2, phonePrefix: '+44', weight: 12 },
  { code: 'DE', currency: 'EUR', taxRate: 0.19, phonePrefix: '+49', weight: 10 },
  { code: 'FR', currency: 'EUR', taxRate: 0.2, phonePrefix: '+33', weight: 8 },
  { code: 'NL', currency: 'EUR', taxRate: 0.21, phonePrefix: '+31', weight: 4 },
  { code: 'CA', currency: 'CAD', taxRate: 0.13, phonePrefix: '+1', weight: 8 },
  { code: 'AU', currency: 'AUD', taxRate: 0.1, phonePrefix: '+61', weight: 6 },
  { code: 'JP', currency: 'JPY', taxRate: 0.1, phonePrefix: '+81', weight: 6 },
  { code: 'KW', currency: 'KWD', taxRate: 0, phonePrefix: '+965', weight: 6 },
];

export function countryByCode(code: string): Country {
  const country = countries.find((c) => c.code === code);
  if (!country) throw new Error(`unknown sandbox country ${code}`);
  return country;
}

/** Rounds cents to what the currency can hold in the orders DB: whole yen for JPY. */
export function roundCents(cents: number, currency: CurrencyCode): number {
  const step = currencies[currency].exponent === 0 ? 100 : 1;
  return Math.round(cents / step) * step;
}

/** Stripe's `amount`: cents scaled to the currency's minor unit (exact: cents are integers). */
export function centsToMinorUnits(cents: number, currency: CurrencyCode): number {
  const exponent = currencies[currency].exponent;
  return exponent === 0 ? cents / 100 : cents * 10 ** (exponent - 2);
}

/** Text for a numeric(…, 2) column: exact, never through floating point. */
export function formatCents(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`not whole cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
