import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** sysexits.h EX_USAGE: the command was used wrongly. */
export const EXIT_USAGE = 64;

export interface CommandLine<T extends ParseArgsOptionsConfig> {
  /** What the error lines start with, e.g. "token". */
  name: string;
  /** Printed for --help (on stdout, exit 0) and after a usage error (on stderr, exit 64). */
  usage: string;
  options: T;
  args?: string[];
}

/**
 * Every tool's command line, parsed the same way: `--help` (or `-h`) prints the usage and exits 0;
 * an unknown option or a missing value prints one line naming the problem, then the usage, and
 * exits 64 instead of node:util's stack trace.
 */
export function parseCommandLine<T extends ParseArgsOptionsConfig>(command: CommandLine<T>) {
  const options = { ...command.options, help: { type: 'boolean', short: 'h' } } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: command.args ?? process.argv.slice(2), options, strict: true, allowPositionals: false });
  } catch (error) {
    return usageError(command, (error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(command.usage);
    process.exit(0);
  }
  return parsed.values;
}

/** For a value the parser accepted but the command cannot use (a department that does not exist, a scale below 100). */
export function usageError(command: Pick<CommandLine<ParseArgsOptionsConfig>, 'name' | 'usage'>, message: string): never {
  process.stderr.write(`${command.name}: ${message}\n\n${command.usage}`);
  process.exit(EXIT_USAGE);
}
