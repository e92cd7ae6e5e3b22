// The last step of `npm run build:server`, after tsc wrote dist/: `tessera serve`'s module
// (dist/cli/run/serve.js) and everything it imports, the server and most packages included,
// bundled by esbuild into that one file, written over it. A start then resolves, reads and links
// one module instead of about 1,200 (Node 20 has no compile cache): the module loading that
// dominated the server's start time. Every other dist/ file stays as tsc wrote it, so the CLI's
// other commands and the tests that import dist/ modules are unchanged.
//
// - Modules the CLI loads before `serve` (dist/cli/main.js's static imports) stay external and
//   are imported from their dist/ files, so classes such as TesseraError exist once (`instanceof`).
// - `import.meta.url` in a bundled module becomes that module's own dist/ URL (relative to the
//   bundle, so the installation can move): the paths it resolves (presets, docs, the console, the
//   document worker) stay what they were.
// - A bundled package runs when the module that imports it first runs: pg and the LDAP client,
//   bundled, load only with a PostgreSQL store or an LDAP user store. Packages stay external when
//   they are imported with import() where first used (mail, two-factor), are native
//   (better-sqlite3), or use files beside their own sources (pino's workers, the Swagger UI's
//   assets): where npm puts them depends on the installation. @fastify/swagger is bundled: its
//   one such read, its own package.json for a default `info`, fails quietly and Tessera gives
//   the `info`.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const ENTRY = resolve('dist/cli/run/serve.js');
const MAIN = resolve('dist/cli/main.js');
const EXTERNAL_PACKAGES = new Set([
  // Native, or optional and absent.
  'better-sqlite3',
  'pg-native',
  'pg-cloudflare',
  // Imported with import() where first used, so loaded only then (an external static import
  // would be hoisted to the top of the bundle and loaded with it).
  'nodemailer',
  'qrcode',
  'otpauth',
  // Starts workers from files of its own (transports; Tessera configures none).
  'pino',
  'thread-stream',
  // Serves files that sit beside its sources (__dirname), wherever npm installed it.
  '@fastify/swagger-ui',
]);

/** A bare specifier's package name (`@scope/name` or `name`). */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The relative specifier from the bundle's directory to `file`. */
function fromBundle(file) {
  const path = relative(dirname(ENTRY), file).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** The dist/ files dist/cli/main.js imports statically (what is loaded before `serve` runs). */
async function cliModules() {
  const result = await build({
    entryPoints: [MAIN],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    plugins: [
      {
        name: 'static-only',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'dynamic-import' || !/^\.{0,2}\//.test(args.path)) return { external: true };
            return undefined;
          });
        },
      },
    ],
  });
  return new Set(Object.keys(result.metafile.inputs).map((input) => resolve(input)));
}

const shared = await cliModules();
const result = await build({
  entryPoints: [ENTRY],
  outfile: ENTRY,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  metafile: true,
  // CommonJS packages bundled into an ES module call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __tesseraCreateRequire } from 'node:module'; const require = __tesseraCreateRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'tessera-server',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('node:') || EXTERNAL_PACKAGES.has(packageOf(args.path))) return { external: true };
          return undefined;
        });
        b.onResolve({ filter: /^\.{1,2}\// }, (args) => {
          if (!args.importer.startsWith(resolve('dist'))) return undefined;
          const file = resolve(dirname(args.importer), args.path);
          return shared.has(file) && file !== ENTRY ? { path: fromBundle(file), external: true } : undefined;
        });
        b.onLoad({ filter: /\.js$/ }, async (args) => {
          if (!args.path.startsWith(resolve('dist'))) return undefined;
          const text = await readFile(args.path, 'utf8');
          if (!text.includes('import.meta.url')) return undefined;
          const own = `new URL(${JSON.stringify(fromBundle(args.path))}, import.meta.url).href`;
          return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
        });
      },
    },
  ],
});
const inputs = Object.keys(result.metafile.inputs);
const packages = inputs.filter((input) => input.includes('node_modules/')).length;
console.log(`bundle-server: dist/cli/run/serve.js holds ${inputs.length} modules (${packages} from packages)`);
