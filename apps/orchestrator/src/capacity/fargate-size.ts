/** A Fargate task size: vCPU and memory in MiB, as a job definition takes them. */
export interface FargateSize {
  readonly vcpu: number;
  readonly memoryMib: number;
}

/** Fargate's vCPU steps with the memory range (GiB) each allows. */
const steps: readonly { vcpu: number; minGb: number; maxGb: number; stepGb: number }[] = [
  { vcpu: 0.25, minGb: 0.5, maxGb: 2, stepGb: 0.5 },
  { vcpu: 0.5, minGb: 1, maxGb: 4, stepGb: 1 },
  { vcpu: 1, minGb: 2, maxGb: 8, stepGb: 1 },
  { vcpu: 2, minGb: 4, maxGb: 16, stepGb: 1 },
  { vcpu: 4, minGb: 8, maxGb: 30, stepGb: 1 },
  { vcpu: 8, minGb: 16, maxGb: 60, stepGb: 4 },
  { vcpu: 16, minGb: 32, maxGb: 120, stepGb: 8 },
];

/**
 * The smallest valid Fargate size with at least `minVcpu` vCPU and room for
 * `peakRssMb` twice over (DuckDB's working set moves between runs; twice the
 * measured peak keeps a spike from becoming an OOM kill).
 */
export function fargateSize(minVcpu: number, peakRssMb: number): FargateSize {
  const needGb = (2 * peakRssMb) / 1024;
  for (const step of steps) {
    if (step.vcpu < minVcpu || step.maxGb < needGb) continue;
    const gb = Math.max(step.minGb, Math.ceil(needGb / step.stepGb) * step.stepGb);
    return { vcpu: step.vcpu, memoryMib: Math.round(gb * 1024) };
  }
  throw new Error(`no Fargate size has ${minVcpu} vCPU and ${Math.ceil(needGb)} GB`);
}
