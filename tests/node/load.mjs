// Loads the built package (pkg/) in Node through its own package name, as an importer would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as mc from 'midtrans-card';

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('midtrans-card/midtrans_card_bg.wasm');
mc.initSync({ module: readFileSync(wasmPath) });
export default mc;
