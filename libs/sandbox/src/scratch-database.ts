import { Client } from 'pg';
import { OrdersDbStatements } from './orders-db-statements';

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database on a real PostgreSQL server, for one spec file. The name
 * comes from the caller (make it unique: pid plus a random suffix) so parallel
 * test workers never share one. Fails, rather than skips, when the server is down.
 */
export async function createScratchDatabase(adminUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`scratch database name must be a lower-case identifier, got "${name}"`);
  await onAdmin(adminUrl, (s) => s.run('create_database', { idents: { database: name } }));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onAdmin(adminUrl, (s) => s.run('drop_database', { idents: { database: name } })),
  };
}

async function onAdmin(adminUrl: string, work: (statements: OrdersDbStatements) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(new OrdersDbStatements(client));
  } finally {
    await client.end();
  }
}
