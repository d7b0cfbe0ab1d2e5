import { satisfactionRatingsContract } from '@northstar/contracts';
import type { RecordStream, SourceRecord, StreamPosition } from '@northstar/extract';
import type { ZendeskClient } from '../zendesk-client';
import type { ReadScope } from './cursor-export';

interface RatingsPage {
  readonly satisfaction_ratings: readonly SourceRecord[];
  readonly meta?: { readonly has_more?: boolean; readonly after_cursor?: string | null };
}

const PATH = '/api/v2/satisfaction_ratings.json';
const PAGE_SIZE = 100;

/**
 * Ratings changed since `start_time` (the newest updated_at already read,
 * in Unix seconds), with cursor pagination inside one read. The rating read
 * at that second comes again next run; staging keeps one row per id.
 */
export function satisfactionRatingsStream(client: ZendeskClient, scope: ReadScope): RecordStream {
  return { contract: satisfactionRatingsContract, read: (position) => readRatings(client, position, scope) };
}

async function* readRatings(client: ZendeskClient, position: StreamPosition, scope: ReadScope): AsyncIterable<SourceRecord> {
  const fromCheckpoint = !scope.backfill && position.checkpoint !== undefined;
  const startTime = fromCheckpoint ? Number(position.checkpoint) : Math.floor(position.window.start.getTime() / 1000);
  const endMs = position.window.end.getTime();
  let newest = startTime;
  let after: string | undefined;
  for (;;) {
    const pageSize = scope.perPage ?? PAGE_SIZE;
    const page = await client.get<RatingsPage>(PATH, after === undefined ? { start_time: startTime, 'page[size]': pageSize } : { 'page[size]': pageSize, 'page[after]': after });
    for (const rating of page.satisfaction_ratings) {
      const updatedMs = Date.parse(String(rating['updated_at']));
      if (scope.backfill && updatedMs >= endMs) continue;
      newest = Math.max(newest, Math.floor(updatedMs / 1000));
      yield rating;
    }
    if (!page.meta?.has_more || !page.meta.after_cursor) break;
    after = page.meta.after_cursor;
  }
  if (!scope.backfill) position.advanceTo(String(newest));
}
