import type { RecordStream } from '@northstar/extract';
import type { ZendeskClient } from '../zendesk-client';
import type { ReadScope } from './cursor-export';
import { satisfactionRatingsStream } from './satisfaction-ratings.stream';
import { ticketEventsStream } from './ticket-events.stream';
import { ticketMetricsStream } from './ticket-metrics.stream';
import { ticketsStream } from './tickets.stream';
import { usersStream } from './users.stream';

export type { ReadScope } from './cursor-export';

/** Every Zendesk entity, in contract order. */
export function zendeskStreams(client: ZendeskClient, scope: ReadScope & { readonly orderFieldId?: number }): RecordStream[] {
  return [ticketsStream, usersStream, ticketMetricsStream, satisfactionRatingsStream, ticketEventsStream].map((make) => make(client, scope));
}
