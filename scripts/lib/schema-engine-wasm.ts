// Loads Prisma's schema engine compiled to WebAssembly. The package's entry imports the .wasm file
// as an ES module, which Node only allows behind a flag, so this instantiates it by hand.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type Bindings = typeof import('@prisma/schema-engine-wasm');

export async function loadSchemaEngine(): Promise<Bindings> {
  const require = createRequire(import.meta.url);
  const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const dir = path.dirname(glue);
  const bindings = (await import(glue)) as Bindings & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const imports = { './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports };
  const { instance } = await WebAssembly.instantiate(readFileSync(path.join(dir, 'schema_engine_bg.wasm')), imports);
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}
