//! `midtrans-sandbox`: an offline stand-in for Midtrans's sandbox (card token JSONP, card
//! register, charge, 3DS page, get-status, signed HTTP notifications) plus a demo merchant backend,
//! served from one listener.
//!
//! Behaviour follows Midtrans's documentation (<https://docs.midtrans.com/docs/coreapi-card-payment-integration>,
//! <https://docs.midtrans.com/docs/testing-payment-on-sandbox>); the departures that remain are
//! listed in `sandbox/README.md`.
//! Start it in-process with [`server::start`]; the binary is `midtrans-sandbox`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod card;
pub mod clock;
pub mod config;
pub mod ids;
pub mod merchant;
pub mod midtrans;
pub mod notify;
pub mod pages;
pub mod server;
pub mod statics;
pub mod store;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Config;
pub use server::{start, AppState, Server};
