/**
 * The variables that hold a value. Empty ones count as unset: job definitions
 * often pass "" for an unused variable (an AWS Batch `Ref::` parameter left
 * at its empty default, for one).
 */
export function givenVariables(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
