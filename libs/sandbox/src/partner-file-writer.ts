import { gzipSync } from 'node:zlib';
import { partnerMappedColumns, type PartnerFormat, type PartnerMappedColumn } from '@northstar/contracts';
import * as iconv from 'iconv-lite';
import type { PartnerShipmentEvent } from './partner-shipment-generator';

/** How one drop deviates from its partner's format, for the faults a partner really sends. */
export interface PartnerFileVariant {
  /** Header texts replaced (a renamed column breaks the mapping) or dropped (null). */
  readonly renameHeader?: Partial<Record<PartnerMappedColumn, string | null>>;
  /** A column the mapping does not know, appended with this value in every row (additive drift). */
  readonly extraColumn?: { readonly header: string; readonly value: string };
  /** Rows whose field is replaced by this raw text (a bad date, a missing key), by 0-based event index. */
  readonly corrupt?: readonly { readonly row: number; readonly column: PartnerMappedColumn; readonly text: string }[];
  readonly gzip?: boolean;
  readonly lineEnd?: '\n' | '\r\n' | '\r';
}

/**
 * Writes shipment events as one partner's CSV drop: its delimiter, quoting,
 * title rows, header names, date pattern and UTC offset, decimal comma and
 * encoding, so the extractor is tested on the bytes partners send.
 */
export function partnerFileBytes(format: PartnerFormat, events: readonly PartnerShipmentEvent[], variant: PartnerFileVariant = {}): Buffer {
  const end = variant.lineEnd ?? (format.encoding === 'windows-1252' ? '\r\n' : '\n');
  const headers = partnerMappedColumns.flatMap((column) => {
    const renamed = variant.renameHeader?.[column];
    return renamed === null ? [] : [{ column, text: renamed ?? format.columns[column] }];
  });
  const lines: string[] = [];
  for (let i = 0; i < format.skipRows; i++) lines.push(i === 0 ? quoteField(`${format.name} shipment status export`, format) : '');
  lines.push([...headers.map((h) => h.text), ...(variant.extraColumn ? [variant.extraColumn.header] : [])].map((t) => quoteField(t, format)).join(format.delimiter));
  events.forEach((event, row) => {
    const fields = headers.map(({ column }) => {
      const corrupt = variant.corrupt?.find((c) => c.row === row && c.column === column);
      return quoteField(corrupt ? corrupt.text : fieldText(event, column, format), format);
    });
    if (variant.extraColumn) fields.push(quoteField(variant.extraColumn.value, format));
    lines.push(fields.join(format.delimiter));
  });
  const bytes = iconv.encode(lines.join(end) + end, format.encoding);
  return variant.gzip ? gzipSync(bytes) : bytes;
}

function fieldText(event: PartnerShipmentEvent, column: PartnerMappedColumn, format: PartnerFormat): string {
  const value = event[column];
  if (value === null) return format.nullValues[0] ?? '';
  if (column === 'status_at') return dateText(String(value), format);
  if (column === 'weight_kg') return format.decimalComma ? String(value).replace('.', ',') : String(value);
  return String(value);
}

function dateText(iso: string, format: PartnerFormat): string {
  if (format.dateFormat === 'iso') return iso;
  const sign = format.utcOffset[0] === '-' ? -1 : 1;
  const offsetMs = sign * (Number(format.utcOffset.slice(1, 3)) * 60 + Number(format.utcOffset.slice(4, 6))) * 60_000;
  const local = new Date(Date.parse(iso) + offsetMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const parts: Record<string, string> = {
    yyyy: String(local.getUTCFullYear()), MM: pad(local.getUTCMonth() + 1), dd: pad(local.getUTCDate()),
    HH: pad(local.getUTCHours()), mm: pad(local.getUTCMinutes()), ss: pad(local.getUTCSeconds()), SSS: pad(local.getUTCMilliseconds(), 3),
  };
  return format.dateFormat.replace(/yyyy|MM|dd|HH|mm|ss|SSS/g, (token) => parts[token]);
}

function quoteField(text: string, format: PartnerFormat): string {
  const special = text.includes(format.delimiter) || text.includes(format.quote) || /[\r\n]/.test(text);
  return special ? `${format.quote}${text.split(format.quote).join(format.quote + format.quote)}${format.quote}` : text;
}
