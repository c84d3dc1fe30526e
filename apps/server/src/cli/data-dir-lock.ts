import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded engine lets one process at a time use a data directory, and takes no lock itself:
 * two processes on the same directory corrupt it. Whoever opens it (the server, a CLI command)
 * writes `<dataDir>/server.pid` first and removes it when done; the next one checks it.
 */
export const LOCK_FILE = 'server.pid';

export class DataDirBusyError extends Error {
  constructor(
    readonly pid: number,
    readonly file: string,
    readonly holder: string,
  ) {
    super(
      `The data directory is in use by process ${pid} (${holder}). The embedded database allows one ` +
        'process at a time: stop the server (or the other command) first, or point DATABASE_URL at a ' +
        `PostgreSQL server. If no such process is running, delete ${file}.`,
    );
    this.name = 'DataDirBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the directory, or null when it is free (a stale file from a dead process is ignored). */
export function dataDirHolder(dataDir: string): { pid: number; holder: string } | null {
  const file = path.join(dataDir, LOCK_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const [pidText, holder = 'unknown'] = text.trim().split(/\s+/, 2);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return null;
  return { pid, holder };
}

export interface DataDirLock {
  release(): void;
}

/** Takes the directory for this process, or throws DataDirBusyError. */
export function acquireDataDirLock(dataDir: string, holder: 'server' | 'cli'): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const content = `${process.pid} ${holder}\n`;
  try {
    // 'wx' fails when the file exists, so two processes starting together cannot both win.
    fs.writeFileSync(file, content, { flag: 'wx', mode: 0o644 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const busy = dataDirHolder(dataDir);
    if (busy) throw new DataDirBusyError(busy.pid, file, busy.holder);
    fs.rmSync(file, { force: true }); // left behind by a process that died
    fs.writeFileSync(file, content, { flag: 'wx', mode: 0o644 });
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      const text = fs.readFileSync(file, 'utf8');
      if (Number(text.trim().split(/\s+/)[0]) === process.pid) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return { release };
}
