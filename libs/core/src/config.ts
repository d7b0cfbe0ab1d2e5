import * as path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors';

export const environments = ['local', 'dev', 'staging', 'prod'] as const;
export type NorthstarEnv = (typeof environments)[number];

const minutes = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/**
 * Every environment variable the project reads, in one place. Defaults make
 * `local` work with nothing set; cloud environments must name their resources.
 */
const envSchema = z.object({
  NORTHSTAR_ENV: z.enum(environments).default('local'),
  NORTHSTAR_HOME: z.string().min(1).default('.northstar'),
  NORTHSTAR_RAW_URL: z.string().regex(/^(s3|file):\/\//, 'a URL starting s3:// or file://').optional(),
  NORTHSTAR_S3_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  NORTHSTAR_WAREHOUSE: z.enum(['duckdb', 'snowflake']).optional(),
  NORTHSTAR_DUCKDB_PATH: z.string().optional(),
  SNOWFLAKE_ACCOUNT: z.string().optional(),
  SNOWFLAKE_USER: z.string().optional(),
  SNOWFLAKE_PRIVATE_KEY_PATH: z.string().optional(),
  SNOWFLAKE_PASSWORD: z.string().optional(),
  SNOWFLAKE_ROLE: z.string().optional(),
  SNOWFLAKE_WAREHOUSE: z.string().optional(),
  SNOWFLAKE_DATABASE: z.string().optional(),
  SNOWFLAKE_RAW_STAGE: z.string().default('raw_zone'),
  ORDERS_DB_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  NORTHSTAR_MASK_KEY: z.string().min(16, 'at least 16 characters').optional(),
  NORTHSTAR_LOOKBACK_MINUTES: minutes(60),
  NORTHSTAR_SAFETY_LAG_SECONDS: minutes(60),
  NORTHSTAR_INITIAL_START: z.iso.datetime({ offset: true }).default('2024-01-01T00:00:00Z'),
  NORTHSTAR_ROWS_PER_PART: z.coerce.number().int().positive().default(1_000_000),
  NORTHSTAR_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  NORTHSTAR_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
});

export type NorthstarEnvVars = z.infer<typeof envSchema>;

export interface SnowflakeConfig {
  readonly account: string;
  readonly username: string;
  readonly privateKeyPath?: string;
  readonly password?: string;
  readonly role?: string;
  readonly warehouse: string;
  readonly database: string;
  readonly rawStage: string;
}

export interface NorthstarConfig {
  readonly env: NorthstarEnv;
  readonly home: string;
  readonly rawUrl: string;
  readonly s3Endpoint?: string;
  readonly awsRegion: string;
  readonly warehouse: { readonly kind: 'duckdb'; readonly path: string } | ({ readonly kind: 'snowflake' } & SnowflakeConfig);
  readonly ordersDbUrl: string;
  /** Undefined in prod, where PII is not masked by the extractors. */
  readonly maskKey?: string;
  readonly lookbackMs: number;
  readonly safetyLagMs: number;
  readonly initialStart: Date;
  readonly rowsPerPart: number;
  readonly log: { readonly level: string; readonly format: 'json' | 'pretty' };
}

/** Local sandbox orders DB: the port `npm run sandbox` and the demo serve PGlite on. */
export const LOCAL_ORDERS_DB_URL = 'postgres://postgres@127.0.0.1:55432/postgres';
const LOCAL_MASK_KEY = 'northstar-local-mask-key-not-secret';

export function loadConfig(env: Record<string, string | undefined> = process.env, isTty = Boolean(process.stdout.isTTY)): NorthstarConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: expected ${issue.message}, got ${JSON.stringify(env[String(issue.path[0])])}`);
    throw new ConfigError(`invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const v = parsed.data;
  const home = path.resolve(v.NORTHSTAR_HOME);
  const local = v.NORTHSTAR_ENV === 'local';
  const require = (name: keyof NorthstarEnvVars): string => {
    const value = v[name];
    if (value === undefined || value === '') throw new ConfigError(`${name} is required when NORTHSTAR_ENV=${v.NORTHSTAR_ENV}`);
    return String(value);
  };
  return {
    env: v.NORTHSTAR_ENV,
    home,
    rawUrl: v.NORTHSTAR_RAW_URL ?? (local ? `file://${path.join(home, 'raw')}` : require('NORTHSTAR_RAW_URL')),
    s3Endpoint: v.NORTHSTAR_S3_ENDPOINT,
    awsRegion: v.AWS_REGION,
    warehouse: warehouseConfig(v, home, require),
    ordersDbUrl: v.ORDERS_DB_URL ?? (local ? LOCAL_ORDERS_DB_URL : require('ORDERS_DB_URL')),
    maskKey: v.NORTHSTAR_ENV === 'prod' ? undefined : (v.NORTHSTAR_MASK_KEY ?? (local ? LOCAL_MASK_KEY : require('NORTHSTAR_MASK_KEY'))),
    lookbackMs: v.NORTHSTAR_LOOKBACK_MINUTES * 60_000,
    safetyLagMs: v.NORTHSTAR_SAFETY_LAG_SECONDS * 1000,
    initialStart: new Date(v.NORTHSTAR_INITIAL_START),
    rowsPerPart: v.NORTHSTAR_ROWS_PER_PART,
    log: { level: v.NORTHSTAR_LOG_LEVEL, format: v.NORTHSTAR_LOG_FORMAT ?? (isTty ? 'pretty' : 'json') },
  };
}

function warehouseConfig(v: NorthstarEnvVars, home: string, require: (name: keyof NorthstarEnvVars) => string): NorthstarConfig['warehouse'] {
  const kind = v.NORTHSTAR_WAREHOUSE ?? (v.NORTHSTAR_ENV === 'local' ? 'duckdb' : 'snowflake');
  if (kind === 'duckdb') return { kind, path: path.resolve(v.NORTHSTAR_DUCKDB_PATH ?? path.join(home, 'warehouse.duckdb')) };
  if (!v.SNOWFLAKE_PRIVATE_KEY_PATH && !v.SNOWFLAKE_PASSWORD) {
    throw new ConfigError('SNOWFLAKE_PRIVATE_KEY_PATH (preferred) or SNOWFLAKE_PASSWORD is required when NORTHSTAR_WAREHOUSE=snowflake');
  }
  return {
    kind,
    account: require('SNOWFLAKE_ACCOUNT'),
    username: require('SNOWFLAKE_USER'),
    privateKeyPath: v.SNOWFLAKE_PRIVATE_KEY_PATH,
    password: v.SNOWFLAKE_PASSWORD,
    role: v.SNOWFLAKE_ROLE,
    warehouse: require('SNOWFLAKE_WAREHOUSE'),
    database: require('SNOWFLAKE_DATABASE'),
    rawStage: v.SNOWFLAKE_RAW_STAGE,
  };
}
