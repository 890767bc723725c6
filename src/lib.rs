//! # midtrans-card
//!
//! Card payments through Midtrans, for the browser, as WebAssembly: validation (Luhn, brand,
//! lengths, expiry, CVV) before anything leaves the page, a typed API over Midtrans's
//! `MidtransNew3ds` library (tokens, saved cards, 3-D Secure, the whole `pay()` flow), and a
//! 3-D Secure popup manager.
//!
//! The same crate is the npm package `midtrans-card` (feature `js`: its `#[wasm_bindgen]`
//! exports are a thin adapter over the Rust API) and a dependency for Rust frontends (Leptos,
//! Yew, Dioxus, plain wasm-bindgen apps), which leave the JavaScript exports out:
//!
//! ```toml
//! midtrans-card = { version = "0.2", default-features = false, features = ["midtrans"] }
//! ```
//!
//! ```no_run
//! use midtrans_card::{Card, Environment, Error, LoadOptions, MidtransCard, Outcome, PayOptions};
//!
//! async fn checkout(number: &str, month: &str, year: &str, cvv: &str) -> Result<Outcome, Error> {
//!     let midtrans = MidtransCard::load(LoadOptions::new("SB-Mid-client-...", Environment::Sandbox)).await?;
//!     let card = Card::new(number, month, year, cvv); // zeroed when dropped
//!     let result = midtrans.pay(&card, PayOptions::new("/api/charge")).await?;
//!     Ok(result.outcome) // not final: the backend confirms with Midtrans
//! }
//! ```
//!
//! Every type compiles on every target, so server-side rendering builds the same component code;
//! outside a browser [`MidtransCard::load`] fails with [`ErrorCode::SdkNotLoaded`].
//!
//! [`domain`] is the pure core (no browser, no clock, no I/O) and builds on any target.
// `unsafe` is allowed in three places: the validators' exported symbol names and their input
// buffer read in place (web/abi.rs), the flow's single-threaded globals (web/local.rs), and text
// from bytes that domain/utf8.rs has checked, as UTF-8 or as ASCII (tests/utf8.rs proves both
// checks agree with core's).
#![deny(unsafe_code)]
#![warn(missing_docs)]
// The npm builds (`js` + `small-allocator`, with or without `flow`, never `midtrans`) need nothing
// of std: without it, no std panic machinery ships (a panic is a trap). `midtrans` (a Rust app's
// typed API, with gloo-net and serde-wasm-bindgen) links std.
#![cfg_attr(
    all(
        target_arch = "wasm32",
        feature = "js",
        feature = "small-allocator",
        not(feature = "midtrans"),
        not(test)
    ),
    no_std
)]

extern crate alloc;

/// The npm builds' panic handler: a trap (the validators do not panic on any input; tests/fuzz.rs
/// and `npm run fuzz` check; the flow reads every foreign value leniently).
#[cfg(all(
    target_arch = "wasm32",
    feature = "js",
    feature = "small-allocator",
    not(feature = "midtrans"),
    not(test)
))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

pub mod domain;

// The JavaScript adapter's browser tests (tests/js/) are compiled into the crate's own test build
// and name it as outside code does.
#[cfg(all(test, target_arch = "wasm32", feature = "js"))]
extern crate self as midtrans_card;

/// The npm package's allocator (feature `small-allocator`): a free list that coalesces freed
/// neighbours, a fraction of the standard allocator's code. A Rust app leaves the feature off
/// and keeps its own.
#[cfg(all(target_arch = "wasm32", feature = "small-allocator"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

mod web;

#[cfg(feature = "flow")]
pub use domain::{ErrorCode, Field, FieldError, Locale, Outcome};
#[cfg(feature = "flow")]
pub use web::{
    AuthenticateOptions, Card, Credentials, Environment, Error, LoadOptions, MidtransCard, PayOptions,
    PopupOptions, RegisterResponse, ThreeDsPopup, TokenOptions, TokenResponse, TransactionResult,
};
