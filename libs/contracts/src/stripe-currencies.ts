/**
 * Stripe's minor units per currency (https://docs.stripe.com/currencies):
 * most have two decimals; these have none or three. Stripe requires the
 * last digit of a three-decimal amount to be 0.
 */
const zeroDecimal = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const threeDecimal = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** Decimal digits of the currency's minor unit as Stripe counts them (case-insensitive ISO 4217 code). */
export function stripeCurrencyExponent(currency: string): 0 | 2 | 3 {
  const code = currency.toLowerCase();
  if (zeroDecimal.has(code)) return 0;
  if (threeDecimal.has(code)) return 3;
  return 2;
}

/** An amount in minor units as exact major-unit text ("12.30", "1500", "1.250"), never through floating point. */
export function minorUnitsToMajorText(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new Error(`not a whole number of minor units: ${amount}`);
  const exponent = stripeCurrencyExponent(currency);
  if (exponent === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
