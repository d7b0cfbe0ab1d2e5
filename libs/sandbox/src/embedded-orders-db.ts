import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedOrdersDbOptions {
  /** 0 (the default) lets the OS pick a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Persist the database in this directory; in memory when absent. */
  readonly dataDir?: string;
}

export interface EmbeddedOrdersDb {
  /** postgres://postgres@host:port/postgres, for pg, pg-cursor and the extractors, unchanged. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Enough for an extractor's pool, the sandbox and a late commit at once. */
const MAX_CONNECTIONS = 32;
const WORKER = path.join(__dirname, 'embedded-orders-db-worker.cjs');
const STOP_GRACE_MS = 15_000;

type WorkerMessage = { type: 'listening'; port: number } | { type: 'stopped' } | { type: 'failed'; message: string };

/**
 * PostgreSQL (PGlite, compiled to WebAssembly) served on a TCP port, so local
 * runs and tests need no database install. It runs on a worker thread (see
 * the worker for why). One backend session serves every connection in turn;
 * see late-commit.ts for what that changes.
 */
export async function startEmbeddedOrdersDb(options: EmbeddedOrdersDbOptions = {}): Promise<EmbeddedOrdersDb> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const worker = new Worker(WORKER, { workerData: { host, port: options.port ?? 0, dataDir, maxConnections: MAX_CONNECTIONS } });
  const port = await listeningPort(worker);
  worker.removeAllListeners();
  // A crash after start surfaces at stop(); the connections will have failed already.
  let crash: unknown;
  worker.on('error', (error) => (crash = error));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    worker.postMessage('stop');
    // A clean stop takes well under a second; never let a wedged database keep the process alive.
    const deadline = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    await exited;
    clearTimeout(deadline);
    if (crash) throw crash;
  };
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    stop: () => (stopped ??= stop()),
  };
}

async function listeningPort(worker: Worker): Promise<number> {
  try {
    return await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`embedded orders DB exited before listening (code ${code})`)));
      worker.once('message', (message: WorkerMessage) => {
        if (message.type === 'listening') resolve(message.port);
        else reject(new Error(`embedded orders DB failed to start: ${message.type === 'failed' ? message.message : message.type}`));
      });
    });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}
