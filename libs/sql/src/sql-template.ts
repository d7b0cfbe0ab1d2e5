import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** A .sql file: its header fields (`-- key: value` lines at the top) and its body. */
export interface SqlTemplate {
  readonly file: string;
  readonly name: string;
  readonly header: Readonly<Record<string, string>>;
  readonly dependsOn: readonly string[];
  readonly body: string;
}

const headerLine = /^--\s*([a-z][a-z-]*):\s*(.*)$/;

export function parseSqlTemplate(text: string, file: string): SqlTemplate {
  const header: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  let i = 0;
  let lastKey: string | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('--')) break;
    // A bare `--` closes the header, so prose comments after it stay in the body.
    if (line.replace(/^-+/, '').trim() === '') {
      i++;
      break;
    }
    const match = headerLine.exec(line);
    if (match) {
      lastKey = match[1];
      header[lastKey] = match[2].trim();
    } else if (lastKey && line.replace(/^--\s*/, '')) {
      header[lastKey] = `${header[lastKey]} ${line.replace(/^--\s*/, '').trim()}`.trim();
    }
  }
  const name = header['name'];
  if (!name) throw new Error(`${file}: the header must start with "-- name: <model name>"`);
  const dependsOn = (header['depends-on'] ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== 'none' && s !== '-');
  return { file, name, header, dependsOn, body: lines.slice(i).join('\n').trim() };
}

export function loadSqlTemplate(file: string): SqlTemplate {
  return parseSqlTemplate(readFileSync(file, 'utf8'), path.resolve(file));
}

/** The templates of one folder by name: `sqlTemplatesIn(dir)('take_load_lock')` loads `<dir>/take_load_lock.sql`. */
export function sqlTemplatesIn(dir: string): (name: string) => SqlTemplate {
  return (name) => loadSqlTemplate(path.join(dir, `${name}.sql`));
}
