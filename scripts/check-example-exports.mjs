// Fails when a Rust app's wasm (after wasm-bindgen) exports anything of the npm package's
// JavaScript API: with `default-features = false` the app carries only its own exports.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const names = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);
const npm = /^(validate|detectBrand|format|midtranscard|threedspopup|__wbg_midtranscard|__wbg_threedspopup|__inputBuffer|__\w+Bits)/i;
const foreign = names.filter((n) => npm.test(n));
if (foreign.length > 0) {
  console.error(`${file} exports the npm package's API: ${foreign.join(', ')}`);
  process.exit(1);
}
if (!names.includes('pay_from_form')) {
  console.error(`${file} lacks the example's own export pay_from_form (exports: ${names.join(', ')})`);
  process.exit(1);
}
console.log(`${file}: ${names.length} exports, none of the npm package's (own: pay_from_form)`);
