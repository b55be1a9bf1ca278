// Test support: a build of dist/server.js and dist/cli.js with the faulty test rules of ./registry.ts, made the way
// scripts/build.mjs makes the real ones (esbuild, one bundle each), with the rule registry swapped at bundle time.
// Isolation tests run these bundles as processes, exactly as the product runs; no test hook is in the product.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from '../workspace';

const REAL_REGISTRY = path.join(REPO, 'server/src/rules/registry.ts');
const TEST_REGISTRY = path.join(__dirname, 'registry.ts');

export interface FaultyBuild {
  server: string;
  cli: string;
  dir: string;
}

let built: Promise<FaultyBuild> | undefined;

export function faultyBuild(): Promise<FaultyBuild> {
  built ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bp-faulty-build-'));
    const swap: esbuild.Plugin = {
      name: 'swap-registry',
      setup(build) {
        build.onResolve({ filter: /registry$/ }, (args) => {
          if (args.importer === TEST_REGISTRY) return undefined;
          const target = path.resolve(args.resolveDir, args.path);
          return target + '.ts' === REAL_REGISTRY ? { path: TEST_REGISTRY } : undefined;
        });
      },
    };
    const common: esbuild.BuildOptions = {
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'error',
      mainFields: ['module', 'main'],
      define: { 'import.meta.url': 'importMetaUrl', BENCHPRESS_BUILD_ID: JSON.stringify(`faulty-${Date.now().toString(36)}`) },
      banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
      plugins: [swap],
    };
    const server = path.join(dir, 'server.js');
    const cli = path.join(dir, 'cli.js');
    await Promise.all([
      esbuild.build({ ...common, entryPoints: [path.join(REPO, 'server/src/server.ts')], outfile: server }),
      esbuild.build({ ...common, entryPoints: [path.join(REPO, 'server/src/cli.ts')], outfile: cli }),
    ]);
    return { server, cli, dir };
  })();
  return built;
}

/** Removes the build's folder (8 MB of bundles in the system's temp folder), if one was made. */
export async function removeFaultyBuild(): Promise<void> {
  if (!built) return;
  const { dir } = await built;
  built = undefined;
  rmSync(dir, { recursive: true, force: true });
}
