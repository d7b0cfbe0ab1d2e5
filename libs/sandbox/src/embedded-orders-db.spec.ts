import { Client } from 'pg';
import Cursor from 'pg-cursor';
import { startEmbeddedOrdersDb } from './embedded-orders-db';
import { describeOrdersDbSandbox } from './orders-db-sandbox.suite';

describeOrdersDbSandbox('embedded PGlite', () => startEmbeddedOrdersDb());

describe('startEmbeddedOrdersDb', () => {
  it('serves pg and pg-cursor unchanged, several connections at once', async () => {
    const server = await startEmbeddedOrdersDb({ port: 0 });
    const [a, b] = [new Client({ connectionString: server.url }), new Client({ connectionString: server.url })];
    try {
      await a.connect();
      await b.connect();
      await a.query('create table t (n bigint, at timestamptz(6))');
      await a.query('insert into t select g, $1::timestamptz from generate_series(1, 25) g', ['2024-07-01T00:00:00.123456Z']);
      const cursor = b.query(new Cursor('select n, at::text as at from t order by n'));
      const firstPage = await cursor.read(10);
      const rest = await cursor.read(100);
      await cursor.close();
      expect(firstPage.map((r) => Number(r.n))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(rest).toHaveLength(15);
      expect(firstPage[0].at).toBe('2024-07-01 00:00:00.123456+00');
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
    } finally {
      await a.end();
      await b.end();
      await server.stop();
    }
  }, 60_000);
});
