import { randomBytes } from 'node:crypto';
import { describeOrdersDbSandbox } from './orders-db-sandbox.suite';
import { createScratchDatabase } from './scratch-database';

// The real server: these tests fail, never skip, when it is down.
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

describeOrdersDbSandbox('PostgreSQL', async () => {
  const db = await createScratchDatabase(ADMIN_URL, `sandbox_spec_${process.pid}_${randomBytes(4).toString('hex')}`);
  return { url: db.url, stop: () => db.drop() };
});
