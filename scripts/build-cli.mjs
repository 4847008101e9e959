// Bundles the headless CLI (core + HTTP transport) into out/cli/index.js for plain Node.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

await build({
  entryPoints: ['electron/cli/index.ts'],
  outfile: 'out/cli/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Native addon and a package that manages its own binary: load them from node_modules.
  external: ['better-sqlite3', 'cloudflared', 'electron'],
  define: { __HOOKTRAY_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
})
console.log('built out/cli/index.js')
