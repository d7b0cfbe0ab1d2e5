import { createHash } from 'node:crypto';
import { maskKeyPads, maskValue } from './mask-value';

describe('maskValue', () => {
  it('is the lowercase hex HMAC-SHA256 of the value under the key, over UTF-8', () => {
    // RFC 4231 test case 2
    expect(maskValue('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    // echo -n 'Zoë' | openssl dgst -sha256 -hmac k: multi-byte characters hash as UTF-8
    expect(maskValue('k', 'Zoë')).toBe('de3aa8ebc2a53ed413626658c780f421a0fcf25adea576fa855bde816a00409b');
    expect(maskValue('k', 'Zoë')).not.toBe(createHash('sha256').update('kZoë').digest('hex'));
  });

  it('keeps NULL and distinguishes the empty string and the key', () => {
    expect(maskValue('k', null)).toBeNull();
    expect(maskValue('k', '')).not.toBe(maskValue('', 'k'));
    expect(maskValue('k', '')).not.toBe(maskValue('k2', ''));
  });

  it('gives pads from which plain SHA-256 computes the same HMAC, for short and over-long keys', () => {
    for (const key of ['k', 'northstar-local-mask-key-not-secret', 'x'.repeat(200)]) {
      const { inner, outer } = maskKeyPads(key);
      const innerHash = createHash('sha256').update(Buffer.concat([Buffer.from(inner, 'hex'), Buffer.from('Zoë', 'utf8')])).digest();
      const hmac = createHash('sha256').update(Buffer.concat([Buffer.from(outer, 'hex'), innerHash])).digest('hex');
      expect(hmac).toBe(maskValue(key, 'Zoë'));
    }
  });
});
