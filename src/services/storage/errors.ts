/** A database that could not be opened or migrated; the message names the file and what to do. */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}
