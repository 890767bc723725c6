// What a page would ship instead of midtrans-card: card-validator (validation, with
// credit-card-type) plus picomodal (a small modal for the 3DS iframe). Bundled by
// bench/size.mjs and bench/startup.mjs with esbuild --bundle --minify.
import valid from 'card-validator';
import picoModal from 'picomodal';

export { valid, picoModal };
