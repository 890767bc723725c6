//! # midtrans-card
//!
//! Card payments through Midtrans, for the browser, as WebAssembly: validation (Luhn, brand,
//! lengths, expiry, CVV) before anything leaves the page, a Promise API over Midtrans's
//! `MidtransNew3ds` library, and a 3-D Secure popup manager.
//!
//! [`domain`] is the pure core (no browser, no clock, no I/O) and builds on any target. The
//! browser shell (`web`) is compiled for `wasm32` only.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod web;
