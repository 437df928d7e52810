import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CThostFtdcFrontInfoField, MdEvent, MdRequests, TraderEvent, TraderRequests } from './ctp-api.gen';

/** CThostFtdcTraderApi as the addon exposes it: the SDK's method names, structs as plain objects. */
export interface NativeTraderApi extends TraderRequests {
  RegisterFront(address: string): void;
  SubscribePrivateTopic(resumeType: number): void;
  SubscribePublicTopic(resumeType: number): void;
  Init(): void;
  /** RegisterSpi(NULL), then the SDK's Release(): no callback arrives after it returns. Safe to call twice. */
  Release(): void;
  GetTradingDay(): string;
  GetFrontInfo(): CThostFtdcFrontInfoField;
}

export interface NativeMdApi extends MdRequests {
  RegisterFront(address: string): void;
  Init(): void;
  Release(): void;
  GetTradingDay(): string;
  SubscribeMarketData(instrumentIds: readonly string[]): number;
  UnSubscribeMarketData(instrumentIds: readonly string[]): number;
}

export interface CtpAddon {
  /** `flowPath` must be an existing folder ending with a separator; each API object needs its own. */
  TraderApi: new (flowPath: string, onEvents: (events: TraderEvent[]) => void, options?: { productionMode?: boolean }) => NativeTraderApi;
  MdApi: new (
    flowPath: string,
    onEvents: (events: MdEvent[]) => void,
    options?: { udp?: boolean; multicast?: boolean; productionMode?: boolean },
  ) => NativeMdApi;
  /** Microseconds of the clock the addon stamps callbacks with (event.t). */
  now(): number;
  traderApiVersion(): string;
  mdApiVersion(): string;
}

export class CtpAddonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CtpAddonError';
  }
}

// Not named `require`: the bundler gives every main-process chunk a `require` of its own.
const loadAddon = createRequire(import.meta.url);

/** The repository root in development and tests: the first folder up from here that holds native/. */
function repoRoot(): string | undefined {
  let dir = import.meta.dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'native', 'ctp', 'binding.gyp'))) return dir;
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * Where a native module is: an environment variable, beside the packaged app (resources/native/, where the build
 * puts the addon and the SDK's libraries), or the build folder of the repository.
 */
export function nativeModulePath(envName: string, packagedName: string, repoRelative: string): string {
  const env = process.env[envName];
  if (env) return env;
  const candidates: string[] = [];
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(path.join(packaged, 'native', packagedName));
  const root = repoRoot();
  if (root) candidates.push(path.join(root, repoRelative));
  const found = candidates.find((c) => fs.existsSync(c));
  if (found) return found;
  throw new CtpAddonError(
    `${packagedName} not found (looked in ${candidates.join(', ') || 'no candidate folder'}): run "npm run native:build", or set ${envName}`,
  );
}

let addon: CtpAddon | undefined;

/** The CTP addon, loaded once. Throws a CtpAddonError that says how to build it when it is missing. */
export function loadCtpAddon(): CtpAddon {
  if (addon) return addon;
  const file = nativeModulePath('QIHUO_CTP_ADDON', 'ctp.node', path.join('native', 'ctp', 'build', 'Release', 'ctp.node'));
  try {
    addon = loadAddon(file) as CtpAddon;
  } catch (e) {
    throw new CtpAddonError(`cannot load the CTP addon ${file}: ${(e as Error).message}`);
  }
  return addon;
}

/** A flow folder for one API object: created if missing, written with a trailing separator as CTP needs. */
export function flowFolder(base: string, ...parts: string[]): string {
  const dir = path.join(base, ...parts.map((p) => p.replace(/[^\w.-]/g, '_')));
  fs.mkdirSync(dir, { recursive: true });
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}
