//! The browser shell: everything that touches JavaScript. Compiled for `wasm32` only.
//!
//! `api` holds the only `#[wasm_bindgen]` exports; `sys` the only `extern` blocks. Everything else
//! converts between JavaScript values and the pure [`crate::domain`].

pub mod api;
pub mod backend;
pub mod callback;
pub mod clock;
pub mod convert;
pub mod error;
pub mod listener;
pub mod loader;
pub mod midtrans;
pub mod popup;
pub mod sys;
pub mod timer;
