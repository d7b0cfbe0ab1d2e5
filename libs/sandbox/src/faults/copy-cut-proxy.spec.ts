import { Client } from 'pg';
import { CopyCutProxy } from './copy-cut-proxy';

// The real server the tests use: the point is what a real backend does while
// its COPY reply is held.
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const AFTER_BYTES = 64 * 1024;

describe('CopyCutProxy', () => {
  let proxy: CopyCutProxy;
  let admin: Client;

  beforeEach(async () => {
    proxy = await CopyCutProxy.start(ADMIN_URL, { afterBytes: AFTER_BYTES, copyOf: (query) => query.includes('generate_series') });
    admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
  });
  afterEach(async () => {
    await proxy.stop();
    await admin.end();
  });

  async function connectThrough(): Promise<Client> {
    const client = new Client({ connectionString: proxy.urlFor(ADMIN_URL), application_name: 'copy-cut-proxy-spec' });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  it('passes statements, a COPY under its limit and a COPY it was not asked to hold, untouched', async () => {
    const client = await connectThrough();
    let held = false;
    proxy.once('held', () => (held = true));
    try {
      const copy = await client.query('copy (select g from generate_series(1, 100) g) to stdout');
      // Large, but not the COPY asked for.
      const other = await client.query("copy (select repeat('x', 200) from pg_class, pg_attribute limit 20000) to stdout");
      const after = await client.query({ text: 'select $1::int + 1 as answer', values: [41] });
      expect({ rows: copy.rowCount, other: other.rowCount, answer: after.rows[0].answer, held }).toEqual({ rows: 100, other: 20000, answer: 42, held: false });
    } finally {
      await client.end();
    }
  });

  it('holds a large COPY once its limit has streamed: the server is still in that COPY, and ending it reaches the client mid-reply', async () => {
    const client = await connectThrough();
    // About 20 MB of rows: far more than the socket buffers between the server and a proxy that stopped reading.
    const copy = client.query("copy (select g, repeat('x', 200) from generate_series(1, 100000) g) to stdout").then(
      () => 'completed',
      (error: Error) => error.message,
    );
    const held = await proxy.whenHeld();
    expect(held.query).toContain('generate_series(1, 100000)');
    const session = await admin.query("select state, query ilike 'copy%' as in_copy from pg_stat_activity where pid = $1", [held.backendPid]);
    expect(session.rows).toEqual([{ state: 'active', in_copy: true }]);
    expect(held.copyBytes).toBeGreaterThanOrEqual(AFTER_BYTES);
    await admin.query('select pg_terminate_backend($1)', [held.backendPid]);
    proxy.release();
    expect(await copy).toMatch(/terminat/i);
  });
});
