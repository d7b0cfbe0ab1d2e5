/** One incident: what failed, in which run, and how to run it again. */
export interface Alert {
  /** What makes two alerts one incident: the check or job name (not the run, so an hourly repeat is the same incident). */
  readonly key: string;
  readonly severity: 'error' | 'warn';
  /** `check` or `job`, and its name. */
  readonly subject: { readonly kind: 'check' | 'job'; readonly name: string };
  readonly runId: string;
  /** One line: what failed ("14 rows in curated.fct_orders", "exit 3"). */
  readonly what: string;
  /** The first line of the error or of the check's details. */
  readonly firstErrorLine: string;
  /** The exact command that reruns the failed step. */
  readonly rerunCommand: string;
}

export type AlertMessage =
  | { readonly kind: 'firing'; readonly alert: Alert; readonly at: Date; readonly since: Date }
  | { readonly kind: 'resolved'; readonly key: string; readonly runId: string; readonly at: Date; readonly since: Date };

/** Where alert messages go: a file and the console locally, an SNS topic on AWS. */
export interface AlertSink {
  send(message: AlertMessage): Promise<void>;
}

/** Raise what failed, resolve what passed: the alerter decides what is sent. */
export interface Alerter {
  raise(alert: Alert): Promise<void>;
  resolve(key: string, runId: string): Promise<void>;
}

export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}

/** A message as people read it: the subject line and the body. */
export function alertText(message: AlertMessage): { subject: string; body: string } {
  if (message.kind === 'resolved') {
    return {
      subject: `[northstar] RESOLVED ${message.key}`.slice(0, 100),
      body: [`resolved: ${message.key} passed in run ${message.runId}`, `failing since: ${message.since.toISOString()}`].join('\n'),
    };
  }
  const { alert } = message;
  return {
    // SNS email subjects stop at 100 characters.
    subject: `[northstar] ${alert.severity === 'error' ? 'FAILED' : 'WARNING'} ${alert.subject.kind} ${alert.subject.name}`.slice(0, 100),
    body: [
      `what failed: ${alert.what}`,
      `run: ${alert.runId}`,
      `${alert.subject.kind}: ${alert.subject.name}`,
      `first error line: ${alert.firstErrorLine}`,
      `rerun: ${alert.rerunCommand}`,
      `failing since: ${message.since.toISOString()}`,
    ].join('\n'),
  };
}
