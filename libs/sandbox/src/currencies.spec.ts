import { centsToMinorUnits, formatCents, roundCents } from './currencies';

describe('currencies', () => {
  it('scales cents to Stripe minor units by the currency exponent', () => {
    expect(centsToMinorUnits(123_456, 'USD')).toBe(123_456);
    expect(centsToMinorUnits(123_400, 'JPY')).toBe(1_234);
    expect(centsToMinorUnits(1_235, 'KWD')).toBe(12_350);
  });

  it('rounds JPY to whole yen and other currencies to cents', () => {
    expect(roundCents(60_249.7, 'JPY')).toBe(60_200);
    expect(roundCents(60_249.7, 'EUR')).toBe(60_250);
  });

  it('formats cents as exact numeric text', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(123_456_789)).toBe('1234567.89');
    expect(formatCents(-1_050)).toBe('-10.50');
    expect(() => formatCents(1.5)).toThrow(/whole cents/);
  });
});
