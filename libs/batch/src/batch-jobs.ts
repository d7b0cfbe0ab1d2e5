/** How a job waits on another: all of it, or (two array jobs of one size) child i on child i. */
export type BatchDependencyType = 'N_TO_N' | 'SEQUENTIAL';

export interface BatchDependency {
  readonly jobId: string;
  /** Undefined: the job waits for the whole upstream job (every child of an array job). */
  readonly type?: BatchDependencyType;
}

/** One SubmitJob, in the project's words. */
export interface BatchJobRequest {
  /** Letters, digits, '-' and '_' only, at most 128 characters. */
  readonly name: string;
  readonly queue: string;
  readonly definition: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** The container's command, replacing the job definition's. */
  readonly command?: readonly string[];
  /** Variables for the container, beside the job definition's. */
  readonly environment?: Readonly<Record<string, string>>;
  /** At most 20. */
  readonly dependsOn: readonly BatchDependency[];
  /** 2-10,000 children; undefined for a plain job. */
  readonly arraySize?: number;
  readonly tags: Readonly<Record<string, string>>;
  /** Replaces the job definition's timeout (backfills run longer than an hour's share). */
  readonly timeoutSeconds?: number;
}

export type BatchJobStatus = 'SUBMITTED' | 'PENDING' | 'RUNNABLE' | 'STARTING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface ExistingBatchJob {
  readonly id: string;
  readonly name: string;
  readonly status: BatchJobStatus;
  readonly createdAt: number;
}

/** The part of AWS Batch the launcher uses. */
export interface BatchJobs {
  /** Returns the new job's id. */
  submit(request: BatchJobRequest): Promise<string>;
  /** Every job in the queue whose name starts with `prefix` (case-insensitive, as Batch matches), any status, all pages. */
  listByNamePrefix(queue: string, prefix: string): Promise<ExistingBatchJob[]>;
}

export const maxDependencies = 20;
export const arraySizeLimits = { min: 2, max: 10_000 } as const;
export const jobNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
