import { CsvRecordTokenizer, type CsvRow } from './csv-record-tokenizer';

const TRICKY = 'id,note,\r\n1,plain,\n2,"two\r\nlines",\r3,"say ""hi""" ,,\n\n,,\n4, padded ,\r\n5,37°36\'37.8"N,"\r"\r\n6,"a,b",x';

function tokenize(chunks: string[], delimiter = ',', quote = '"'): CsvRow[] {
  const tokenizer = new CsvRecordTokenizer('k.csv', delimiter, quote);
  return [...chunks.flatMap((chunk) => tokenizer.push(chunk)), ...tokenizer.end()];
}

describe('CsvRecordTokenizer', () => {
  it('reads records with the line each starts on: mixed line ends, quoted delimiters, quotes and line breaks, a quote in an unquoted field, blank records skipped', () => {
    expect(tokenize([TRICKY])).toEqual([
      { line: 1, fields: ['id', 'note', ''] },
      { line: 2, fields: ['1', 'plain', ''] },
      { line: 3, fields: ['2', 'two\r\nlines', ''] },
      { line: 5, fields: ['3', 'say "hi"', '', ''] },
      { line: 8, fields: ['4', 'padded', ''] },
      { line: 9, fields: ['5', '37°36\'37.8"N', ''] },
      { line: 11, fields: ['6', 'a,b', 'x'] },
    ]);
  });

  it('gives the same records wherever the text is cut into chunks (inside a CRLF, a quoted field, a doubled quote)', () => {
    const whole = tokenize([TRICKY]);
    for (let cut = 1; cut < TRICKY.length; cut++) {
      expect([cut, tokenize([TRICKY.slice(0, cut), TRICKY.slice(cut)])]).toEqual([cut, whole]);
    }
    expect(tokenize(TRICKY.split(''))).toEqual(whole);
  });

  it('reads other delimiters and quotes, a tab delimiter not taken for padding', () => {
    expect(tokenize(["a\t'b\tc'\t d \n"], '\t', "'")).toEqual([{ line: 1, fields: ['a', 'b\tc', 'd'] }]);
    expect(tokenize(['a;"b;c"\r'], ';')).toEqual([{ line: 1, fields: ['a', 'b;c'] }]);
  });

  it('refuses text after a closing quote and a quote never closed, naming the line', () => {
    expect(() => tokenize(['id\n"a"b\n'])).toThrow('k.csv: not readable as CSV: text after a closing quote at line 2');
    expect(() => tokenize(['id\n1,"open\n\n'])).toThrow('k.csv: not readable as CSV: a quoted field opened at line 2 is not closed');
  });
});
