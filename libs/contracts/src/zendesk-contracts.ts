import { col, nullable } from './column-builder';
import type { Contract } from './contract';
import { defineContract } from './define-contract';

// Shapes follow the Zendesk Support API (see ../shared/realdata/zendesk).
// Zendesk ids exceed 2^32, so every id is a 64-bit integer.

const createdAt = col.timestamp('created_at');
const updatedAt = col.timestamp('updated_at', { description: 'Last change; the incremental cursor.' });
const optionalId = (name: string, what: string) => col.integer(name, nullable({ description: `Id of the ${what}, when there is one.` }));

export const ticketsContract: Contract = defineContract({
  source: 'zendesk',
  entity: 'tickets',
  version: '1.1.0',
  description: 'Support tickets from the incremental cursor export, one row per ticket.',
  businessKey: ['id'],
  cursor: 'updated_at',
  biFacing: true,
  columns: [
    col.integer('id'),
    col.string('external_id', nullable()),
    col.integer('requester_id'),
    optionalId('submitter_id', 'user who submitted the ticket'),
    optionalId('assignee_id', 'agent working on the ticket'),
    optionalId('organization_id', "requester's organisation"),
    optionalId('group_id', 'agent group'),
    optionalId('brand_id', 'brand'),
    col.string('subject', nullable({ pii: 'free_text', description: 'Written by the customer; may hold personal data.' })),
    col.string('status', { description: 'new, open, pending, hold, solved, closed or deleted.' }),
    col.string('priority', nullable({ description: 'urgent, high, normal or low.' })),
    col.string('type', nullable({ description: 'problem, incident, question or task.' })),
    col.string('via_channel', nullable({ source: 'via.channel', description: 'web, email, api, chat, ...' })),
    col.json('tags', { description: 'Array of tag strings.' }),
    col.json('custom_fields', nullable({ description: 'Array of {id, value}; a value may be text, a list, a boolean or null.' })),
    col.string('order_field_value', nullable({
      source: '_extract.order_field_value',
      description: "Not a Zendesk field: the extractor copies the value of the shop's order-number ticket field (ZENDESK_ORDER_FIELD_ID) out of custom_fields.",
    })),
    col.timestamp('due_at', nullable()),
    createdAt,
    updatedAt,
    col.timestamp('generated_timestamp', nullable({
      description: 'When the export generated this version (Unix seconds); moves on system updates that leave updated_at alone.',
    })),
  ],
});

export const usersContract: Contract = defineContract({
  source: 'zendesk',
  entity: 'users',
  version: '1.0.0',
  description: 'End users (customers) and agents, one row per user.',
  businessKey: ['id'],
  cursor: 'updated_at',
  biFacing: false,
  columns: [
    col.integer('id'),
    col.string('email', nullable({ pii: 'email', description: 'Absent for users who only ever reached support by phone or chat.' })),
    col.string('name', { pii: 'name' }),
    col.string('phone', nullable({ pii: 'phone' })),
    col.string('external_id', nullable({ description: 'The shop customer id, when the shop set it.' })),
    col.string('role', { description: 'end-user, agent or admin.' }),
    optionalId('organization_id', 'organisation'),
    col.boolean('active', { description: 'False once the user is deleted.' }),
    col.boolean('suspended'),
    col.string('time_zone', nullable()),
    col.string('locale', nullable()),
    createdAt,
    updatedAt,
  ],
});

const minutes = (name: string, source: string, what: string) =>
  col.integer(name, nullable({ source, description: `${what}, in minutes; null until it has happened.` }));

export const ticketMetricsContract: Contract = defineContract({
  source: 'zendesk',
  entity: 'ticket_metrics',
  version: '1.0.0',
  description: 'Service-level measures of a ticket, one row per ticket metric set (one per ticket).',
  businessKey: ['id'],
  cursor: 'updated_at',
  biFacing: false,
  columns: [
    col.integer('id'),
    col.integer('ticket_id'),
    col.integer('reopens'),
    col.integer('replies'),
    col.integer('assignee_stations', { description: 'How many agents the ticket was assigned to.' }),
    col.integer('group_stations'),
    minutes('reply_time_calendar_minutes', 'reply_time_in_minutes.calendar', 'First reply time'),
    minutes('reply_time_business_minutes', 'reply_time_in_minutes.business', 'First reply time in business hours'),
    minutes('first_resolution_time_calendar_minutes', 'first_resolution_time_in_minutes.calendar', 'Time to first solve'),
    minutes('full_resolution_time_calendar_minutes', 'full_resolution_time_in_minutes.calendar', 'Time to final solve'),
    minutes('full_resolution_time_business_minutes', 'full_resolution_time_in_minutes.business', 'Time to final solve in business hours'),
    minutes('agent_wait_time_calendar_minutes', 'agent_wait_time_in_minutes.calendar', 'Time spent waiting on the agent'),
    minutes('requester_wait_time_calendar_minutes', 'requester_wait_time_in_minutes.calendar', 'Time spent waiting on the requester'),
    minutes('on_hold_time_calendar_minutes', 'on_hold_time_in_minutes.calendar', 'Time on hold'),
    col.timestamp('assigned_at', nullable()),
    col.timestamp('solved_at', nullable()),
    col.timestamp('latest_comment_added_at', nullable()),
    createdAt,
    updatedAt,
  ],
});

export const satisfactionRatingsContract: Contract = defineContract({
  source: 'zendesk',
  entity: 'satisfaction_ratings',
  version: '1.0.0',
  description: 'Customer satisfaction survey answers, one row per rating.',
  businessKey: ['id'],
  cursor: 'updated_at',
  biFacing: false,
  columns: [
    col.integer('id'),
    col.integer('ticket_id'),
    col.integer('requester_id'),
    optionalId('assignee_id', 'agent rated'),
    optionalId('group_id', 'agent group rated'),
    col.string('score', { description: 'good, bad, offered or unoffered.' }),
    col.string('comment', nullable({ pii: 'free_text', description: 'Written by the customer; may hold personal data.' })),
    col.string('reason', nullable()),
    createdAt,
    updatedAt,
  ],
});

export const ticketEventsContract: Contract = defineContract({
  source: 'zendesk',
  entity: 'ticket_events',
  version: '1.0.0',
  description: 'Changes to tickets from the ticket events export (with comment events): one row per child event of an audit.',
  businessKey: ['id'],
  cursor: 'created_at',
  biFacing: false,
  columns: [
    col.integer('id', { description: 'The child event.' }),
    col.integer('audit_id', { description: 'The audit (one update of the ticket) the event belongs to.' }),
    col.integer('ticket_id'),
    col.integer('updater_id', { description: 'Who made the update; -1 for Zendesk itself.' }),
    col.string('via', nullable({ description: 'How the update was made: Mail, Web form, Closed ticket, ...' })),
    col.string('event_type', { description: 'Comment, Create, Change, SatisfactionRating, ...' }),
    col.boolean('comment_public', nullable({ description: 'For comments: seen by the requester (a reply) or internal (a note).' })),
    col.string('field_name', nullable({ description: 'For Create and Change: the ticket field set (status, priority, assignee_id, ...).' })),
    col.string('value', nullable({ description: 'The new value as text (a list as JSON); for ratings, the score.' })),
    col.string('previous_value', nullable()),
    col.timestamp('created_at', { description: 'When the audit was made; the export\'s order.' }),
  ],
});

export const zendeskContracts: readonly Contract[] = [ticketsContract, usersContract, ticketMetricsContract, satisfactionRatingsContract, ticketEventsContract];
