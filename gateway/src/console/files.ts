import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** Content types of what Vite emits; anything else in the build is not served. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface ConsoleFile {
  body: Buffer;
  type: string;
  /** Vite names files under assets/ by their content's hash: a browser may keep them for good. */
  immutable: boolean;
}

/**
 * The built console, read whole at start-up (about 1.5 MB): requests are answered from this map only,
 * so no request path ever reaches the file system (no traversal, no symlinks, no race with a rebuild).
 * Undefined when the directory holds no build.
 */
export function readConsoleBuild(dir: string): Map<string, ConsoleFile> | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  const files = new Map<string, ConsoleFile>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const type = CONTENT_TYPES[extname(name)];
        const key = relative(dir, path).split(sep).join('/');
        if (type) files.set(key, { body: readFileSync(path), type, immutable: key.startsWith('assets/') });
      }
    }
  };
  walk(dir);
  return files;
}
