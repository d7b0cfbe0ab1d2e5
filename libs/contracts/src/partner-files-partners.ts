import { z } from 'zod';

/** Text encodings a partner may send; a byte-order mark in the file overrides the configured one. */
export const partnerEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1'] as const;

/** The shipments contract columns a partner's header maps onto; partner, file_name and file_line come from the drop itself. */
export const partnerMappedColumns = ['shipment_id', 'order_id', 'carrier', 'tracking_number', 'status', 'status_at', 'ship_to_postcode', 'weight_kg'] as const;
export type PartnerMappedColumn = (typeof partnerMappedColumns)[number];

const singleChar = (what: string) => z.string().refine((s) => s.length === 1, { message: `${what} must be one character` });

/**
 * `yyyy-MM-dd'T'HH:mm:ss` style tokens (yyyy MM dd HH mm ss, optional .SSS
 * fractions), or `iso` for ISO-8601 with an offset. Local times are read in
 * the partner's `utcOffset`.
 */
const dateFormat = z.string().refine((f) => f === 'iso' || (f.includes('yyyy') && f.includes('MM') && f.includes('dd')), {
  message: 'must be "iso" or a pattern holding yyyy, MM and dd (HH, mm, ss, SSS optional)',
});

const partnerFormatSchema = z.object({
  /** The partner's code: the folder under partners/ and the `partner` column. */
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower case letters, digits and _'),
  delimiter: singleChar('delimiter'),
  quote: singleChar('quote'),
  encoding: z.enum(partnerEncodings),
  /** Lines before the header (a title, a blank line). */
  skipRows: z.number().int().min(0).max(50),
  /** Contract column -> the header text that holds it (matched trimmed, case-insensitive). */
  columns: z.object(Object.fromEntries(partnerMappedColumns.map((c) => [c, z.string().min(1)])) as Record<PartnerMappedColumn, z.ZodString>).strict(),
  dateFormat,
  /** Offset of local date-times, e.g. "+01:00"; ignored for "iso". */
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, 'must look like +01:00'),
  decimalComma: z.boolean(),
  /** Digit grouping in numbers ("1,234.5" or "1.234,5"); '' when none. */
  thousandsSeparator: z.enum(['', ',', '.', ' ', "'"]),
  /** Field texts that mean "no value" besides the empty field. */
  nullValues: z.array(z.string()),
  /** More bad rows than this in one file quarantines the whole file. */
  maxRowErrors: z.number().int().min(0),
}).strict().refine((p) => !(p.decimalComma && p.thousandsSeparator === ','), { message: 'thousandsSeparator cannot be "," with decimalComma', path: ['thousandsSeparator'] });

export type PartnerFormat = z.infer<typeof partnerFormatSchema>;

/**
 * Checks partner formats (the data below, or a file an operator passes):
 * every problem is named by partner and field, so a bad entry fails at start
 * (exit 2 in the app) rather than at the first file.
 */
export function checkedPartnerFormats(input: unknown): readonly PartnerFormat[] {
  const parsed = z.array(partnerFormatSchema).safeParse(input);
  if (!parsed.success) {
    const list = Array.isArray(input) ? input : [];
    const problems = parsed.error.issues.map((issue) => {
      const [index, ...field] = issue.path;
      const name = typeof index === 'number' ? (list[index] as { name?: unknown } | undefined)?.name : undefined;
      const partner = typeof name === 'string' ? `partner ${name}` : `partner #${String(index ?? '?')}`;
      return `${partner}, field ${field.join('.') || '(entry)'}: ${issue.message}`;
    });
    throw new Error(`partner formats: ${problems.join('; ')}`);
  }
  const names = parsed.data.map((p) => p.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw new Error(`partner formats: partner ${twice[0]} is declared twice`);
  return Object.freeze(parsed.data.map((p) => Object.freeze(p)));
}

const standardNulls = ['null', 'NULL', 'N/A', 'n/a'];

/**
 * The fulfilment partners: adding one is adding an entry here (and its
 * folder under partners/). Typed here; the extractor checks every rule with
 * checkedPartnerFormats at start, so a bad entry exits 2 naming it.
 */
export const partnerFormats: readonly PartnerFormat[] = Object.freeze([
  {
    name: 'northfreight',
    delimiter: ',',
    quote: '"',
    encoding: 'utf-8',
    skipRows: 0,
    columns: {
      shipment_id: 'shipment_id', order_id: 'order_id', carrier: 'carrier', tracking_number: 'tracking_number',
      status: 'status', status_at: 'status_at', ship_to_postcode: 'ship_to_postcode', weight_kg: 'weight_kg',
    },
    dateFormat: 'iso',
    utcOffset: '+00:00',
    decimalComma: false,
    thousandsSeparator: ',',
    nullValues: standardNulls,
    maxRowErrors: 10,
  },
  {
    // A European partner exporting from a spreadsheet: cp1252, semicolons, a title row, day-first local times.
    name: 'parcelwave',
    delimiter: ';',
    quote: '"',
    encoding: 'windows-1252',
    skipRows: 1,
    columns: {
      shipment_id: 'Sendungsnummer', order_id: 'Auftrag', carrier: 'Spediteur', tracking_number: 'Tracking',
      status: 'Status', status_at: 'Zeitpunkt', ship_to_postcode: 'PLZ', weight_kg: 'Gewicht (kg)',
    },
    dateFormat: 'dd.MM.yyyy HH:mm:ss',
    utcOffset: '+01:00',
    decimalComma: true,
    thousandsSeparator: '.',
    nullValues: standardNulls,
    maxRowErrors: 10,
  },
]);

/** A partner's format by name; throws naming the configured ones. */
export function partnerFormatNamed(name: string, formats: readonly PartnerFormat[] = partnerFormats): PartnerFormat {
  const found = formats.find((p) => p.name === name);
  if (!found) throw new Error(`no partner "${name}" configured: configured partners are ${formats.map((p) => p.name).join(', ')}`);
  return found;
}
