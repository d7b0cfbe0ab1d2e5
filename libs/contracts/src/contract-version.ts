export interface ContractVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Plain MAJOR.MINOR.PATCH (no pre-release tags: contracts are never pre-released); undefined when malformed. */
export function parseContractVersion(version: string): ContractVersion | undefined {
  const match = semver.exec(version);
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : undefined;
}
