import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string or bytes: how corpus files, stamps and index files are fingerprinted. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
