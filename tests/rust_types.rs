//! The Rust API's types on the host (an SSR server compiles the same component code): serde
//! round trips of Midtrans's own JSON, `Card` never printing card data, the error type, and
//! every call failing `sdk_not_loaded` outside a browser instead of panicking.
#![cfg(all(not(target_arch = "wasm32"), feature = "midtrans"))]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use midtrans_card::{
    Card, Environment, Error, ErrorCode, LoadOptions, MidtransCard, Outcome, PayOptions, PopupOptions,
    RegisterResponse, ThreeDsPopup, TokenResponse, TransactionResult,
};
use serde_json::{json, Value};

/// Polls a future that never waits (nothing here does I/O) to its end.
fn now<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("a host call waited"),
    }
}

/// The success object Midtrans's 3DS page posts back (Midtrans's card payment docs), with
/// `challenge_completion` and save-token fields.
const SUCCESS: &str = r#"{
  "status_code": "200",
  "status_message": "Success, Credit Card transaction is successful",
  "channel_response_code": "00",
  "channel_response_message": "Approved",
  "bank": "bni",
  "eci": "05",
  "transaction_id": "a9a6a3ef-d2e4-4f66-9c4e-4bbb5a3b9a4c",
  "order_id": "order-102",
  "merchant_id": "G490526303",
  "gross_amount": "145000.00",
  "currency": "IDR",
  "payment_type": "credit_card",
  "transaction_time": "2026-12-01 10:00:00",
  "transaction_status": "capture",
  "fraud_status": "accept",
  "approval_code": "1701230123456",
  "masked_card": "48111111-1114",
  "card_type": "credit",
  "three_ds_version": "2",
  "challenge_completion": true,
  "on_us": false,
  "saved_token_id": "48111111sHfSakAvHvFQFEjTivUV1114",
  "saved_token_id_expired_at": "2031-12-31 07:00:00"
}"#;

#[test]
fn a_midtrans_transaction_round_trips() {
    let t: TransactionResult = serde_json::from_str(SUCCESS).expect("deserialize");
    assert_eq!(t.outcome, Outcome::Success, "derived from capture + accept");
    assert_eq!(t.status_code, "200");
    assert_eq!(t.order_id.as_deref(), Some("order-102"));
    assert_eq!(t.gross_amount.as_deref(), Some("145000.00"));
    assert_eq!(t.transaction_status.as_deref(), Some("capture"));
    let extra = t.extra();
    assert_eq!(extra["eci"], "05");
    assert_eq!(extra["challenge_completion"], true);
    assert_eq!(extra["on_us"], false);
    assert!(!extra.contains_key("order_id"), "typed fields are not repeated in extra()");
    // Forwarded unchanged: every field back, plus `outcome`.
    let mut expected: Value = serde_json::from_str(SUCCESS).expect("json");
    expected["outcome"] = json!("success");
    let back = serde_json::to_value(&t).expect("serialize");
    assert_eq!(back, expected);
    // And back again.
    let again: TransactionResult = serde_json::from_value(back).expect("deserialize again");
    assert_eq!(again, t);
}

#[test]
fn outcomes_come_from_midtrans_statuses() {
    let pending: TransactionResult =
        serde_json::from_value(json!({"status_code": "201", "transaction_status": "pending"}))
            .expect("pending");
    assert_eq!(pending.outcome, Outcome::Pending);
    let challenge: TransactionResult = serde_json::from_value(
        json!({"status_code": "201", "transaction_status": "capture", "fraud_status": "challenge"}),
    )
    .expect("challenge");
    assert_eq!(challenge.outcome, Outcome::Challenge);
    // A denial is not a result but an error: it does not deserialize as one.
    let deny =
        json!({"status_code": "202", "transaction_status": "deny", "fraud_status": "accept", "eci": "07"});
    assert!(serde_json::from_value::<TransactionResult>(deny).is_err());
    // A given outcome wins (a result serialized earlier).
    let given: TransactionResult = serde_json::from_value(
        json!({"outcome": "pending", "status_code": "200", "transaction_status": "capture"}),
    )
    .expect("given");
    assert_eq!(given.outcome, Outcome::Pending);
}

