import * as path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { startEmbeddedOrdersDb } from '@northstar/sandbox';
import { loadSqlTemplate, postgresDialect, renderSql, renderStatements, type SqlTemplate } from '@northstar/sql';
import { CopyOutStream } from './copy-out-stream';
import { ADMIN_URL, terminateSessions } from './testing';

const testingSql = (name: string) => loadSqlTemplate(path.join(__dirname, '../sql/testing', `${name}.sql`));

async function connect(applicationName = 'northstar-test-copy-out', url = ADMIN_URL): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: applicationName });
  await client.connect();
  return client;
}

async function runAll(client: Client, template: SqlTemplate): Promise<void> {
  for (const statement of renderStatements(template, postgresDialect)) await client.query(statement.sql, statement.binds as unknown[]);
}

/** The COPY's bytes, read as `pauseEvery` chunks then a turn of the event loop (a reader that falls behind). */
async function copyText(client: Client, template: SqlTemplate, pauseEvery = 0): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of client.query(new CopyOutStream(renderSql(template, postgresDialect).sql, { highWaterMark: 16_384 })) as AsyncIterable<Buffer>) {
    chunks.push(Buffer.from(chunk));
    if (pauseEvery > 0 && chunks.length % pauseEvery === 0) await nextTurn();
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );
}

/** The sample, read by COPY (at full speed, then by a reader that falls behind), equals the rows a plain query returns. */
async function expectSampleCopied(client: Client): Promise<void> {
  await runAll(client, testingSql('copy_out_sample_table'));
  const expected = (await client.query(renderSql(testingSql('copy_out_sample_rows'), postgresDialect).sql)).rows.map((row: Record<string, string | null>) => [row['n'], row['text_value'], row['maybe_empty'], row['long_value']]);
  expect(expected).toHaveLength(3000);
  for (const pauseEvery of [0, 1]) {
    const text = await copyText(client, testingSql('copy_out_sample_copy'), pauseEvery);
    // csv-parse reads an unquoted empty field as '' too: NULL is told apart by the quotes PostgreSQL puts round an empty string.
    const records = parse(text, { cast: (value, context) => (value === '' && !context.quoting ? null : value) }) as (string | null)[][];
    expect(records).toEqual(expected);
  }
  // The connection is back with pg, in the state the COPY left it.
  expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
}

describe('CopyOutStream on PostgreSQL', () => {
  let client: Client;

  beforeEach(async () => {
    client = await connect();
  });

  afterEach(async () => {
    await client.end().catch(() => undefined);
  });

  it('streams every field as the server holds it: quotes, newlines, NULL beside "", multi-byte text, a 300 KB field', async () => {
    await expectSampleCopied(client);
  });

  it('reads the embedded PGlite server the demo runs on the same way', async () => {
    const server = await startEmbeddedOrdersDb({ port: 0 });
    const embedded = await connect('northstar-test-copy-out', server.url);
    try {
      await expectSampleCopied(embedded);
    } finally {
      await embedded.end();
      await server.stop();
    }
  }, 60_000);

  it('fails with the server\'s own error when the COPY breaks off midway, and leaves the connection usable', async () => {
    let rows = 0;
    const failure = await failureOf(
      (async () => {
        for await (const chunk of client.query(new CopyOutStream(renderSql(testingSql('copy_out_failing_copy'), postgresDialect).sql)) as AsyncIterable<Buffer>) {
          for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows++;
        }
      })(),
    );
    expect(failure.message).toBe('division by zero');
    expect(failure.code).toBe('22012');
    expect(rows).toBeLessThan(2000);
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('passes over the NOTICEs the server sends between rows', async () => {
    const statements = renderStatements(testingSql('copy_out_noisy_copy'), postgresDialect);
    await client.query(statements[0].sql);
    const text = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      client.query(new CopyOutStream(statements[1].sql)).on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks).toString())).on('error', reject);
    });
    expect(text).toBe(Array.from({ length: 200 }, (_, i) => `${i + 1}\n`).join(''));
  });

  it('fails, instead of waiting for ever, when the server ends the session during the COPY', async () => {
    const applicationName = 'northstar-test-copy-terminated';
    const victim = await connect(applicationName);
    const admin = await connect();
    try {
      let received = 0;
      const failure = await failureOf(
        (async () => {
          for await (const chunk of victim.query(new CopyOutStream(renderSql(testingSql('copy_out_many_rows_copy'), postgresDialect).sql)) as AsyncIterable<Buffer>) {
            received += chunk.length;
            if (received > 1_000_000 && received - chunk.length <= 1_000_000) {
              await terminateSessions(admin, applicationName);
            }
          }
        })(),
      );
      expect(failure.message).toMatch(/terminat/i);
      expect(received).toBeGreaterThan(1_000_000);
    } finally {
      victim.on('error', () => undefined);
      await victim.end().catch(() => undefined);
      await admin.end();
    }
  }, 30_000);

  it('refuses to end when the rows received are not the rows the server counted', () => {
    const stream = new CopyOutStream('copy (select 1) to stdout');
    const failure = new Promise<Error>((resolve) => stream.on('error', resolve));
    stream.handleCommandComplete({ text: 'COPY 5' });
    return expect(failure).resolves.toThrow('the server sent COPY 5 but 0 rows arrived');
  });
});
