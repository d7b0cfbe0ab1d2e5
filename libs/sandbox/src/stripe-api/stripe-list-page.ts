import type { StoredObject, StripeObject } from './stripe-account';

/** A list request's parameters, as Stripe reads them from the query string. */
export interface StripeListQuery {
  readonly limit: number;
  readonly startingAfter?: string;
  readonly endingBefore?: string;
  readonly created: { readonly gte?: number; readonly gt?: number; readonly lt?: number; readonly lte?: number };
  /** Events only: the event types wanted (`type` or `types[]`). */
  readonly types?: readonly string[];
}

/** A list parameter Stripe would refuse; the server answers it as a 400 invalid_request_error naming the param. */
export class StripeListParamError extends Error {
  constructor(readonly param: string, message: string, readonly code = 'parameter_invalid_integer') {
    super(message);
  }
}

/** Parses `limit`, `starting_after`, `ending_before`, `created[...]` and `types[]` as Stripe does. */
export function parseListQuery(params: URLSearchParams): StripeListQuery {
  const limitText = params.get('limit') ?? '10';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) throw new StripeListParamError('limit', `Invalid integer: ${limitText}; limit must be between 1 and 100.`);
  const created: Record<string, number> = {};
  for (const op of ['gte', 'gt', 'lt', 'lte'] as const) {
    const text = params.get(`created[${op}]`);
    if (text === null) continue;
    if (!/^\d+$/.test(text)) throw new StripeListParamError(`created[${op}]`, `Invalid integer: ${text}`);
    created[op] = Number(text);
  }
  const types = [...params].filter(([k]) => k === 'type' || /^types\[\d*\]$/.test(k)).map(([, v]) => v);
  return {
    limit,
    created,
    ...(params.get('starting_after') ? { startingAfter: params.get('starting_after') as string } : {}),
    ...(params.get('ending_before') ? { endingBefore: params.get('ending_before') as string } : {}),
    ...(types.length ? { types } : {}),
  };
}

export interface StripeListPage {
  readonly data: StripeObject[];
  readonly hasMore: boolean;
}

/** A list endpoint's objects, newest first, with each id's position: a page costs its own length, not the list's. */
export interface StripeListing {
  readonly objects: readonly StoredObject[];
  readonly indexOf: ReadonlyMap<string, number>;
}

/**
 * One page of a newest-first listing. `starting_after` continues towards older
 * objects; `ending_before` returns the page just newer than its object, still
 * newest first. A cursor Stripe does not know (deleted, or an event past its
 * 30 days) comes back as `missing`, which the server answers 404 resource_missing.
 */
export function listPage(listing: StripeListing, query: StripeListQuery): StripeListPage | { missing: string } {
  const { objects } = listing;
  const { gte, gt, lt, lte } = query.created;
  const inRange = (o: StripeObject) => (gte === undefined || o.created >= gte) && (gt === undefined || o.created > gt) &&
    (lt === undefined || o.created < lt) && (lte === undefined || o.created <= lte);
  const matches = (o: StripeObject) => inRange(o) && (query.types === undefined || query.types.includes(String(o['type'])));
  const cursor = query.endingBefore ?? query.startingAfter;
  const at = cursor === undefined ? undefined : listing.indexOf.get(cursor);
  if (cursor !== undefined && at === undefined) return { missing: cursor };
  if (query.endingBefore !== undefined && at !== undefined) {
    const newer: StripeObject[] = [];
    // Newest-first means newer objects sit before the cursor: walk back from it, then restore the order.
    for (let i = at - 1; i >= 0 && newer.length <= query.limit; i--) {
      const o = objects[i].value;
      if (lte !== undefined && o.created > lte) break;
      if (lt !== undefined && o.created >= lt) break;
      if (matches(o)) newer.push(o);
    }
    const hasMore = newer.length > query.limit;
    return { data: newer.slice(0, query.limit).reverse(), hasMore };
  }
  const data: StripeObject[] = [];
  // Created descending: the first object under the upper bound is found by bisection, older ones follow.
  let i = at !== undefined ? at + 1 : firstAtOrBelow(objects, lte ?? (lt !== undefined ? lt - 1 : undefined));
  for (; i < objects.length && data.length <= query.limit; i++) {
    const o = objects[i].value;
    if ((gte !== undefined && o.created < gte) || (gt !== undefined && o.created <= gt)) break;
    if (matches(o)) data.push(o);
  }
  return { data: data.slice(0, query.limit), hasMore: data.length > query.limit };
}

function firstAtOrBelow(objects: readonly StoredObject[], created: number | undefined): number {
  if (created === undefined) return 0;
  let [lo, hi] = [0, objects.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (objects[mid].value.created > created) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
