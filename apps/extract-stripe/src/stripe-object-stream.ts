import type { Logger } from '@northstar/core';
import { stripeCurrencyExponent, type Contract } from '@northstar/contracts';
import type { RecordStream, SourceRecord, StreamPosition } from '@northstar/extract';
import type { StripeClient, StripeList, StripeListParams, StripeObjectRecord, StripePage } from './stripe-client';
import { StripeRequestRefused } from './stripe-errors';
import { decodeEventCursor, encodeEventCursor, type StripeEventCursor } from './stripe-event-cursor';

/** What one entity stream reads: its list endpoint, its object type, and the events that carry its changes. */
export interface StripeEntity {
  readonly contract: Contract;
  readonly list: StripeList;
  /** The `object` field of its objects (`charge`), to take only those from events. */
  readonly objectType: string;
  /** Events whose `data.object` is a changed object of this entity; none for objects that never change. */
  readonly eventTypes: readonly string[];
}

export interface StripeStreamDeps {
  readonly client: StripeClient;
  readonly logger: Logger;
  /** Objects per page, at most Stripe's 100. */
  readonly pageSize?: number;
  /** Told each time events could not cover a gap and it was re-listed by `created`: main puts it in the run record's note. */
  readonly onGapRelisted?: (gap: RelistedGap) => void;
}

/** A span whose changes the Events API could no longer give, re-listed by `created` instead. */
export interface RelistedGap {
  readonly entity: string;
  readonly from: Date;
  readonly to: Date;
  readonly reason: string;
}

/** The gap as one line for ops.pipeline_runs.note: what an operator reads the morning after. */
export function relistedGapNote(gap: RelistedGap): string {
  return `${gap.entity}: ${gap.reason}; re-listed objects created ${gap.from.toISOString()} to ${gap.to.toISOString()} by created (changes to older objects in the gap not seen)`;
}

/** Stripe keeps events 30 days; an hour's margin keeps a cursor from expiring between the check and the request. */
const EVENT_RETENTION_SECONDS = 30 * 86_400 - 3_600;

/**
 * One Stripe entity as a record stream. New objects come from its list
 * endpoint by `created` window; changes to older ones (a late refund, a
 * dispute won) from the Events API after the saved event, page by page,
 * oldest first, each page's last event proposed as the next checkpoint.
 * When the saved event is older than Stripe keeps, the objects created since
 * it are re-listed by `created` instead, logged, and reading goes on from
 * the newest event. Each record gets `_extract.currency_exponent` and
 * `_extract.observed_at` (when that state was current, by Stripe's clock).
 */
export class StripeObjectStream implements RecordStream {
  readonly contract: Contract;

  constructor(private readonly entity: StripeEntity, private readonly deps: StripeStreamDeps) {
    this.contract = entity.contract;
  }

  async *read(position: StreamPosition): AsyncIterable<SourceRecord> {
    const where = `stripe/${this.entity.contract.entity}`;
    const saved = decodeEventCursor(position.checkpoint, where);
    // Taken before listing: a change made while the listing runs is read from events by the next run.
    const newest = this.entity.eventTypes.length > 0 ? await this.newestEvent() : undefined;
    const listedAt = yield* this.listCreated(position.window.start, position.window.end);
    if (!newest) return;
    if (saved && !this.expired(saved, newest.serverTime)) {
      // An event about an object just listed, raised before the listing, only repeats what the listing said.
      const listed = (o: StripeObjectRecord, event: StripeObjectRecord) =>
        listedAt !== undefined && o.created >= seconds(position.window.start) && o.created < seconds(position.window.end) && event.created < listedAt;
      const gapReason = yield* this.eventsAfter(saved, position, listed);
      if (gapReason === undefined) return;
      yield* this.relistGap(saved, position.window.start, gapReason);
    } else if (saved) {
      yield* this.relistGap(saved, position.window.start, 'the saved event is older than the 30 days Stripe keeps events');
    }
    position.advanceTo(encodeEventCursor(newest.cursor));
  }

  private async newestEvent(): Promise<{ cursor: StripeEventCursor; serverTime: Date }> {
    const page = await this.deps.client.listPage('events', { limit: 1, types: [...this.entity.eventTypes] });
    const [event] = page.data;
    const cursor = event ? { event: event.id, created: event.created } : { created: Math.floor(page.serverTime.getTime() / 1000) };
    return { cursor, serverTime: page.serverTime };
  }

  private expired(saved: StripeEventCursor, serverTime: Date): boolean {
    return saved.event !== undefined && saved.created < serverTime.getTime() / 1000 - EVENT_RETENTION_SECONDS;
  }

