import type { ZendeskObjects, ZendeskSatisfactionRating, ZendeskTicket, ZendeskTicketMetric } from './zendesk-objects';

/** One change inside an audit: a comment, a field set at creation or changed later, a rating. */
export interface ZendeskChildEvent {
  readonly id: number;
  readonly via: string;
  readonly event_type: 'Comment' | 'Create' | 'Change' | 'SatisfactionRating';
  readonly comment_present?: boolean;
  readonly comment_public?: boolean;
  readonly status?: string;
  readonly priority?: string;
  readonly assignee_id?: number | null;
  readonly score?: string;
  readonly previous_value?: string | null;
}

/** An audit as the ticket events export sends it (`include=comment_events`): who changed the ticket when, and what. */
export interface ZendeskTicketEvent {
  readonly id: number;
  readonly ticket_id: number;
  /** Unix seconds: the time-based export's order. */
  readonly timestamp: number;
  readonly created_at: string;
  /** -1 for Zendesk itself (automations such as closing solved tickets). */
  readonly updater_id: number;
  readonly via: string;
  readonly event_type: 'Audit';
  readonly child_events: readonly ZendeskChildEvent[];
}

export const ZENDESK_SYSTEM_USER = -1;

/**
 * The audits a ticket's life leaves, derived from the ticket, its metrics and
 * its rating: the customer's opening comment, the agent's first public reply
 * (status to pending, assigned), an internal note and the solve, the system's
 * close, and the customer's rating. Audit ids grow with time per ticket.
 */
export function ticketEventsOf(objects: Pick<ZendeskObjects, 'tickets' | 'ticketMetrics' | 'satisfactionRatings'>): ZendeskTicketEvent[] {
  const metrics = new Map(objects.ticketMetrics.map((m) => [m.ticket_id, m]));
  const ratings = new Map(objects.satisfactionRatings.map((r) => [r.ticket_id, r]));
  return objects.tickets
    .flatMap((t) => eventsOfTicket(t, metrics.get(t.id), ratings.get(t.id)))
    .sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
}

function eventsOfTicket(ticket: ZendeskTicket, metric: ZendeskTicketMetric | undefined, rating: ZendeskSatisfactionRating | undefined): ZendeskTicketEvent[] {
  const via = ticket.via.channel === 'email' ? 'Mail' : 'Web form';
  const agent = ticket.assignee_id ?? 0;
  const events = [audit(ticket, 0, ticket.created_at, ticket.requester_id, via, [
    { event_type: 'Comment', comment_present: true, comment_public: true },
    { event_type: 'Create', status: 'new' },
    { event_type: 'Create', priority: ticket.priority },
  ])];
  if (metric?.assigned_at) {
    events.push(audit(ticket, 1, metric.assigned_at, agent, 'Web form', [
      { event_type: 'Comment', comment_present: true, comment_public: true },
      { event_type: 'Change', status: 'pending', previous_value: 'new' },
      { event_type: 'Change', assignee_id: agent, previous_value: null },
    ]));
  }
  if (metric?.solved_at) {
    events.push(audit(ticket, 2, metric.solved_at, agent, 'Web form', [
      { event_type: 'Comment', comment_present: true, comment_public: false },
      { event_type: 'Change', status: 'solved', previous_value: 'pending' },
    ]));
  }
  if (ticket.status === 'closed') {
    events.push(audit(ticket, 3, ticket.updated_at, ZENDESK_SYSTEM_USER, 'Closed ticket', [{ event_type: 'Change', status: 'closed', previous_value: 'solved' }]));
  }
  if (rating && rating.score !== 'offered') {
    events.push(audit(ticket, 4, rating.updated_at, rating.requester_id, 'Web form', [{ event_type: 'SatisfactionRating', score: rating.score, assignee_id: rating.assignee_id }]));
  }
  return events;
}

type ChildFields = Omit<ZendeskChildEvent, 'id' | 'via'>;

function audit(ticket: ZendeskTicket, step: number, at: string, updaterId: number, via: string, children: readonly ChildFields[]): ZendeskTicketEvent {
  const id = ticket.id * 10 + step;
  return {
    id,
    ticket_id: ticket.id,
    timestamp: Math.floor(Date.parse(at) / 1000),
    created_at: at,
    updater_id: updaterId,
    via,
    event_type: 'Audit',
    child_events: children.map((child, i) => ({ id: id * 10 + i, via, ...child })),
  };
}
