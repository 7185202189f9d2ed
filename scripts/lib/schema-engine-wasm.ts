// Loads Prisma's schema engine compiled to WebAssembly. The package's entry imports the .wasm file
// as an ES module, which Node only allows behind a flag, so this instantiates it by hand.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as SchemaEngineBindings from '@prisma/schema-engine-wasm';

type Bindings = typeof SchemaEngineBindings;
type WasmExports = Record<string, unknown>;

// The ES2023 lib has no WebAssembly declarations; this is the little of the API used here.
const { WebAssembly } = globalThis as unknown as {
  WebAssembly: {
    instantiate(bytes: Buffer, imports: object): Promise<{ instance: { exports: WasmExports } }>;
  };
};

export async function loadSchemaEngine(): Promise<Bindings> {
  const require = createRequire(import.meta.url);
  const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = (await import(glue)) as Bindings & {
    __wbg_set_wasm(exports: WasmExports): void;
  };
  const wasmFile = path.join(path.dirname(glue), 'schema_engine_bg.wasm');
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), {
    './schema_engine_bg.js': bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}
