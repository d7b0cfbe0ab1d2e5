import { BatchClient, ListJobsCommand, SubmitJobCommand, type ListJobsCommandInput, type SubmitJobCommandInput } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsBatchJobs } from './aws-batch-jobs';
import type { BatchJobStatus } from './batch-jobs';

export interface SimulatedJob {
  readonly id: string;
  readonly queue: string;
  readonly input: SubmitJobCommandInput;
  status: BatchJobStatus;
  readonly createdAt: number;
}

/**
 * AwsBatchJobs over a BatchClient mocked with aws-sdk-client-mock that
 * behaves like one Batch account: SubmitJob records the job and gives it an
 * id, ListJobs filters by JOB_NAME prefix (case-insensitive, newest first)
 * and pages `pageSize` at a time. Tests read the requests as the SDK got them.
 */
export class SimulatedBatch {
  readonly client = new BatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  readonly jobs = new AwsBatchJobs({ client: this.client });
  readonly submitted: SimulatedJob[] = [];
  /** Called before each SubmitJob is accepted; throw to make it fail. */
  beforeSubmit: (input: SubmitJobCommandInput) => void | Promise<void> = () => undefined;
  private readonly mock = mockClient(this.client);
  private clock = 0;

  constructor(private readonly pageSize = 3) {
    this.mock.on(SubmitJobCommand).callsFake(async (input: SubmitJobCommandInput) => {
      await this.beforeSubmit(input);
      const id = `job-${String(this.submitted.length + 1).padStart(4, '0')}`;
      this.submitted.push({ id, queue: input.jobQueue ?? '', input, status: 'SUBMITTED', createdAt: ++this.clock });
      return { jobId: id, jobName: input.jobName, jobArn: `arn:aws:batch:us-east-1:000000000000:job/${id}` };
    });
    this.mock.on(ListJobsCommand).callsFake((input: ListJobsCommandInput) => this.list(input));
  }

  /** The SubmitJob inputs, in the order they were sent. */
  requests(): SubmitJobCommandInput[] {
    return this.submitted.map((job) => job.input);
  }

  byName(name: string): SimulatedJob {
    const job = [...this.submitted].reverse().find((j) => j.input.jobName === name);
    if (!job) throw new Error(`no job named ${name}; submitted: ${this.submitted.map((j) => j.input.jobName).join(', ')}`);
    return job;
  }

  listCalls(): number {
    return this.mock.commandCalls(ListJobsCommand).length;
  }

  restore(): void {
    this.mock.restore();
  }

  private list(input: ListJobsCommandInput) {
    const filter = input.filters?.find((f) => f.name === 'JOB_NAME')?.values?.[0] ?? '';
    const prefix = filter.endsWith('*') ? filter.slice(0, -1).toLowerCase() : undefined;
    const matches = this.submitted
      .filter((job) => job.queue === input.jobQueue)
      .filter((job) => (prefix === undefined ? job.input.jobName?.toLowerCase() === filter.toLowerCase() : job.input.jobName?.toLowerCase().startsWith(prefix)))
      .sort((a, b) => b.createdAt - a.createdAt);
    const start = Number(input.nextToken ?? 0);
    const page = matches.slice(start, start + this.pageSize);
    const next = start + this.pageSize < matches.length ? String(start + this.pageSize) : undefined;
    return {
      jobSummaryList: page.map((job) => ({ jobId: job.id, jobName: job.input.jobName, status: job.status, createdAt: job.createdAt })),
      nextToken: next,
    };
  }
}
