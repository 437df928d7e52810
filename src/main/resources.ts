import fs from 'node:fs';
import path from 'node:path';

/**
 * Where resources/ is: QIHUO_RESOURCES if set; in a packaged app beside the executable (process.resourcesPath);
 * otherwise the first `resources` folder found walking up from this file (the repository in development and tests,
 * out/main after a build).
 */
export function resourcesDir(): string {
  const env = process.env['QIHUO_RESOURCES'];
  if (env) return env;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && fs.existsSync(path.join(packaged, 'resources', 'contracts'))) return path.join(packaged, 'resources');
  let dir = import.meta.dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'contracts', 'products.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('resources/ not found: set QIHUO_RESOURCES to the folder that holds contracts/ and calendar/');
}

export function resourcePath(...parts: string[]): string {
  return path.join(resourcesDir(), ...parts);
}

export function readResourceJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(resourcePath(...parts), 'utf8')) as T;
}
