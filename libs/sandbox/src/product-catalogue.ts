import { formatCents } from './currencies';
import { MICROS_PER_DAY, microsToIso } from './microseconds';
import { Prng } from './prng';
import type { SandboxShape } from './sandbox-shape';

/** One row of the orders DB `products` table. Prices are in the catalogue currency, USD. */
export interface ProductRow {
  readonly product_id: number;
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly unit_price: string;
  readonly currency: 'USD';
  readonly is_active: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A product with its price as integer cents, for the order generator's arithmetic. */
export interface CatalogueProduct {
  readonly row: ProductRow;
  readonly priceCents: number;
}

const categories: readonly (readonly [string, readonly string[], number, number])[] = [
  ['apparel', ['Linen Shirt', 'Wool Socks', 'Rain Jacket', 'Denim Jeans', 'Cotton Tee'], 900, 12_000],
  ['home', ['Ceramic Mug', 'Oak Cutting Board', 'Throw Blanket', 'Desk Lamp', 'Glass Carafe'], 1_200, 18_000],
  ['outdoor', ['Trail Bottle', 'Camp Stove', 'Daypack', 'Headlamp', 'Folding Chair'], 1_500, 25_000],
  ['beauty', ['Hand Cream', 'Bar Soap', 'Face Oil', 'Lip Balm'], 400, 6_000],
  ['electronics', ['USB-C Cable', 'Wireless Earbuds', 'Power Bank', 'Smart Plug'], 1_000, 30_000],
];
const adjectives = ['Classic', 'Everyday', 'Nordic', 'Studio', 'Field', 'Coastal', 'Urban', 'Heritage'];

/** The whole catalogue: small (2k at scale 1), so it is regenerated rather than stored. */
export function generateProducts(shape: SandboxShape): CatalogueProduct[] {
  const products: CatalogueProduct[] = [];
  const spacing = (shape.customersFromUs - shape.productsFromUs) / shape.products;
  for (let id = 1; id <= shape.products; id++) {
    const rng = Prng.derive(shape.seed, 'product', id);
    const [category, nouns, minCents, maxCents] = rng.pick(categories);
    const priceCents = Math.round(rng.int(minCents, maxCents) / 100) * 100 - (rng.chance(0.7) ? 1 : 0);
    const createdUs = Math.floor(shape.productsFromUs + (id - 1 + rng.next()) * spacing);
    const updatedUs = rng.chance(0.3) ? Math.floor(createdUs + rng.next() * (shape.startUs - createdUs)) : createdUs;
    const row: ProductRow = {
      product_id: id,
      sku: `${category.slice(0, 3).toUpperCase()}-${String(id).padStart(6, '0')}`,
      name: `${rng.pick(adjectives)} ${rng.pick(nouns)}`,
      category,
      unit_price: formatCents(priceCents),
      currency: 'USD',
      is_active: rng.chance(0.93),
      created_at: microsToIso(createdUs),
      updated_at: microsToIso(Math.min(updatedUs, shape.startUs - MICROS_PER_DAY)),
    };
    products.push({ row, priceCents });
  }
  return products;
}
