import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The repository's own build of better-sqlite3, offered to an `npm ci` or `npm install` elsewhere as a
 * local prebuild. better-sqlite3 installs through prebuild-install, which looks for
 * `<name>-v<version>-node-v<abi>-<platform>-<arch>.tar.gz` in the directory its
 * `npm_config_better_sqlite3_local_prebuilds` variable names before it downloads or compiles. Without it, a
 * machine that reaches only the npm registry compiles SQLite from source for minutes in every fresh
 * install, although the repository's own `npm ci` already did so for this same Node and version.
 * Returns the environment variables that point an install at it.
 */
export function localSqlitePrebuild(root: string, directory: string): Record<string, string> {
  const module = join(root, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(module, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(directory, { recursive: true });
  execFileSync('tar', ['-czf', join(directory, name), '-C', module, 'build/Release/better_sqlite3.node']);
  return { npm_config_better_sqlite3_local_prebuilds: directory };
}
