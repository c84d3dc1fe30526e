import fs from 'node:fs';
import path from 'node:path';

/** The refused passwords from `common-passwords.txt`, lower case, comments and blanks dropped. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  fs
    .readFileSync(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '' && !l.startsWith('#')),
);
