// Runs s3rver in its own process for tests. It needs Node's OpenSSL legacy
// provider (s3rver signs list continuation tokens with DES), which can only be
// enabled at process start: `node --openssl-legacy-provider s3rver-process.cjs <dir> <bucket>`.
// Prints {"port":N} once listening; exits when its parent closes stdin.
'use strict';
const S3rver = require('s3rver');

async function main() {
  const [directory, bucket] = process.argv.slice(2);
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  const stop = () => server.close().finally(() => process.exit(0));
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
