// Runs PGlite and its socket server on a worker thread. PGlite's CommonJS
// build loads Node built-ins with dynamic import(), which Jest's module
// sandbox refuses; a worker runs outside that sandbox, and keeps the
// WebAssembly database's CPU work off the caller's event loop.
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync } = require('node:fs');
const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

async function main() {
  const { host, port, dataDir, maxConnections } = workerData;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new PGLiteSocketServer({ db, host, port, maxConnections });
  await server.start();
  parentPort.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.stop();
    await db.close();
    parentPort.postMessage({ type: 'stopped' });
    parentPort.close();
  });
  parentPort.postMessage({ type: 'listening', port: Number(server.getServerConn().split(':').pop()) });
}

main().catch((error) => parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
