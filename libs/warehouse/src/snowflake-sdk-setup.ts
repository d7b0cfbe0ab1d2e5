import * as os from 'node:os';
import * as path from 'node:path';
import type * as SnowflakeSdk from 'snowflake-sdk';

let sdk: typeof SnowflakeSdk | undefined;

/**
 * Loads snowflake-sdk on first use, not at import: on load the SDK probes
 * cloud metadata endpoints for telemetry ("platform detection"), which a
 * DuckDB-only run must never do, and which a Batch job gains nothing from.
 * The SDK also logs to stdout and ./snowflake.log by default; our logs are
 * JSON lines that CloudWatch parses, so it keeps only errors, in a temp file.
 */
export function loadSnowflakeSdk(): typeof SnowflakeSdk {
  if (sdk) return sdk;
  process.env['SNOWFLAKE_DISABLE_PLATFORM_DETECTION'] ??= 'true';
  sdk = require('snowflake-sdk') as typeof SnowflakeSdk;
  sdk.configure({ logLevel: 'ERROR', logFilePath: path.join(os.tmpdir(), 'northstar-snowflake-sdk.log'), additionalLogToConsole: false });
  return sdk;
}
