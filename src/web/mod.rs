//! The typed Rust API over `MidtransNew3ds`, its browser implementation, and the npm package's
//! JavaScript adapter.
//!
//! Layers, bottom up (each uses only those below it):
//! - `error`, `types`, `options`: the public types; plain Rust, on every target.
//! - `sys` (the only `extern` blocks) and `jsval` (reading and writing JS values), wasm32 only.
//! - `listener`, `timer`, `oneshot`, `clock`: guards and primitives over the browser.
//! - `convert` (JS values <-> the public types, through serde-wasm-bindgen), `loader`, `popup`,
//!   `backend` (the merchant backend, through gloo-net), `midtrans` (the flow).
//! - `client`: the public `MidtransCard` and `ThreeDsPopup`, over `midtrans` and `popup` in a
//!   browser, or over `offline` elsewhere (every call fails `sdk_not_loaded`).
//! - `abi` (feature `js`): the validators' plain wasm exports for the package entry.
//! - `api` (features `js` + `midtrans`): the `#[wasm_bindgen]` exports, a thin adapter over the
//!   flow.

#[cfg(feature = "midtrans")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod client;
#[cfg(feature = "midtrans")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod error;
#[cfg(feature = "midtrans")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod options;
#[cfg(feature = "midtrans")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod raw;
#[cfg(feature = "midtrans")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod types;

#[cfg(feature = "midtrans")]
pub use client::{MidtransCard, ThreeDsPopup};
#[cfg(feature = "midtrans")]
pub use error::Error;
#[cfg(feature = "midtrans")]
pub use options::{
    AuthenticateOptions, Credentials, Environment, LoadOptions, PayOptions, PopupOptions, TokenOptions,
};
#[cfg(feature = "midtrans")]
pub use types::{Card, RegisterResponse, TokenResponse, TransactionResult};

#[cfg(all(feature = "midtrans", not(target_arch = "wasm32")))]
mod offline;

#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod sys;

#[cfg(all(target_arch = "wasm32", any(feature = "js", feature = "midtrans")))]
mod hygiene;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod jsval;

#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod backend;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod clock;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod convert;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod listener;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod loader;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod midtrans;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod oneshot;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod popup;
#[cfg(all(target_arch = "wasm32", feature = "midtrans"))]
mod timer;

#[cfg(all(target_arch = "wasm32", feature = "js"))]
mod abi;
#[cfg(all(target_arch = "wasm32", feature = "js", feature = "midtrans"))]
mod api;

// The JavaScript adapter's browser tests: they live in tests/js/ beside the other test layers,
// and compile here, inside the crate, because the adapter is not public Rust API.
#[cfg(all(test, target_arch = "wasm32", feature = "js", feature = "midtrans"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
#[cfg(all(test, target_arch = "wasm32", feature = "js", feature = "midtrans"))]
#[path = "../../tests/js/flow.rs"]
mod js_flow;
