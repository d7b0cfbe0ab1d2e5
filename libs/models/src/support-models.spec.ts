import { silentLogger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import type { BindValue, Row } from '@northstar/warehouse';
import { loadModelCatalog } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { loadQualityChecks, runQualityChecks } from './quality-checks';
import { sourcesRead } from './source-models';
import { ordersDbRow } from './testing';

type ZendeskEntity = 'tickets' | 'users' | 'ticket_metrics' | 'satisfaction_ratings' | 'ticket_events';

const ticket = (id: number, requesterId: number, updatedAt: string, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
  id, external_id: null, requester_id: requesterId, submitter_id: requesterId, assignee_id: 900, organization_id: null, group_id: 1, brand_id: 1,
  subject: 'Where is my order?', status: 'open', priority: 'normal', type: 'problem', via_channel: 'email', tags: '["order"]',
  custom_fields: '[{"id":7,"value":null}]', order_field_value: null, due_at: null, created_at: '2026-03-10 09:00:00+00', updated_at: updatedAt,
  generated_timestamp: updatedAt, ...over,
});
const user = (id: number, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
  id, email: `u${id}@example.com`, name: 'U', phone: null, external_id: null, role: 'end-user', organization_id: null, active: true, suspended: false,
  time_zone: 'UTC', locale: 'en', created_at: '2026-01-01 00:00:00+00', updated_at: '2026-01-01 00:00:00+00', ...over,
});
const event = (id: number, ticketId: number, updaterId: number, at: string, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
  id, audit_id: Math.floor(id / 10), ticket_id: ticketId, updater_id: updaterId, via: 'Mail', event_type: 'Comment', comment_public: true,
  field_name: null, value: null, previous_value: null, created_at: at, ...over,
});

