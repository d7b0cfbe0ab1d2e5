import { zendeskRowsPerPart } from './rows-per-part';

describe('zendeskRowsPerPart', () => {
  it('caps the shared default part size (250k rows) at ten export pages', () => {
    expect(zendeskRowsPerPart(250_000)).toBe(10_000);
  });

  it('keeps a smaller configured part size', () => {
    expect(zendeskRowsPerPart(1_000)).toBe(1_000);
  });
});
