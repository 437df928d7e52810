import type { CliCommand } from './command';
import { serveCommand } from './serve';

/** Every command of the CLI; each lives in its own file. */
export const COMMANDS: readonly CliCommand[] = [serveCommand];
