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

#[cfg(feature = "flow")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod client;
#[cfg(feature = "flow")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod error;
#[cfg(feature = "flow")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod options;
#[cfg(feature = "flow")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod raw;
#[cfg(feature = "flow")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod types;

#[cfg(feature = "flow")]
pub use client::{MidtransCard, ThreeDsPopup};
#[cfg(feature = "flow")]
pub use error::Error;
#[cfg(feature = "flow")]
pub use options::{
    AuthenticateOptions, Credentials, Environment, LoadOptions, PayOptions, PopupOptions, TokenOptions,
};
#[cfg(feature = "flow")]
pub use types::{Card, RegisterResponse, TokenResponse, TransactionResult};

#[cfg(all(feature = "flow", not(target_arch = "wasm32")))]
mod offline;

#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod sys;

#[cfg(all(target_arch = "wasm32", any(feature = "js", feature = "flow")))]
mod hygiene;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod jsval;

#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod backend;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod clock;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod convert;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod listener;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod loader;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod local;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod midtrans;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod oneshot;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod popup;
#[cfg(all(target_arch = "wasm32", feature = "flow"))]
mod timer;

#[cfg(all(target_arch = "wasm32", feature = "js"))]
mod abi;
#[cfg(all(target_arch = "wasm32", feature = "js", feature = "flow"))]
mod api;
#[cfg(all(target_arch = "wasm32", feature = "js", feature = "flow"))]
mod bridge;

// The JavaScript adapter's browser tests: they live in tests/js/ beside the other test layers,
// and compile here, inside the crate, because the adapter is not public Rust API.
#[cfg(all(test, target_arch = "wasm32", feature = "js", feature = "flow"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
#[cfg(all(test, target_arch = "wasm32", feature = "js", feature = "flow"))]
#[path = "../../tests/js/flow.rs"]
mod js_flow;
