import { startS3rver, type S3rverHandle } from '@northstar/object-store/testing';
import { FaultProxy } from './fault-proxy';

/** An s3:// raw zone on loopback: s3rver behind the fault proxy, and the variables that point the apps at it. */
export interface S3RawZone {
  readonly proxy: FaultProxy;
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startS3RawZone(): Promise<S3RawZone> {
  const s3: S3rverHandle = await startS3rver('rawzone');
  let proxy: FaultProxy;
  try {
    proxy = await FaultProxy.start(s3.endpoint);
  } catch (error) {
    await s3.stop();
    throw error;
  }
  return {
    proxy,
    env: {
      NORTHSTAR_RAW_URL: `s3://${s3.bucket}/raw`,
      NORTHSTAR_S3_ENDPOINT: proxy.url,
      AWS_REGION: s3.region,
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    },
    async stop() {
      await proxy.stop();
      await s3.stop();
    },
  };
}

/** Runs `work` with an S3 raw zone, stopping it however `work` ends. */
export async function withS3RawZone<T>(work: (zone: S3RawZone) => Promise<T>): Promise<T> {
  const zone = await startS3RawZone();
  try {
    return await work(zone);
  } finally {
    await zone.stop();
  }
}
