import { checkedPartnerFormats, partnerFormatNamed, partnerFormats } from './partner-files-partners';

describe('partner formats', () => {
  it('holds the configured partners, each mapping every contract column it must', () => {
    expect(checkedPartnerFormats(partnerFormats)).toEqual(partnerFormats);
    expect(partnerFormats.map((p) => p.name)).toEqual(['northfreight', 'parcelwave']);
    expect(partnerFormatNamed('parcelwave')).toMatchObject({ delimiter: ';', encoding: 'windows-1252', decimalComma: true, skipRows: 1 });
    expect(() => partnerFormatNamed('nobody')).toThrow('no partner "nobody" configured: configured partners are northfreight, parcelwave');
  });

  it('names the partner and the field of every bad entry', () => {
    const good = partnerFormats[0];
    const bad = [
      { ...good, name: 'acme', delimiter: ';;' },
      { ...good, name: 'globex', columns: { ...good.columns, status: undefined }, maxRowErrors: -1 },
      { ...good, name: 'initech', decimalComma: true, thousandsSeparator: ',' },
    ];
    const error = (() => {
      try {
        checkedPartnerFormats(bad);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toContain('partner acme, field delimiter: delimiter must be one character');
    expect(error).toContain('partner globex, field columns.status:');
    expect(error).toContain('partner globex, field maxRowErrors:');
    expect(error).toContain('partner initech, field thousandsSeparator: thousandsSeparator cannot be "," with decimalComma');
    expect(() => checkedPartnerFormats([good, good])).toThrow('partner northfreight is declared twice');
    expect(() => checkedPartnerFormats([{ ...good, dateFormat: 'MM/yy' }])).toThrow('partner northfreight, field dateFormat: must be "iso" or a pattern');
  });
});
