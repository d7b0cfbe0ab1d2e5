import { PARTNER_FILES_MAX_ROWS_PER_PART, partnerFilesRowsPerPart } from './rows-per-part';

describe('partnerFilesRowsPerPart', () => {
  it('caps the configured part size, and keeps a smaller one', () => {
    expect(partnerFilesRowsPerPart(250_000)).toBe(PARTNER_FILES_MAX_ROWS_PER_PART);
    expect(partnerFilesRowsPerPart(10_000)).toBe(10_000);
  });
});
