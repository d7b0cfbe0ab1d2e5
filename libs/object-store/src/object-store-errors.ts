import { ConfigError, DataContractError } from '@northstar/core';

/** A key that is empty, absolute, or climbs out of the store with '..'. */
export class InvalidObjectKeyError extends ConfigError {}

/**
 * A download of an object that is not there. Stores are strongly consistent
 * (S3 too, since 2020), so a retry will not make it appear.
 */
export class ObjectNotFoundError extends DataContractError {
  constructor(readonly location: string) {
    super(`object not found: ${location}`);
  }
}
