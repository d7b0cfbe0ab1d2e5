import { csvReadBuffer } from './csv-read-buffer';

const MIB = 1024 * 1024;

describe('csvReadBuffer', () => {
  it('reads parts of ordinary records with a 4 MB buffer and DuckDB\'s 2 MB line limit', () => {
    expect(csvReadBuffer(300)).toEqual({ bufferSize: 4 * MIB, maxLineSize: 2 * MIB });
    expect(csvReadBuffer(2 * MIB - 1)).toEqual({ bufferSize: 4 * MIB, maxLineSize: 2 * MIB });
  });

  it('grows both limits past the longest record, so one that long still reads', () => {
    expect(csvReadBuffer(2 * MIB)).toEqual({ bufferSize: 4 * MIB, maxLineSize: 3 * MIB });
    const forty = csvReadBuffer(40_000_000);
    expect(forty.maxLineSize).toBeGreaterThan(40_000_000);
    expect(forty.bufferSize).toBeGreaterThan(forty.maxLineSize);
    expect(forty.bufferSize).toBeLessThan(45 * MIB);
  });

  it('keeps DuckDB\'s defaults for a part whose records were not measured', () => {
    expect(csvReadBuffer(undefined)).toEqual({ bufferSize: 32 * MIB, maxLineSize: 2 * MIB });
  });
});
