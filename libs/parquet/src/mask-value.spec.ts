import { maskValue } from './mask-value';

describe('maskValue', () => {
  it('is the lowercase hex SHA-256 of key || value over UTF-8', () => {
    // echo -n 'secretx' | sha256sum
    expect(maskValue('secret', 'x')).toBe('c0f1aff88a25a3f340dc78de8b991a0ddef9d632527fdc9a3689c407580d8052');
    // echo -n 'kZoë' | sha256sum: multi-byte characters hash as UTF-8
    expect(maskValue('k', 'Zoë')).toBe('fc77b5d0b2ca29350b041879bbdb6707db7fa2923acbe452cdd882f426c77594');
  });

  it('keeps NULL and distinguishes the empty string', () => {
    expect(maskValue('k', null)).toBeNull();
    expect(maskValue('k', '')).toBe(maskValue('', 'k'));
    expect(maskValue('k', '')).not.toBe(maskValue('k2', ''));
  });
});