#[test]
fn token_and_register_answers_round_trip() {
    let token = json!({
        "status_code": "200",
        "status_message": "Credit card token is created as Token ID.",
        "token_id": "48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae",
        "hash": "48111111-1114-xxxx",
        "redirect_url": "https://api.sandbox.veritrans.co.id/v2/token/redirect/x"
    });
    let t: TokenResponse = serde_json::from_value(token.clone()).expect("token");
    assert_eq!(t.token_id, "48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae");
    assert_eq!(t.extra()["redirect_url"], "https://api.sandbox.veritrans.co.id/v2/token/redirect/x");
    assert_eq!(serde_json::to_value(&t).expect("serialize"), token);
    // Numbers for status codes are read as text.
    let n: TokenResponse =
        serde_json::from_value(json!({"status_code": 200, "token_id": "t"})).expect("number");
    assert_eq!(n.status_code, "200");
    assert!(serde_json::from_value::<TokenResponse>(json!({"status_code": "200"})).is_err(), "no token");

    let reg = json!({"status_code": "200", "saved_token_id": "48111111sHfSakAvHvFQFEjTivUV1114",
        "transaction_id": "9d5ad8d4-3b6c-4b8e-9ddd-5d3b2b6e2f4b", "masked_card": "48111111-1114"});
    let r: RegisterResponse = serde_json::from_value(reg.clone()).expect("register");
    assert_eq!(r.masked_card.as_deref(), Some("48111111-1114"));
    assert_eq!(serde_json::to_value(&r).expect("serialize"), reg);
}

#[test]
fn card_debug_shows_no_card_data() {
    let card = Card::new("4811 1111 1111 1114", "12", "2030", "123");
    let shown = format!("{card:?} {card:#?}");
    assert!(!shown.chars().any(|c| c.is_ascii_digit()), "{shown}");
    assert!(shown.contains("number") && shown.contains("cvv"), "{shown}");
    let saved = Card::saved("48111111sHfSakAvHvFQFEjTivUV1114", "123").with_bank_one_time_token("12345678");
    let shown = format!("{saved:?}");
    assert!(!shown.chars().any(|c| c.is_ascii_digit()), "{shown}");
    assert!(saved.is_saved() && !card.is_saved());
}

#[test]
fn the_error_type() {
    let e = Error::new(ErrorCode::Busy);
    assert_eq!(e.to_string(), "busy: Another Midtrans call is still in progress.");
    let source: &dyn std::error::Error = &e;
    assert!(source.source().is_none());
    assert_eq!(std::mem::size_of::<Result<(), Error>>(), std::mem::size_of::<usize>(), "one pointer wide");
    for code in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
        assert!(!code.message().is_empty());
    }
    assert_eq!(ErrorCode::SdkError.as_str(), "sdk_error");
    assert_eq!(ErrorCode::PopupFailed.as_str(), "popup_failed");
}

#[test]
fn outside_a_browser_every_call_fails_sdk_not_loaded() {
    let e =
        now(MidtransCard::load(LoadOptions::new("SB-Mid-client-x", Environment::Sandbox))).expect_err("host");
    assert_eq!(e.code(), ErrorCode::SdkNotLoaded);
    let e =
        ThreeDsPopup::open("https://api.midtrans.com/x", &PopupOptions::default(), &[]).expect_err("host");
    assert_eq!(e.code(), ErrorCode::SdkNotLoaded);
    // Options build on the host too (SSR component code).
    let _ = PayOptions::new("/api/charge").body(&json!({"items": []})).header("X-CSRF-Token", "t");
}

/// The futures a Rust frontend awaits on the server side of an SSR build must be `Send` there.
#[test]
fn host_futures_are_send() {
    fn send<T: Send>(_: &T) {}
    let f = MidtransCard::load(LoadOptions::new("k", Environment::Production));
    send(&f);
}
