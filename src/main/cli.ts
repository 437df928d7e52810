#!/usr/bin/env node
import { COMMANDS } from './cli/commands';
import { UsageError } from './cli/command';

/** `npm run cli -- <command> [options]`: serve, and the commands that later parts add (backtest, import, ...). */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const which = COMMANDS.find((c) => c.name === rest[0]);
    if (which) {
      console.log(which.usage);
      return 0;
    }
    console.log('Usage: npm run cli -- <command> [options]\n\nCommands:');
    for (const c of COMMANDS) console.log(`  ${c.name.padEnd(12)} ${c.summary}`);
    console.log('\nRun `npm run cli -- help <command>` for its options.');
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    console.error(`Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps running; every other command exits with its code.
    if (code !== -1) process.exit(code);
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
