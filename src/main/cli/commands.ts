import { backtestCommand } from './backtest';
import type { CliCommand } from './command';
import { coverageCommand } from './coverage';
import { downloadCommand } from './download';
import { exportCommand } from './export';
import { importCommand } from './import';
import { optimizeCommand } from './optimize';
import { serveCommand } from './serve';

/** Every command of the CLI; each lives in its own file. */
export const COMMANDS: readonly CliCommand[] = [serveCommand, importCommand, exportCommand, coverageCommand, downloadCommand, backtestCommand, optimizeCommand];
