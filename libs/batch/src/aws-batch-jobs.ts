import { BatchClient, ListJobsCommand, SubmitJobCommand, type SubmitJobCommandInput } from '@aws-sdk/client-batch';
import type { BatchJobRequest, BatchJobs, BatchJobStatus, ExistingBatchJob } from './batch-jobs';
import { classifyBatchError } from './classify-batch-error';

export interface AwsBatchJobsOptions {
  readonly region?: string;
  /** A ready client (tests mock it with aws-sdk-client-mock); `region` is then ignored. */
  readonly client?: BatchClient;
}

/** BatchJobs over @aws-sdk/client-batch. */
export class AwsBatchJobs implements BatchJobs {
  readonly client: BatchClient;

  constructor(options: AwsBatchJobsOptions = {}) {
    this.client = options.client ?? new BatchClient({ region: options.region });
  }

  async submit(request: BatchJobRequest): Promise<string> {
    const output = await this.call(`SubmitJob ${request.name}`, () => this.client.send(new SubmitJobCommand(submitJobInput(request))));
    if (!output.jobId) throw new Error(`AWS Batch SubmitJob ${request.name} returned no job id`);
    return output.jobId;
  }

  async listByNamePrefix(queue: string, prefix: string): Promise<ExistingBatchJob[]> {
    const jobs: ExistingBatchJob[] = [];
    let nextToken: string | undefined;
    do {
      // With a filter, Batch ignores jobStatus and returns every status.
      const command = new ListJobsCommand({ jobQueue: queue, filters: [{ name: 'JOB_NAME', values: [`${prefix}*`] }], nextToken });
      const page = await this.call(`ListJobs ${prefix}*`, () => this.client.send(command));
      for (const job of page.jobSummaryList ?? []) {
        if (!job.jobId || !job.jobName) continue;
        jobs.push({ id: job.jobId, name: job.jobName, status: (job.status ?? 'SUBMITTED') as BatchJobStatus, createdAt: job.createdAt ?? 0 });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return jobs;
  }

  private async call<T>(action: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw classifyBatchError(error, action);
    }
  }
}

export function submitJobInput(request: BatchJobRequest): SubmitJobCommandInput {
  return {
    jobName: request.name,
    jobQueue: request.queue,
    jobDefinition: request.definition,
    parameters: { ...request.parameters },
    dependsOn: request.dependsOn.map((d) => (d.type ? { jobId: d.jobId, type: d.type } : { jobId: d.jobId })),
    ...(request.arraySize !== undefined ? { arrayProperties: { size: request.arraySize } } : {}),
    ...(request.command || request.environment
      ? {
          containerOverrides: {
            ...(request.command ? { command: [...request.command] } : {}),
            ...(request.environment ? { environment: Object.entries(request.environment).map(([name, value]) => ({ name, value })) } : {}),
          },
        }
      : {}),
    ...(request.timeoutSeconds !== undefined ? { timeout: { attemptDurationSeconds: request.timeoutSeconds } } : {}),
    tags: { ...request.tags },
    propagateTags: true,
  };
}
