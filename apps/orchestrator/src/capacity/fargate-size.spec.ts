import { fargateSize } from './fargate-size';

describe('fargateSize', () => {
  it('gives the smallest memory of the vCPU step when twice the peak fits in it', () => {
    expect(fargateSize(0.25, 200)).toEqual({ vcpu: 0.25, memoryMib: 512 });
    // 2 x 285 MB = 0.56 GB: under the 2 GB minimum of 1 vCPU.
    expect(fargateSize(1, 285)).toEqual({ vcpu: 1, memoryMib: 2048 });
  });

  it('rounds memory up to the step and moves to more vCPU when the memory needs it', () => {
    // 2 x 1,600 MB = 3.125 GB -> 4 GB, within 0.5 vCPU's 1-4 GB.
    expect(fargateSize(0.5, 1600)).toEqual({ vcpu: 0.5, memoryMib: 4096 });
    // 2 x 3,000 MB = 5.86 GB: more than 0.5 vCPU allows, so 1 vCPU with 6 GB.
    expect(fargateSize(0.5, 3000)).toEqual({ vcpu: 1, memoryMib: 6144 });
  });

  it('fails when no Fargate size is large enough', () => {
    expect(() => fargateSize(16, 100_000)).toThrow(/no Fargate size/);
  });
});
