import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { ConfigError } from './config.js';

/**
 * PGlite is an embedded database: two processes opening one directory corrupt it. Whoever opens a
 * PGlite directory holds `<dir>.lock` (its pid) until it closes; a lock whose process is gone is stale
 * and taken over.
 */
export function lockDataDirectory(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (processAlive(holder) && holder !== process.pid) {
        throw new ConfigError(
          `DATA_DIR: the PGlite database ${dataDir} is in use by process ${holder} (another platform or seed on the same DATA_DIR?); ` +
            'stop it, or give this one its own DATA_DIR',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new ConfigError(`DATA_DIR: cannot lock ${dataDir}`);
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
