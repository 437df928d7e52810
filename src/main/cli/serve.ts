import { parseArgs } from 'node:util';
import { createApi } from '../api/handlers';
import { defaultProfileDir, Terminal } from '../engine/terminal';
import { findRendererDir, startServer } from '../server';
import { UsageError, type CliCommand } from './command';

const USAGE = `Usage: npm run serve -- [--port N] [--host H] [--profile DIR] [--token T] [--speed S]

Runs the terminal headless: the engine on the profile's simulated account, its API over a WebSocket and the UI
served to a browser. Prints the URL with its access token.

  --port N      port to listen on (default 8730; 0 picks a free one)
  --host H      address to bind (default 127.0.0.1)
  --profile DIR the profile's folder (default $QIHUO_PROFILE or ~/.qihuo-terminal/profiles/default)
  --token T     the access token (default: a new random one)
  --speed S     market seconds replayed per real second (default 60)`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the terminal headless and serve its UI to a browser',
  usage: USAGE,
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          port: { type: 'string', default: '8730' },
          host: { type: 'string', default: '127.0.0.1' },
          profile: { type: 'string' },
          token: { type: 'string' },
          speed: { type: 'string', default: '60' },
        },
        strict: true,
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0 to 65535 (got ${values.port})`);
    const speed = Number(values.speed);
    if (!(speed > 0)) throw new UsageError(`--speed must be a positive number (got ${values.speed})`);
    if (values.token !== undefined && values.token.length < 16) throw new UsageError('--token must be at least 16 characters');

    const terminal = new Terminal({ profileDir: values.profile ?? defaultProfileDir(), replaySpeed: speed });
    for (const p of terminal.settings.problems) console.error(`settings: ${p}`);
    const { api, publisher } = createApi(terminal);
    const staticDir = findRendererDir();
    const server = await startServer({
      api,
      port,
      host: values.host,
      ...(values.token !== undefined ? { token: values.token } : {}),
      ...(staticDir !== undefined ? { staticDir } : {}),
    });
    if (staticDir === undefined) console.error('The UI is not built (npm run build): serving the API only.');
    console.log(`期货交易终端 running headless on ${terminal.options.profileDir}`);
    console.log(`Open ${server.url}`);
    const shutdown = async (): Promise<void> => {
      publisher.stop();
      await server.close();
      terminal.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
    return -1;
  },
};