describe('support models: staging, fct_support_tickets and fct_support_interactions', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
  });
  afterEach(() => sandbox.dispose());

  const models = loadModelCatalog();
  const land = (entity: ZendeskEntity, rows: Record<string, BindValue>[]) => sandbox.landRows(contractFor('zendesk', entity), rows);
  const landCustomers = (rows: Record<string, BindValue>[]) => sandbox.land('customers', rows);
  const run = () => sandbox.run();
  const query = <T extends Row = Row>(sql: string) => sandbox.query<T>(sql);

  it('read Zendesk, and the orders DB only through dim_customer', () => {
    const read = sourcesRead(models);
    expect([...read.get('fct_support_tickets')!].sort()).toEqual(['orders_db', 'zendesk']);
    expect([...read.get('fct_support_interactions')!].sort()).toEqual(['orders_db', 'zendesk']);
  });

  it('keeps the latest ticket by updated_at then generated time, and flags deleted tickets and users', async () => {
    await land('tickets', [
      ticket(1, 10, '2026-03-10 10:00:00+00', { status: 'pending', generated_timestamp: '2026-03-10 10:00:00+00' }),
      // A system update: same updated_at, later generated time.
      ticket(1, 10, '2026-03-10 10:00:00+00', { status: 'solved', generated_timestamp: '2026-03-10 10:05:00+00' }),
      ticket(1, 10, '2026-03-10 09:30:00+00', { status: 'new' }),
      ticket(2, 10, '2026-03-11 09:00:00+00', { status: 'deleted' }),
    ]);
    await land('users', [user(10), user(11, { active: false, updated_at: '2026-03-12 00:00:00+00' })]);
    await run();
    // A later run's page repeats the older system version: it changes nothing.
    await sandbox.landRows(contractFor('zendesk', 'tickets'), [ticket(1, 10, '2026-03-10 10:00:00+00', { status: 'pending', generated_timestamp: '2026-03-10 10:00:00+00' })], '2026-11-02 08:00:00+00');
    await run();
    expect(await query('select ticket_id, status, is_deleted, deleted_at is not null as dated from staging.stg_zendesk__tickets order by ticket_id')).toEqual([
      { ticket_id: 1, status: 'solved', is_deleted: false, dated: false },
      { ticket_id: 2, status: 'deleted', is_deleted: true, dated: true },
    ]);
    expect(await query('select user_id, is_deleted from staging.stg_zendesk__users order by user_id')).toEqual([
      { user_id: 10, is_deleted: false }, { user_id: 11, is_deleted: true },
    ]);
  });

  it('matches requesters by external id, else by email, to the customer version valid at creation; counts the unmatched', async () => {
    await landCustomers([
      ordersDbRow.customer(1, '2026-02-01 00:00:00+00'),
      ordersDbRow.customer(1, '2026-03-15 00:00:00+00', { email: 'moved@example.com' }),
      ordersDbRow.customer(2, '2026-02-01 00:00:00+00', { email: 'masked-hmac-of-two' }),
    ]);
    await land('users', [
      user(10, { external_id: '1', email: 'someone-else@example.com' }),
      user(20, { email: 'masked-hmac-of-two' }),
      user(30, { external_id: 'legacy-crm-77', email: 'stranger@example.net' }),
    ]);
    await land('tickets', [
      ticket(1, 10, '2026-03-10 10:00:00+00', { order_field_value: '555' }),
      ticket(2, 10, '2026-03-20 10:00:00+00', { created_at: '2026-03-20 09:00:00+00', external_id: '556' }),
      ticket(3, 20, '2026-03-10 10:00:00+00'),
      ticket(4, 30, '2026-03-10 10:00:00+00'),
    ]);
    await land('ticket_metrics', [{
      id: 1, ticket_id: 1, reopens: 0, replies: 1, assignee_stations: 1, group_stations: 1, reply_time_calendar_minutes: 30, reply_time_business_minutes: 12,
      first_resolution_time_calendar_minutes: 90, full_resolution_time_calendar_minutes: 90, full_resolution_time_business_minutes: 36,
      agent_wait_time_calendar_minutes: 30, requester_wait_time_calendar_minutes: 60, on_hold_time_calendar_minutes: 0, assigned_at: '2026-03-10 09:30:00+00',
      solved_at: '2026-03-10 10:30:00+00', latest_comment_added_at: '2026-03-10 10:30:00+00', created_at: '2026-03-10 09:00:00+00', updated_at: '2026-03-10 10:30:00+00',
    }]);
    await land('satisfaction_ratings', [
      { id: 5, ticket_id: 1, requester_id: 10, assignee_id: 900, group_id: 1, score: 'offered', comment: null, reason: null, created_at: '2026-03-10 10:30:00+00', updated_at: '2026-03-10 10:30:00+00' },
      { id: 5, ticket_id: 1, requester_id: 10, assignee_id: 900, group_id: 1, score: 'good', comment: 'ok', reason: null, created_at: '2026-03-10 10:30:00+00', updated_at: '2026-03-11 08:00:00+00' },
    ]);
    await run();
    const versions = await query<{ customer_sk: string; valid_from: string }>("select customer_sk, cast(valid_from as varchar) as valid_from from curated.dim_customer where customer_id = 1 order by valid_from");
    expect(versions).toHaveLength(2);
    const facts = await query(`select ticket_id, customer_id, customer_sk, customer_match, order_id, order_sk is not null as has_order, satisfaction_score,
      first_reply_business_minutes, full_resolution_calendar_minutes from curated.fct_support_tickets order by ticket_id`);
    expect(facts).toEqual([
      { ticket_id: 1, customer_id: 1, customer_sk: versions[0].customer_sk, customer_match: 'external_id', order_id: 555, has_order: true, satisfaction_score: 'good', first_reply_business_minutes: 12, full_resolution_calendar_minutes: 90 },
      { ticket_id: 2, customer_id: 1, customer_sk: versions[1].customer_sk, customer_match: 'external_id', order_id: 556, has_order: true, satisfaction_score: null, first_reply_business_minutes: null, full_resolution_calendar_minutes: null },
      { ticket_id: 3, customer_id: 2, customer_sk: expect.any(String), customer_match: 'email', order_id: null, has_order: false, satisfaction_score: null, first_reply_business_minutes: null, full_resolution_calendar_minutes: null },
      { ticket_id: 4, customer_id: null, customer_sk: null, customer_match: null, order_id: null, has_order: false, satisfaction_score: null, first_reply_business_minutes: null, full_resolution_calendar_minutes: null },
    ]);
    const [check] = await runQualityChecks(loadQualityChecks().filter((c) => c.name === 'fct_support_tickets_unmatched_requester'), { warehouse: sandbox.warehouse, runId: 'q', clock: sandbox.clock, logger: silentLogger(), piiColumns: new Set<string>(), models });
    expect(check).toMatchObject({ severity: 'warn', status: 'fail', failingRows: 1 });

    const before = await query('select ticket_id, _merged_at from curated.fct_support_tickets order by ticket_id');
    await run();
    expect(await query('select ticket_id, _merged_at from curated.fct_support_tickets order by ticket_id')).toEqual(before);
  });

  it('makes one interaction per comment, change and rating, with author role and minutes since the previous one', async () => {
    await land('users', [user(10), user(900, { role: 'agent' })]);
    await land('tickets', [ticket(1, 10, '2026-03-10 12:00:00+00')]);
    await land('ticket_events', [
      event(100, 1, 10, '2026-03-10 09:00:00+00'),
      event(101, 1, 10, '2026-03-10 09:00:00+00', { event_type: 'Create', comment_public: null, field_name: 'status', value: 'new' }),
      event(110, 1, 900, '2026-03-10 09:30:00+00'),
      event(111, 1, 900, '2026-03-10 09:30:00+00', { event_type: 'Change', comment_public: null, field_name: 'status', value: 'pending', previous_value: 'new' }),
      event(120, 1, 900, '2026-03-10 10:30:00+00', { comment_public: false }),
      event(130, 1, -1, '2026-03-14 10:30:00+00', { event_type: 'Change', comment_public: null, field_name: 'status', value: 'closed', previous_value: 'solved' }),
      event(140, 1, 10, '2026-03-11 08:00:00+00', { event_type: 'SatisfactionRating', comment_public: null, field_name: 'score', value: 'good' }),
    ]);
    // The time-based export repeats the events of a second where two pages meet.
    await land('ticket_events', [event(110, 1, 900, '2026-03-10 09:30:00+00')]);
    await run();
    expect(await query(`select ticket_event_id, interaction_type, author_role, minutes_since_previous, ticket_sk is not null as has_ticket
      from curated.fct_support_interactions order by occurred_at, ticket_event_id`)).toEqual([
      { ticket_event_id: 100, interaction_type: 'public_comment', author_role: 'end_user', minutes_since_previous: null, has_ticket: true },
      { ticket_event_id: 110, interaction_type: 'public_comment', author_role: 'agent', minutes_since_previous: 30, has_ticket: true },
      { ticket_event_id: 111, interaction_type: 'status_change', author_role: 'agent', minutes_since_previous: 0, has_ticket: true },
      { ticket_event_id: 120, interaction_type: 'private_comment', author_role: 'agent', minutes_since_previous: 60, has_ticket: true },
      { ticket_event_id: 140, interaction_type: 'satisfaction_rating', author_role: 'end_user', minutes_since_previous: 1290, has_ticket: true },
      { ticket_event_id: 130, interaction_type: 'status_change', author_role: 'system', minutes_since_previous: 4470, has_ticket: true },
    ]);
    expect(await query('select count(*)::int as n from analytics.support_interactions')).toEqual([{ n: 6 }]);
    expect(await query('select ticket_id, status, customer_key from analytics.support_tickets')).toEqual([{ ticket_id: 1, status: 'open', customer_key: null }]);
  });
});
