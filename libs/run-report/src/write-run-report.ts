import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Warehouse } from '@northstar/warehouse';
import { readReportData, type ReportOptions } from './report-data';
import { echartsBundle, renderReportHtml } from './report-html';

/** Reads the warehouse and writes the report to `file` whole (a temporary file renamed over it). */
export async function writeRunReport(warehouse: Warehouse, file: string, options: ReportOptions): Promise<string> {
  const html = renderReportHtml(await readReportData(warehouse, options), echartsBundle());
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, html);
  await rename(temp, file);
  return file;
}
