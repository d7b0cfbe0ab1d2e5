import { ConfigError } from '@northstar/core';
import { ticketEventsContract } from '@northstar/contracts';
import type { RecordStream, SourceRecord, StreamPosition } from '@northstar/extract';
import { childEventRecords } from '../ticket-event-records';
import type { ZendeskClient } from '../zendesk-client';
import type { ReadScope } from './cursor-export';

interface TimePage {
  readonly ticket_events: readonly SourceRecord[];
  readonly end_time: number | null;
  readonly end_of_stream?: boolean;
}

const PATH = '/api/v2/incremental/ticket_events.json';

/**
 * The time-based ticket events export with comment events: `start_time` =
 * the saved end_time (the window's start on the first run). Pages that meet
 * at one second repeat its events; staging keeps one row per event id.
 */
export function ticketEventsStream(client: ZendeskClient, scope: ReadScope): RecordStream {
  return { contract: ticketEventsContract, read: (position) => readEvents(client, position, scope) };
}

async function* readEvents(client: ZendeskClient, position: StreamPosition, scope: ReadScope): AsyncIterable<SourceRecord> {
  const fromCheckpoint = !scope.backfill && position.checkpoint !== undefined;
  let startTime = fromCheckpoint ? Number(position.checkpoint) : Math.floor(position.window.start.getTime() / 1000);
  const endSeconds = position.window.end.getTime() / 1000;
  for (;;) {
    const page = await client.get<TimePage>(PATH, { start_time: startTime, include: 'comment_events', ...(scope.perPage ? { per_page: scope.perPage } : {}) });
    const audits = scope.backfill ? page.ticket_events.filter((e) => Number(e['timestamp']) < endSeconds) : page.ticket_events;
    for (const audit of audits) yield* childEventRecords(audit);
    const endTime = page.end_time ?? startTime;
    if (!scope.backfill) position.advanceTo(String(endTime));
    if (page.end_of_stream !== false || (scope.backfill && endTime >= endSeconds)) return;
    // A full page within one second cannot move on: Zendesk's limit, not ours, so say so rather than loop.
    if (endTime <= startTime) throw new ConfigError(`Zendesk ${PATH}: a full page of events at start_time ${startTime} did not move end_time; more events share one second than a page holds`);
    startTime = endTime;
  }
}
