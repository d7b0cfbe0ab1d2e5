// `npm run bench -- zendesk`: the Zendesk extractor's ticket export against
// the sandbox API at a request budget: tickets a minute, the limiter's pace as
// a share of the budget (60 s over the mean time between request i and
// request i + budget: 100% spends every request the budget allows), 429s, and
// peak RSS at each ticket count. The sandbox runs in this process; the
// extractor in its own, under GNU time, so its RSS is its own, with the V8
// heap and malloc setting its Batch job gets (job-process.ts).
// --rows-per-part above 10,000 is capped there (the source's maxRowsPerPart, libs/contracts/src/zendesk-source.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, silentLogger } from '@northstar/core';
import { ZendeskApiServer, type ZendeskTicket } from '@northstar/sandbox';
import { ensureWarehouseSchemas, openWarehouse } from '@northstar/warehouse';
import { jobProcess } from './job-process';

const root = path.resolve(__dirname, '../..');
const FROM = Date.parse('2026-01-01T00:00:00Z') / 1000;
const login = { email: 'bench@northstar.local', token: 'bench-token' };

export interface ZendeskBenchFigures {
  readonly tickets: number;
  readonly requestsPerMinute: number;
  readonly seconds: number;
  readonly ticketsPerMinute: number;
  /** The limiter's pace against the budget, measured where requests wait on it; undefined when all fit one minute. */
  readonly paceShare: number | undefined;
  readonly requests: number;
  readonly rateLimited: number;
  readonly peakRssMb: number;
}

/** `count` tickets changed one a second from 2026-01-01, with custom fields and tags as real ones carry. */
function ticketsOf(count: number): ZendeskTicket[] {
  return Array.from({ length: count }, (_, i): ZendeskTicket => {
    const at = new Date((FROM + i) * 1000).toISOString().replace('.000', '');
    return {
      id: 1_000_000 + i, external_id: null, requester_id: 30_000_000 + (i % 50_000), submitter_id: 30_000_000 + (i % 50_000), assignee_id: 361_000_000_101,
      organization_id: null, group_id: 360_000_000_001, brand_id: 360_000_000_002, subject: `Where is my order? (#${i})`, status: 'open', priority: 'normal',
      type: 'problem', via: { channel: 'email' }, tags: ['order'], custom_fields: [{ id: 360_000_123_456, value: String(i) }], due_at: null,
      created_at: at, updated_at: at, generated_timestamp: FROM + i,
    };
  });
}

export async function benchZendesk(tickets: number, requestsPerMinute: number, rowsPerPart: number): Promise<ZendeskBenchFigures> {
  const objects = { tickets: ticketsOf(tickets), users: [], ticketMetrics: [], satisfactionRatings: [] };
  const server = await ZendeskApiServer.start({ objects, now: () => new Date((FROM + tickets + 120) * 1000), ...login, requestsPerMinute });
  const home = mkdtempSync(path.join(tmpdir(), 'northstar-bench-zendesk-'));
  try {
    const env = {
      ...process.env, NORTHSTAR_ENV: 'local', NORTHSTAR_HOME: home, NORTHSTAR_LOG_FORMAT: 'json', NORTHSTAR_LOG_LEVEL: 'info',
      NORTHSTAR_INITIAL_START: new Date(FROM * 1000).toISOString(), ZENDESK_URL: server.url, ZENDESK_EMAIL: login.email, ZENDESK_API_TOKEN: login.token,
      ZENDESK_REQUESTS_PER_MINUTE: String(requestsPerMinute), NORTHSTAR_ROWS_PER_PART: String(rowsPerPart), ...jobProcess('extract-zendesk').env,
    };
    // The extractor opens the warehouse read-only for its checkpoint: it must exist.
    const warehouse = await openWarehouse(loadConfig(env).warehouse, silentLogger());
    await ensureWarehouseSchemas(warehouse);
    await warehouse.close();
    const rssFile = path.join(home, 'rss');
    const at = new Date((FROM + tickets + 3600) * 1000).toISOString();
    const job = jobProcess('extract-zendesk');
    const args = ['-f', '%M', '-o', rssFile, process.execPath, ...job.nodeFlags, '--import', 'tsx', path.join(root, 'apps/extract-zendesk/src/main.ts'),
      '--mode', 'hourly', '--at', at, '--entities', 'tickets', '--run-id', 'bench'];
    const started = Date.now();
    const child = spawn('/usr/bin/time', args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => void (log += chunk.toString('utf8')));
    // Async: the server in this process must keep answering while the extractor runs.
    const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const seconds = (Date.now() - started) / 1000;
    if (exit !== 0) throw new Error(`extract-zendesk failed (exit ${exit}):\n${log.slice(-4000)}`);
    const answered = server.requests.map((r) => r.at);
    const gaps = answered.slice(requestsPerMinute).map((t, i) => t - answered[i]);
    const peakKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    return {
      tickets, requestsPerMinute, seconds, ticketsPerMinute: Math.round(tickets / (seconds / 60)),
      paceShare: gaps.length > 0 ? 60_000 / (gaps.reduce((a, b) => a + b, 0) / gaps.length) : undefined,
      requests: server.requests.length, rateLimited: server.requests.filter((r) => r.status === 429).length, peakRssMb: Math.round(peakKb / 1024),
    };
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}
