import { describe, expect, it } from 'vitest';
import { cannotRead, cannotWrite } from '../../src/app/cli/file-errors.js';

const fsError = (code: string) => Object.assign(new Error(`${code}: system message`), { code });

describe('file errors of CLI commands', () => {
  it('say what is wrong with a file to read, without the system call', () => {
    expect(cannotRead('/x/plan.docx', fsError('ENOENT'), 'document').message).toBe('There is no document /x/plan.docx.');
    expect(cannotRead('/x', fsError('EISDIR'), 'document').message).toBe('/x is a folder, not a document.');
    expect(cannotRead('/x/q.jsonl', fsError('EACCES')).message).toBe('Cannot read /x/q.jsonl: permission denied.');
  });

  it('say what is wrong with a file to write', () => {
    expect(cannotWrite('/none/x.csv', fsError('ENOENT'), 'export').message).toBe('Cannot write the export /none/x.csv: its folder does not exist.');
    expect(cannotWrite('/etc/passwd/b.tar.gz', fsError('ENOTDIR'), 'backup').message).toBe('Cannot write the backup /etc/passwd/b.tar.gz: part of its folder path is a file.');
    expect(cannotWrite('/x', fsError('ENOSPC')).message).toBe('Cannot write the file /x: ENOSPC.');
  });
});
