// `npm run sandbox -- serve|seed`: the synthetic orders DB for local runs.
//   serve: PGlite on a loopback port, seeded unless --data-dir already holds data, until Ctrl-C;
//          beside it the Stripe API sandbox (127.0.0.1:55433), its payments agreeing with those orders,
//          and the Zendesk API sandbox (127.0.0.1:55434), its tickets about those orders.
//   seed:  (re)creates and seeds the tables on a real PostgreSQL server.
//   partner-drops: the partners' shipment-status CSVs of the orders in a DB for a window, written
//          into the raw zone's bucket (NORTHSTAR_RAW_URL) under partners/, with faults on demand.
import { Command, Option } from 'commander';
import { ConfigError, createLogger, LOCAL_ZENDESK, loadConfig, type Logger, parseInstant, runMain } from '@northstar/core';
import { openObjectStore } from '@northstar/object-store';
import { partnerDropFaults, type PartnerDropFault, writePartnerDrops } from '@northstar/sandbox';
import { DEFAULT_SANDBOX_START, OrdersDbSandbox, type SandboxOptions, SourceApiSandboxes, startEmbeddedOrdersDb } from '@northstar/sandbox';

interface SandboxFlags {
  readonly scale: number;
  readonly seed: number;
  readonly start: string;
}

void runMain('sandbox', async (setLogger) => {
  const logger = createLogger({ ...loadConfig().log, bindings: { app: 'sandbox' } });
  setLogger(logger);
  const program = new Command('sandbox').exitOverride().configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program
    .command('serve')
    .description('serve the orders DB (PGlite) until interrupted')
    .option('--port <n>', 'TCP port', integer('--port'), 55432)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--data-dir <dir>', 'persist the database here (default: in memory)')
    .option('--stripe-port <n>', 'TCP port of the Stripe API sandbox (STRIPE_API_BASE)', integer('--stripe-port'), 55433)
    .option('--zendesk-port <n>', 'TCP port of the Zendesk API sandbox (ZENDESK_URL)', integer('--zendesk-port'), Number(new URL(LOCAL_ZENDESK.url).port))
    .addOption(scaleOption()).addOption(seedOption()).addOption(startOption())
    .action((flags: ServeFlags) => serve(flags, logger));
  program
    .command('seed')
    .description('create and seed the orders DB tables on a PostgreSQL server')
    .requiredOption('--url <url>', 'postgres://user@host:port/database')
    .addOption(scaleOption()).addOption(seedOption()).addOption(startOption())
    .action((flags: SandboxFlags & { url: string }) => seedServer(flags.url, sandboxOptions(flags), logger, true));
  program
    .command('partner-drops')
    .description('write the partners\' CSV drops of a window of shipment statuses into the raw zone')
    .requiredOption('--url <url>', 'the orders DB whose shipped orders the drops report')
    .requiredOption('--from <iso>', 'window start')
    .requiredOption('--to <iso>', 'window end (the drop is named for its last hour)')
    .option('--faults <list>', `comma-separated: ${partnerDropFaults.join(', ')}`, '')
    .addOption(scaleOption()).addOption(seedOption()).addOption(startOption())
    .action((flags: SandboxFlags & { url: string; from: string; to: string; faults: string }) => dropPartnerFiles(flags, logger));
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof Error && 'exitCode' in error && error.exitCode === 0) return; // --help
    if (error instanceof Error && error.name === 'CommanderError') throw new ConfigError(error.message.replace(/^error: /, ''));
    throw error;
  }
});

type ServeFlags = SandboxFlags & { port: number; host: string; dataDir?: string; stripePort: number; zendeskPort: number };

async function serve(flags: ServeFlags, logger: Logger): Promise<void> {
  const db = await startEmbeddedOrdersDb({ port: flags.port, host: flags.host, dataDir: flags.dataDir });
  let orders: OrdersDbSandbox | undefined;
  let apis: SourceApiSandboxes | undefined;
  try {
    await seedServer(db.url, sandboxOptions(flags), logger, false);
    const options = sandboxOptions(flags);
    orders = await OrdersDbSandbox.connect(db.url, options);
    apis = await SourceApiSandboxes.start(orders, { seed: flags.seed, stripePort: flags.stripePort, zendeskPort: flags.zendeskPort });
    logger.info(await apis.syncTo(options.start), 'Stripe and Zendesk sandboxes fed from the orders DB');
    const { STRIPE_API_BASE, ZENDESK_URL } = apis.env();
    logger.info({ url: db.url, dataDir: flags.dataDir ?? 'in memory', stripeApiBase: STRIPE_API_BASE, zendeskUrl: ZENDESK_URL }, 'orders DB, Stripe and Zendesk sandboxes serving; Ctrl-C to stop');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  } finally {
    await apis?.close();
    await orders?.close();
    await db.stop();
  }
}

async function dropPartnerFiles(flags: SandboxFlags & { url: string; from: string; to: string; faults: string }, logger: Logger): Promise<void> {
  const faults = flags.faults.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = faults.filter((f) => !(partnerDropFaults as readonly string[]).includes(f));
  if (unknown.length) throw new ConfigError(`--faults: unknown ${unknown.join(', ')}; expected some of ${partnerDropFaults.join(', ')}`);
  const config = loadConfig();
  const sandbox = await OrdersDbSandbox.connect(flags.url, sandboxOptions(flags));
  try {
    const window = { start: parseInstant(flags.from, '--from'), end: parseInstant(flags.to, '--to') };
    const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
    const drops = await writePartnerDrops(store, { seed: flags.seed, orders: await sandbox.orderPlans(), window, faults: faults as PartnerDropFault[] });
    logger.info({ raw: config.rawUrl, drops }, 'partner files dropped');
  } finally {
    await sandbox.close();
  }
}

/** Seeds the server; `force` recreates the tables even when they already hold data. */
async function seedServer(url: string, options: SandboxOptions, logger: Logger, force: boolean): Promise<void> {
  const sandbox = await OrdersDbSandbox.connect(url, options);
  try {
    if (!force && (await sandbox.isSeeded())) {
      logger.info(await sandbox.counts(), 'orders DB already seeded; leaving it as it is');
      return;
    }
    await sandbox.createSchema();
    logger.info({ ...(await sandbox.seed()), ...options }, 'orders DB seeded');
  } finally {
    await sandbox.close();
  }
}

function sandboxOptions(flags: SandboxFlags): SandboxOptions {
  return { scale: flags.scale, seed: flags.seed, start: parseInstant(flags.start, '--start') };
}

function scaleOption(): Option {
  return new Option('--scale <x>', 'size: 1 = 120k orders, 15k customers').argParser(decimal('--scale')).default(0.02);
}

function seedOption(): Option {
  return new Option('--seed <n>', 'PRNG seed; same seed and scale give the same data').argParser(integer('--seed')).default(42);
}

function startOption(): Option {
  return new Option('--start <iso>', 'the sandbox epoch: seeded history ends here').default(DEFAULT_SANDBOX_START);
}

function integer(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new ConfigError(`${flag}: expected a whole number, got "${value}"`);
    return Number(value);
  };
}

function decimal(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new ConfigError(`${flag}: expected a number, got "${value}"`);
    return n;
  };
}
