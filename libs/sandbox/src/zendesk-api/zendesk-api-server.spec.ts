import { generateHistory } from '../history-generator';
import { microsToDate } from '../microseconds';
import { generateZendesk } from '../zendesk-generator';
import { ZendeskApiServer } from './zendesk-api-server';

const data = generateHistory({ scale: 0.01, seed: 3, start: new Date('2026-11-02T06:00:00Z') });
const objects = generateZendesk({
  seed: data.shape.seed, orders: data.orders, customers: data.customers,
  window: { start: microsToDate(data.shape.customersFromUs), end: microsToDate(data.shape.startUs) },
});
const now = microsToDate(data.shape.startUs);
const auth = { authorization: `Basic ${Buffer.from('ops@northstar.test/token:secret').toString('base64')}` };

describe('ZendeskApiServer', () => {
  let api: ZendeskApiServer;
  let wall = 0;
  beforeEach(async () => {
    wall = 0;
    api = await ZendeskApiServer.start({ objects, now: () => now, email: 'ops@northstar.test', token: 'secret', requestsPerMinute: 5, wallClock: () => wall });
  });
  afterEach(() => api.close());
  const get = async (path: string, headers: Record<string, string> = auth) => {
    const res = await fetch(`${api.url}${path}`, { headers });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };

  it('pages the ticket cursor export to its end without repeats, and resumes from the end cursor with nothing new', async () => {
    const seen: number[] = [];
    let res = await get('/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=40');
    for (;;) {
      seen.push(...(res.body['tickets'] as { id: number }[]).map((t) => t.id));
      if (res.body['end_of_stream']) break;
      wall += 15_000;
      res = await get(`/api/v2/incremental/tickets/cursor.json?cursor=${res.body['after_cursor']}&per_page=40`);
    }
    expect(seen.length).toBe(objects.tickets.length);
    expect(new Set(seen).size).toBe(seen.length);
    wall += 60_000;
    const again = await get(`/api/v2/incremental/tickets/cursor.json?cursor=${res.body['after_cursor']}`);
    expect(again.body).toMatchObject({ tickets: [], end_of_stream: true, after_cursor: res.body['after_cursor'] });
  });

  it('refuses a missing login, a start_time under a minute old, and requests over the budget with Retry-After', async () => {
    expect((await get('/api/v2/incremental/users/cursor.json?start_time=0', {})).status).toBe(401);
    const recent = Math.floor(now.getTime() / 1000) - 30;
    expect(await get(`/api/v2/incremental/users/cursor.json?start_time=${recent}`)).toMatchObject({ status: 400 }); // counts against the budget
    for (let i = 0; i < 4; i++) expect((await get('/api/v2/incremental/users/cursor.json?start_time=0')).status).toBe(200);
    const over = await get('/api/v2/incremental/users/cursor.json?start_time=0');
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    wall += 60_000;
    expect((await get('/api/v2/incremental/users/cursor.json?start_time=0')).headers.get('x-rate-limit-remaining')).toBe('4');
  });

  it('sends metric sets and comment events on request, and serves the wire faults once', async () => {
    const first = await get('/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=10&include=metric_sets');
    expect((first.body['metric_sets'] as unknown[]).length).toBe(10);
    const events = await get('/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events&per_page=50');
    const types = (events.body['ticket_events'] as { child_events: { event_type: string }[] }[]).flatMap((e) => e.child_events.map((c) => c.event_type));
    expect(types).toContain('Comment');
    api.injectFault('service-unavailable');
    expect([(await get('/api/v2/satisfaction_ratings.json?start_time=0')).status, (await get('/api/v2/satisfaction_ratings.json?start_time=0')).status]).toEqual([503, 503]);
    expect((await get('/api/v2/satisfaction_ratings.json?start_time=0')).status).toBe(200);
  });
});
