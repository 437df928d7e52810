/** One command of `npm run cli -- <command>`: each lives in its own file under src/main/cli/. */
export interface CliCommand {
  readonly name: string;
  /** One line for the help listing. */
  readonly summary: string;
  /** Full usage text, shown by `cli help <command>` and on bad arguments. */
  readonly usage: string;
  /** Returns the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}

/** A bad command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