  /** Objects created in [from, to), newest first as Stripe lists them; returns when (Stripe's clock, seconds) the listing began. */
  private async *listCreated(from: Date, to: Date): AsyncGenerator<SourceRecord, number | undefined> {
    if (from >= to) return undefined;
    const params: StripeListParams = { limit: this.pageSize(), created: { gte: seconds(from), lt: seconds(to) } };
    let began: number | undefined;
    let next: Promise<StripePage> | undefined = this.deps.client.listPage(this.entity.list, params);
    while (next) {
      const page: StripePage = await next;
      began ??= seconds(page.serverTime);
      // The next page is requested before this one is yielded: one page ahead, so the request's round trip
      // overlaps the encoding instead of adding to it (at a rate limit, the difference between ~87% and the ceiling).
      const last = page.data[page.data.length - 1];
      next = page.hasMore && last ? this.deps.client.listPage(this.entity.list, { ...params, starting_after: last.id }) : undefined;
      // Marked handled here; awaited on the next turn, where a failure still throws. Unmarked, a reader that
      // stops early would leave a rejection nobody handles.
      next?.catch(() => undefined);
      for (const object of page.data) yield this.record(object, page.serverTime.getTime() / 1000);
    }
    return began;
  }

  /**
   * Events after the cursor, oldest first, yielding each one's snapshot of an
   * object of this entity. Returns why reading stopped short when Stripe no
   * longer knows the cursor's event, so the caller re-lists the gap.
   */
  private async *eventsAfter(saved: StripeEventCursor, position: StreamPosition, listed: Repeats): AsyncGenerator<SourceRecord, string | undefined> {
    const types = [...this.entity.eventTypes];
    if (saved.event === undefined) {
      // No event had happened at the last run: this first read is small, so it is gathered and turned oldest first.
      const events: StripeObjectRecord[] = [];
      for (let after: string | undefined; ;) {
        const page = await this.deps.client.listPage('events', { limit: this.pageSize(), types, created: { gte: saved.created }, ...(after ? { starting_after: after } : {}) });
        events.push(...page.data);
        if (!page.hasMore || page.data.length === 0) break;
        after = page.data[page.data.length - 1].id;
      }
      yield* this.snapshots(events.reverse(), position, listed);
      return undefined;
    }
    for (let before = saved.event; ;) {
      let page;
      try {
        page = await this.deps.client.listPage('events', { limit: this.pageSize(), types, ending_before: before });
      } catch (error) {
        if (error instanceof StripeRequestRefused && error.code === 'resource_missing' && error.param === 'ending_before') return `Stripe no longer knows event ${before}`;
        throw error;
      }
      if (page.data.length === 0) return undefined;
      yield* this.snapshots([...page.data].reverse(), position, listed);
      if (!page.hasMore) return undefined;
      before = page.data[0].id;
    }
  }

  private *snapshots(events: readonly StripeObjectRecord[], position: StreamPosition, listed: Repeats): Generator<SourceRecord> {
    for (const event of events) {
      const object = (event['data'] as { object?: StripeObjectRecord } | undefined)?.object;
      if (object?.object === this.entity.objectType && !listed(object, event)) yield this.record(object, event.created);
    }
    const last = events[events.length - 1];
    if (last) position.advanceTo(encodeEventCursor({ event: last.id, created: last.created }));
  }

  private async *relistGap(saved: StripeEventCursor, windowStart: Date, reason: string): AsyncGenerator<SourceRecord> {
    const from = new Date(saved.created * 1000);
    this.deps.logger.warn({ entity: this.entity.contract.entity, from: from.toISOString(), to: windowStart.toISOString(), reason }, `${reason}: re-listing the objects created since it by created; changes to older objects in the gap are not seen`);
    this.deps.onGapRelisted?.({ entity: this.entity.contract.entity, from, to: windowStart, reason });
    yield* this.listCreated(from, windowStart);
  }

  private record(object: StripeObjectRecord, observedAt: number): SourceRecord {
    const currency = typeof object['currency'] === 'string' ? object['currency'] : undefined;
    return { ...object, _extract: { currency_exponent: currency === undefined ? null : stripeCurrencyExponent(currency), observed_at: Math.floor(observedAt) } };
  }

  private pageSize(): number {
    return Math.min(100, Math.max(1, this.deps.pageSize ?? 100));
  }
}

/** Whether an event's snapshot of an object repeats what this run's listing already yielded. */
type Repeats = (object: StripeObjectRecord, event: StripeObjectRecord) => boolean;

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
