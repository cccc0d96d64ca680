/**
 * File-system errors of CLI commands in words an admin can act on, instead of
 * "ENOENT: no such file or directory, open '…'". `what` names the file's role ("the backup").
 */
export function cannotRead(file: string, err: unknown, what = 'file'): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new Error(`There is no ${what} ${file}.`);
  if (code === 'EISDIR') return new Error(`${file} is a folder, not a ${what}.`);
  return new Error(`Cannot read ${file}: ${reasonOf(err)}.`);
}

export function cannotWrite(file: string, err: unknown, what = 'file'): Error {
  return new Error(`Cannot write the ${what} ${file}: ${reasonOf(err)}.`);
}

function reasonOf(err: unknown): string {
  const { code, message } = err as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'part of its folder path is a file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? message;
}
