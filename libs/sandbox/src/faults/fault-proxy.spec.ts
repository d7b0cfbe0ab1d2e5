import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultProxy } from './fault-proxy';

async function get(url: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('FaultProxy', () => {
  let target: http.Server;
  let proxy: FaultProxy;

  beforeAll(async () => {
    target = http.createServer((req, res) => res.end(`ok ${req.method} ${req.url}`));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', () => resolve()));
    proxy = await FaultProxy.start(`http://127.0.0.1:${(target.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    await proxy.stop();
    await new Promise((resolve) => target.close(resolve));
  });

  it('forwards what it is not told to break', async () => {
    proxy.set({});
    expect(await get(`${proxy.url}/bucket/key`)).toEqual({ status: 200, body: 'ok GET /bucket/key' });
  });

  it('answers every n-th request 503 SlowDown without forwarding it', async () => {
    proxy.set({ fail503Every: 2 });
    const before = proxy.stats().failed503;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await get(`${proxy.url}/k${i}`)).status);
    expect(answers.filter((s) => s === 503)).toHaveLength(2);
    expect(answers.filter((s) => s === 200)).toHaveLength(2);
    expect(proxy.stats().failed503 - before).toBe(2);
  });

  it('holds a matching request until released, and says so', async () => {
    proxy.set({ stall: (method) => method === 'PUT' });
    const stalled = new Promise<string>((resolve) => proxy.once('stalled', (_m: string, url: string) => resolve(url)));
    const answer = get(`${proxy.url}/part.parquet`, 'PUT');
    expect(await stalled).toBe('/part.parquet');
    proxy.releaseStalled();
    expect(await answer).toEqual({ status: 200, body: 'ok PUT /part.parquet' });
  });

  it('refuses a target that is not on loopback', async () => {
    await expect(FaultProxy.start('http://example.com:80')).rejects.toThrow(/loopback only/);
  });
});
