import { appendFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { alertText, type AlertMessage, type AlertSink } from './alert';

/** Locally: each message appended to a file (one JSON line) and written to the console as text. */
export class FileAlertSink implements AlertSink {
  constructor(
    private readonly file: string,
    private readonly console: (text: string) => void = (text) => process.stderr.write(text),
  ) {}

  async send(message: AlertMessage): Promise<void> {
    const { subject, body } = alertText(message);
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify({ at: message.at.toISOString(), kind: message.kind, subject, body })}\n`);
    this.console(`${subject}\n${body}\n`);
  }
}
