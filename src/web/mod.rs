//! The browser shell: everything that touches JavaScript. Compiled for `wasm32` only.
//!
//! `api` holds the only `#[wasm_bindgen]` exports; `sys` the only `extern` blocks. Everything else
//! converts between JavaScript values and the pure [`crate::domain`].

pub mod api;
#[cfg(feature = "midtrans")]
pub mod backend;
#[cfg(feature = "midtrans")]
pub mod callback;
pub mod clock;
pub mod convert;
#[cfg(feature = "midtrans")]
pub mod error;
#[cfg(feature = "midtrans")]
pub mod listener;
#[cfg(feature = "midtrans")]
pub mod loader;
#[cfg(feature = "midtrans")]
pub mod midtrans;
#[cfg(feature = "midtrans")]
pub mod popup;
pub mod sys;
#[cfg(feature = "midtrans")]
pub mod timer;
