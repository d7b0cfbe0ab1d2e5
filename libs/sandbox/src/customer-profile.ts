import { countries } from './currencies';
import { microsToIso } from './microseconds';
import { Prng } from './prng';

const firstNames = ['Ada', 'Ben', 'Chloe', 'Dmitri', 'Emma', 'Farah', 'Giulia', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mateo', 'Noor', 'Oscar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoe', "Ciarán", 'José', 'Zoë'];
const lastNames = ['Okafor', 'Schmidt', 'Tanaka', 'Dubois', 'García', 'Novak', 'Kowalski', 'Haddad', 'Larsen', 'Moreau', 'Rossi', 'Sato', 'Nguyen', 'Smith', 'Jansen', 'Al-Sabah', "O'Brien", 'van Dijk', 'Murphy', 'Fischer'];
const emailDomains = ['example.com', 'example.org', 'example.net', 'mail.example'];

/** The parts of a customer that follow from (seed, customer_id) alone. */
export interface CustomerProfile {
  readonly customer_id: number;
  readonly first_name: string;
  readonly last_name: string;
  readonly country: string;
  /** Null for about a quarter of customers: the column is optional. */
  readonly phone: string | null;
}

/** One row of the orders DB `customers` table. */
export interface CustomerRow extends CustomerProfile {
  readonly email: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export function customerProfile(seed: number, customerId: number): CustomerProfile {
  const rng = Prng.derive(seed, 'customer', customerId);
  const country = rng.weighted(countries.map((c) => [c, c.weight] as const));
  const first = rng.pick(firstNames);
  const last = rng.pick(lastNames);
  const phone = rng.chance(0.75) ? `${country.phonePrefix}${rng.int(200_000_000, 999_999_999)}` : null;
  return { customer_id: customerId, first_name: first, last_name: last, country: country.code, phone };
}

/**
 * The customer's email after `version` changes (0 = at sign-up). The id in
 * the local part keeps every email unique, as the real signup flow does.
 */
export function customerEmail(seed: number, profile: CustomerProfile, version: number): string {
  const rng = Prng.derive(seed, 'customer-email', profile.customer_id, version);
  const local = `${profile.first_name}.${profile.last_name}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  const suffix = version === 0 ? `${profile.customer_id}` : `${profile.customer_id}.${version}`;
  return `${local}${suffix}@${rng.pick(emailDomains)}`;
}

/** A new phone number for a contact-details change; sometimes the customer removes it. */
export function changedPhone(seed: number, profile: CustomerProfile, version: number): string | null {
  const rng = Prng.derive(seed, 'customer-phone', profile.customer_id, version);
  if (rng.chance(0.1)) return null;
  const prefix = countries.find((c) => c.code === profile.country)?.phonePrefix ?? '+1';
  return `${prefix}${rng.int(200_000_000, 999_999_999)}`;
}

export function customerRow(seed: number, customerId: number, createdUs: number, change?: { version: number; atUs: number }): CustomerRow {
  const profile = customerProfile(seed, customerId);
  return {
    ...profile,
    email: customerEmail(seed, profile, change?.version ?? 0),
    phone: change ? changedPhone(seed, profile, change.version) : profile.phone,
    created_at: microsToIso(createdUs),
    updated_at: microsToIso(change?.atUs ?? createdUs),
  };
}
