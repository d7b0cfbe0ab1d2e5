import type { CuratedComparison } from './curated-comparison';
import type { FaultSource, FaultStage, FaultStageOptions } from './fault-stage';

/** What a scenario reports back: what it did, the window its last run closed, and anything the runs did that they must not. */
export interface ScenarioEnd {
  /** One line: what was done and how the apps answered (exit codes). */
  readonly did: string;
  /** The last successful run's window end: the curated tables must match the source up to here. */
  readonly windowEnd: Date;
  /** Broken expectations besides the data (an exit code that should have been 3, a run that should have been refused). */
  readonly problems: readonly string[];
  /** The scenario's own source's curated tables measured against that source (payments, tickets, shipments); added to the orders comparison. */
  readonly sourceComparison?: CuratedComparison;
}

export interface FaultScenario {
  readonly name: string;
  /** What the scenario does, for --list. */
  readonly summary: string;
  /** Default: the embedded orders DB. 'postgres': the fault needs a real server (an open transaction, a session to terminate). */
  readonly source?: 'embedded' | 'postgres';
  /** Stage settings the scenario needs (sandbox size, variables). */
  readonly stage?: Partial<Pick<FaultStageOptions, 'scale' | 'start' | 'env' | 'sources'>>;
  run(stage: FaultStage): Promise<ScenarioEnd>;
}

export interface ScenarioResult {
  readonly fault: string;
  readonly done: string;
  readonly lost: number | null;
  readonly duplicated: number | null;
  readonly wrong: number | null;
  readonly result: string;
  readonly seconds: number;
  readonly comparison?: CuratedComparison;
}

export type { FaultSource };
