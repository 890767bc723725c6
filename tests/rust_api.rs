//! The typed Rust API in headless Chromium, as a Rust frontend uses it (no JavaScript API, no
//! `Reflect` calls), against the offline sandbox's `MidtransNew3ds` test double
//! (sandbox/assets/midtrans-new-3ds.js). Token answers come as JSONP from `data:` URLs; 3DS
//! results as MessageEvents from the popup's iframe; the merchant backend is a stubbed `fetch`.
#![cfg(all(target_arch = "wasm32", feature = "midtrans"))]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, Promise};
use midtrans_card::{
    AuthenticateOptions, Card, Environment, Error, ErrorCode, LoadOptions, Locale, MidtransCard, Outcome,
    PayOptions, PopupOptions, ThreeDsPopup, TokenOptions,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const LIBRARY: &str = include_str!("../sandbox/assets/midtrans-new-3ds.js");

#[wasm_bindgen(inline_js = r#"
// The double's calls are counted in the test page (top), whether the library runs there (3DS)
// or in the package's token frame (a copy loaded from the blob URL below).
function instrument(lib, top) {
  for (const name of ['getCardToken', 'registerCard', 'authenticate']) {
    const orig = lib['__orig_' + name] || lib[name];
    lib['__orig_' + name] = orig;
    lib[name] = function (a, b) {
      if (top.__broken === name) throw new TypeError('broken');
      top.__calls++; top.__lastArg = a; top.__lastKeys = Object.keys(a);
      return orig.call(lib, a, b);
    };
  }
}
export function install_library(src) {
  if (!window.MidtransNew3ds) {
    const s = document.createElement('script');
    s.text = src;
    document.head.appendChild(s);
  }
  if (!window.__libUrl) {
    const code = src + '\n;(' + instrument.toString() + ')(window.MidtransNew3ds, window.top);';
    window.__libUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  }
  window.__calls = 0;
  window.__broken = null;
  instrument(window.MidtransNew3ds, window);
}
export function page_script_tag(src) {
  // As a page that loads the library itself would have it (a type that does not run: the test
  // page's library is already there).
  const s = document.createElement('script');
  s.id = 'midtrans-script';
  s.type = 'text/x-not-run';
  s.src = src;
  document.head.appendChild(s);
  return () => s.remove();
}
export function library_url() { return window.__libUrl || ''; }
export function token_entries(needle) {
  return performance.getEntriesByType('resource').filter((e) => e.name.includes(needle)).length;
}
export function observe_resources() {
  window.__observed = [];
  const o = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__observed.push(e.name); });
  o.observe({ type: 'resource', buffered: true });
  window.__observer = o;
}
export function observed(needle) {
  window.__observer.disconnect();
  return window.__observed.filter((n) => n.includes(needle)).length;
}
export function library_calls() { return window.__calls; }
export function last_keys() { return window.__lastKeys.join(','); }
export function last_arg_field(k) { return String(window.__lastArg[k]); }
export function late_token_answer() {
  window.MidtransNew3ds.callback({ status_code: '200', status_message: 'Credit card token is created as Token ID.', token_id: '48111111-1114-late' });
}
export function post_3ds_nested(json) {
  const frame = document.querySelector('iframe');
  const child = frame.contentDocument.createElement('iframe');
  frame.contentDocument.body.appendChild(child);
  window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(json), origin: 'https://api.sandbox.midtrans.com', source: child.contentWindow }));
}
export function page_listener_hears(json) {
  let heard = false;
  const f = () => { heard = true; };
  window.addEventListener('message', f);
  window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(json), origin: 'https://api.sandbox.midtrans.com', source: window }));
  window.removeEventListener('message', f);
  return heard;
}
export function break_library(name) { window.__broken = name; }
export function page_origin() { return location.origin; }
export function jsonp(json) {
  return 'data:text/javascript,' + encodeURIComponent('MidtransNew3ds.callback(' + json + ')') + '//x';
}
export function post_3ds(json) {
  const frame = document.querySelector('iframe');
  window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(json), origin: 'https://api.sandbox.midtrans.com', source: frame.contentWindow }));
}
export function post_3ds_from_origin(json, origin) {
  const frame = document.querySelector('iframe');
  window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(json), origin, source: frame.contentWindow }));
}
export function popup_nodes() { return document.querySelectorAll('iframe, [role=dialog], .mc3ds-overlay').length; }
export function refuse_script_urls() {
  // What a page enforcing Trusted Types does to a plain string assigned to script.src.
  const d = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src');
  Object.defineProperty(HTMLScriptElement.prototype, 'src', { configurable: true, get: d.get, set() { throw new TypeError("Failed to set the 'src' property on 'HTMLScriptElement': This document requires 'TrustedScriptURL' assignment."); } });
  const lib = window.MidtransNew3ds;
  window.MidtransNew3ds = undefined;
  return () => { Object.defineProperty(HTMLScriptElement.prototype, 'src', d); window.MidtransNew3ds = lib; };
}
// Every live event-listener registration on window and document, counted once per (listener,
// type, capture) as the browser keeps them.
(() => {
  if (window.__listeners) return;
  const live = new Map();
  window.__listeners = live;
  const key = (t, o) => t + '|' + (typeof o === 'boolean' ? o : !!(o && o.capture));
  for (const target of [window, document]) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    target.addEventListener = (t, f, o) => {
      if (f) {
        if (!live.has(f)) live.set(f, new Set());
        live.get(f).add((target === window ? 'w' : 'd') + key(t, o));
      }
      return add(t, f, o);
    };
    target.removeEventListener = (t, f, o) => {
      if (f && live.has(f)) {
        live.get(f).delete((target === window ? 'w' : 'd') + key(t, o));
        if (live.get(f).size === 0) live.delete(f);
      }
      return remove(t, f, o);
    };
  }
})();
export function listener_count() { let n = 0; for (const s of window.__listeners.values()) n += s.size; return n; }
export function leftovers() {
  const jsonp = [...document.querySelectorAll('head script')].filter((s) => /\/v2\/(token|card\/register)/.test(s.getAttribute('src') || '')).length;
  return [popup_nodes_js(), jsonp, window.frames.length, document.adoptedStyleSheets.length].join(',');
}
function popup_nodes_js() { return document.querySelectorAll('iframe, [role=dialog], .mc3ds-overlay').length; }
export function hide_library() {
  const lib = window.MidtransNew3ds;
  window.MidtransNew3ds = undefined;
  return () => { window.MidtransNew3ds = lib; };
}
export function script_tags() { return document.querySelectorAll('#midtrans-script').length; }
export function sheets() { return document.adoptedStyleSheets.length; }
export function click_close() { document.querySelector('.mc3ds-close').click(); }
export function popup_labels() { return [document.querySelector('[role=dialog]').getAttribute('aria-label'), document.querySelector('.mc3ds-close').getAttribute('aria-label')].join('|'); }
export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
export function stub_fetch(answers) {
  window.__bodies = [];
  window.__keys = [];
  window.__realFetch = window.__realFetch || window.fetch;
  window.fetch = async (input, init) => {
    // As fetch takes it: a Request, or a URL and options.
    const req = new Request(input, init);
    window.__bodies.push(await req.text());
    window.__keys.push(req.headers.get('idempotency-key'));
    const a = JSON.parse(answers.shift());
    if (a.never) {
      await new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    if (a.delay) await new Promise((r) => setTimeout(r, a.delay));
    return new Response(typeof a.body === 'string' ? a.body : JSON.stringify(a.body), { status: a.status });
  };
}
export function sent_bodies() { return window.__bodies; }
export function sent_keys() { return window.__keys; }
export function restore_fetch() { if (window.__realFetch) window.fetch = window.__realFetch; }
export function refuse_append() {
  const orig = Node.prototype.appendChild;
  Node.prototype.appendChild = function (n) {
    if (n instanceof HTMLElement && n.className.endsWith('-overlay')) throw new DOMException('refused', 'HierarchyRequestError');
    return orig.call(this, n);
  };
  return () => { Node.prototype.appendChild = orig; };
}
"#)]
extern "C" {
    fn install_library(src: &str);
    fn library_url() -> String;
    fn page_script_tag(src: &str) -> js_sys::Function;
    fn token_entries(needle: &str) -> u32;
    fn observe_resources();
    fn observed(needle: &str) -> u32;
    fn library_calls() -> u32;
    fn last_keys() -> String;
    fn last_arg_field(k: &str) -> String;
    fn late_token_answer();
    fn post_3ds_nested(json: &str);
    fn page_listener_hears(json: &str) -> bool;
    fn post_3ds_from_origin(json: &str, origin: &str);
    fn sent_keys() -> Array;
    fn break_library(name: &str);
    fn page_origin() -> String;
    fn jsonp(json: &str) -> String;
    fn post_3ds(json: &str);
    fn popup_nodes() -> u32;
    fn click_close();
    fn popup_labels() -> String;
    fn sheets() -> u32;
    fn refuse_script_urls() -> js_sys::Function;
    fn script_tags() -> u32;
    fn listener_count() -> u32;
    fn hide_library() -> js_sys::Function;
    fn leftovers() -> String;
    fn sleep(ms: u32) -> Promise;
    fn stub_fetch(answers: &Array);
    fn sent_bodies() -> Array;
    fn restore_fetch();
    fn refuse_append() -> js_sys::Function;
}

async fn wait(ms: u32) {
    let _ = JsFuture::from(sleep(ms)).await;
}

const TOKEN_OK: &str = r#"{"status_code":"200","status_message":"Credit card token is created as Token ID.","token_id":"48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae","hash":"48111111-1114-xxxx","id":"t-1"}"#;

fn card() -> Card {
    Card::new("4811 1111 1111 1114", "12", "2030", "123")
}

/// A client whose token endpoint answers `answer` (a JSON text), or nothing for "".
async fn client(answer: &str) -> MidtransCard {
    install_library(LIBRARY);
    let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
    o.api_base_url = Some(if answer.is_empty() { "data:text/javascript,//x".into() } else { jsonp(answer) });
    o.script_url = Some(library_url());
    o.allowed_redirect_origins.push(page_origin());
    MidtransCard::load(o).await.expect("load")
}

fn short(ms: u64) -> TokenOptions {
    let mut o = TokenOptions::default();
    o.timeout = Duration::from_millis(ms);
    o
}

fn three_ds_url() -> String {
    [page_origin().as_str(), "/3ds-page-for-tests"].concat()
}

fn assert_clean(what: &str) {
    assert_eq!(popup_nodes(), 0, "popup nodes left after {what}");
}

#[wasm_bindgen_test]
async fn load_checks_its_options() {
    install_library(LIBRARY);
    let e = MidtransCard::load(LoadOptions::new("  ", Environment::Production)).await.expect_err("blank key");
    assert_eq!(e.code(), ErrorCode::InvalidOptions);
    // Production: card data goes to these URLs, so plain http is refused.
    for (script, api) in [(Some("http://cdn.example/midtrans.js"), None), (None, Some("http://api.example"))]
    {
        let mut o = LoadOptions::new("Mid-client-x", Environment::Production);
        o.script_url = script.map(String::from);
        o.api_base_url = api.map(String::from);
        let e = MidtransCard::load(o).await.expect_err("http in production");
        assert_eq!(e.code(), ErrorCode::InvalidOptions);
        assert!(e.to_string().contains("https"), "{e}");
    }
    let mc = client(TOKEN_OK).await;
    assert_eq!(mc.environment(), Environment::Sandbox);
}

#[wasm_bindgen_test]
async fn token_is_typed_and_keeps_every_field() {
    let mc = client(TOKEN_OK).await;
    let t = mc.get_card_token(&card()).await.expect("token");
    assert_eq!(t.status_code, "200");
    assert_eq!(t.token_id, "48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae");
    assert_eq!(t.hash.as_deref(), Some("48111111-1114-xxxx"));
    assert_eq!(t.extra()["id"], "t-1");
    // Forwarded unchanged: serializing gives back what Midtrans sent.
    let sent: serde_json::Value = serde_json::from_str(TOKEN_OK).expect("json");
    assert_eq!(serde_json::to_value(&t).expect("serialize"), sent);
}

#[wasm_bindgen_test]
async fn token_failures_carry_the_evidence() {
    let resp = r#"{"status_code":"400","status_message":"One or more parameters in the payload is invalid.","validation_messages":["card_exp_year must be greater than this year"],"id":"x"}"#;
    let e = client(resp).await.get_card_token(&card()).await.expect_err("400");
    assert_eq!(e.code(), ErrorCode::TokenFailed);
    assert_eq!(e.status_code(), Some("400"));
    assert_eq!(e.validation_messages(), ["card_exp_year must be greater than this year"]);
    assert_eq!(e.message(), "One or more parameters in the payload is invalid.");
    assert_eq!(e.response().expect("response")["id"], "x");
    assert!(!e.to_string().contains("4811"), "{e}");

    // A "success" without a token is no token.
    let empty = r#"{"status_code":"200","status_message":"OK","token_id":""}"#;
    let e = client(empty).await.get_card_token(&card()).await.expect_err("no token");
    assert_eq!((e.code(), e.status_code()), (ErrorCode::TokenFailed, Some("200")));
    let reg = r#"{"status_code":"200","masked_card":"48111111-1114"}"#;
    let e = client(reg).await.register_card(&card()).await.expect_err("no saved token");
    assert_eq!(e.code(), ErrorCode::TokenFailed);
    assert_eq!(e.response().expect("the answer")["masked_card"], "48111111-1114");

    let e = client("").await.get_card_token_with(&card(), &short(100)).await.expect_err("silence");
    assert_eq!(e.code(), ErrorCode::Timeout);
}

#[wasm_bindgen_test]
async fn invalid_cards_never_reach_the_library() {
    let mc = client(TOKEN_OK).await;
    let before = library_calls();
    let e = mc.get_card_token(&Card::new("4811111111111115", "13", "2030", "12")).await.expect_err("invalid");
    assert_eq!(e.code(), ErrorCode::InvalidCard);
    let codes: Vec<&str> = e.field_errors().iter().map(|f| f.code).collect();
    assert_eq!(codes, ["luhn", "invalid_month", "incomplete"]);
    assert_eq!(e.field_errors()[0].field.name(), "card_number");
    assert_eq!(library_calls(), before, "no library call, so no network call");
    // Per-call rules: a merchant that takes no Visa.
    let mut only_mc = TokenOptions::default();
    only_mc.supported_brands =
        midtrans_card::domain::BrandSet::only(midtrans_card::domain::Brand::Mastercard);
    let e = mc.get_card_token_with(&card(), &only_mc).await.expect_err("visa refused");
    assert_eq!(e.field_errors()[0].code, "unsupported_brand");
}

#[wasm_bindgen_test]
async fn register_and_two_click() {
    let reg = r#"{"status_code":"200","saved_token_id":"48111111sHfSakAvHvFQFEjTivUV1114","masked_card":"48111111-1114"}"#;
    let r = client(reg).await.register_card(&card()).await.expect("register");
    assert_eq!(r.saved_token_id, "48111111sHfSakAvHvFQFEjTivUV1114");
    assert_eq!(r.masked_card.as_deref(), Some("48111111-1114"));
    let t = client(TOKEN_OK)
        .await
        .get_card_token(&Card::saved("48111111sHfSakAvHvFQFEjTivUV1114", "123"))
        .await
        .expect("two-click token");
    assert!(t.token_id.starts_with("48111111-1114"));
}

#[wasm_bindgen_test]
async fn overlapping_calls_fail_busy() {
    let mc = client("").await;
    let done: Rc<RefCell<Option<Error>>> = Rc::default();
    {
        let (mc, done) = (mc.clone(), done.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let e = mc.get_card_token_with(&card(), &short(300)).await.expect_err("first times out");
            *done.borrow_mut() = Some(e);
        });
    }
    wait(10).await;
    let e = mc.get_card_token(&card()).await.expect_err("second");
    assert_eq!(e.code(), ErrorCode::Busy);
    let e = mc.authenticate(&three_ds_url(), AuthenticateOptions::default()).await.expect_err("3DS too");
    assert_eq!(e.code(), ErrorCode::Busy);
    for _ in 0..50 {
        if done.borrow().is_some() {
            break;
        }
        wait(20).await;
    }
    assert_eq!(done.borrow().as_ref().map(Error::code), Some(ErrorCode::Timeout));
    // Free again.
    let e = mc.get_card_token_with(&card(), &short(50)).await.expect_err("again");
    assert_eq!(e.code(), ErrorCode::Timeout);
}

/// Runs `authenticate` and posts `result` (a JSON text) from the popup's iframe; "" posts
/// nothing; "close" clicks the close button.
async fn authenticate_with(result: &'static str, options: AuthenticateOptions) -> Result<Outcome, Error> {
    let mc = client("").await;
    let task = {
        let url = three_ds_url();
        async move { mc.authenticate(&url, options).await }
    };
    let out: Rc<RefCell<Option<Result<Outcome, Error>>>> = Rc::default();
    let slot = out.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let r = task.await.map(|t| t.outcome);
        *slot.borrow_mut() = Some(r);
    });
    wait(30).await;
    assert_eq!(popup_nodes(), 3, "iframe, dialog and overlay while open");
    match result {
        "" => {}
        "close" => click_close(),
        json => post_3ds(json),
    }
    for _ in 0..100 {
        if let Some(r) = out.borrow_mut().take() {
            assert_clean(result);
            return r;
        }
        wait(20).await;
    }
    panic!("authenticate never settled");
}

#[wasm_bindgen_test]
async fn authenticate_outcomes() {
    let ok = r#"{"status_code":"200","status_message":"Success, Credit Card transaction is successful","transaction_status":"capture","fraud_status":"accept","order_id":"o-1","eci":"05"}"#;
    assert_eq!(
        authenticate_with(ok, AuthenticateOptions::default()).await.expect("success"),
        Outcome::Success
    );
    let pending = r#"{"status_code":"201","status_message":"Pending after submit OTP 3DS 2.0","transaction_status":"pending"}"#;
    assert_eq!(
        authenticate_with(pending, AuthenticateOptions::default()).await.expect("pending"),
        Outcome::Pending
    );
    let deny = r#"{"status_code":"202","status_message":"Card is not authenticated.","transaction_status":"deny","fraud_status":"accept","eci":"07"}"#;
    let e = authenticate_with(deny, AuthenticateOptions::default()).await.expect_err("deny");
    assert_eq!(e.code(), ErrorCode::AuthenticationFailed);
    assert_eq!(e.response().expect("the transaction")["eci"], "07");
    let expire =
        r#"{"status_code":"407","status_message":"Transaction is expired","transaction_status":"expire"}"#;
    let e = authenticate_with(expire, AuthenticateOptions::default()).await.expect_err("expire");
    assert_eq!(e.code(), ErrorCode::AuthenticationExpired);

    let mut closable = AuthenticateOptions::default();
    closable.popup.closable = true;
    let e = authenticate_with("close", closable).await.expect_err("cancel");
    assert_eq!(e.code(), ErrorCode::Cancelled);

    let mut short = AuthenticateOptions::default();
    short.timeout = Duration::from_millis(200);
    let e = authenticate_with("", short).await.expect_err("timeout");
    assert_eq!(e.code(), ErrorCode::Timeout);
}

#[wasm_bindgen_test]
async fn authenticate_result_is_typed() {
    let mc = client("").await;
    let out: Rc<RefCell<Option<midtrans_card::TransactionResult>>> = Rc::default();
    let slot = out.clone();
    let url = three_ds_url();
    wasm_bindgen_futures::spawn_local(async move {
        let t = mc.authenticate(&url, AuthenticateOptions::default()).await.expect("result");
        *slot.borrow_mut() = Some(t);
    });
    wait(30).await;
    post_3ds(
        r#"{"status_code":"201","status_message":"Challenge by FDS","transaction_status":"capture","fraud_status":"challenge","order_id":"o-9","transaction_id":"tx-9","gross_amount":"145000.00","bank":"bni"}"#,
    );
    for _ in 0..50 {
        if out.borrow().is_some() {
            break;
        }
        wait(20).await;
    }
    let t = out.borrow_mut().take().expect("settled");
    assert_eq!(t.outcome, Outcome::Challenge);
    assert_eq!(t.order_id.as_deref(), Some("o-9"));
    assert_eq!(t.transaction_id.as_deref(), Some("tx-9"));
    assert_eq!(t.gross_amount.as_deref(), Some("145000.00"));
    assert_eq!(t.extra()["bank"], "bni");
    assert_eq!(serde_json::to_value(&t).expect("serialize")["outcome"], "challenge");
}

fn answers(list: &[&str]) -> Array {
    list.iter().map(|a| JsValue::from_str(a)).collect()
}

#[wasm_bindgen_test]
async fn pay_without_3ds() {
    let mc = client(TOKEN_OK).await;
    stub_fetch(&answers(&[
        r#"{"status":200,"body":{"status_code":"200","transaction_status":"capture","fraud_status":"accept","order_id":"o-7"}}"#,
    ]));
    let options = PayOptions::new("/api/charge")
        .body(&serde_json::json!({ "items": [{ "id": "kopi-gayo", "quantity": 1 }] }))
        .header("X-CSRF", "abc");
    let t = mc.pay(&card(), options).await.expect("paid");
    restore_fetch();
    assert_eq!(t.outcome, Outcome::Success);
    assert_eq!(t.order_id.as_deref(), Some("o-7"));
    let sent: serde_json::Value =
        serde_json::from_str(&sent_bodies().get(0).as_string().expect("body")).expect("json body");
    assert_eq!(sent["token_id"], "48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae");
    assert_eq!(sent["items"][0]["id"], "kopi-gayo");
    assert!(sent.get("card_number").is_none(), "the card never goes to the backend");
}

#[wasm_bindgen_test]
async fn pay_with_3ds_and_backend_failures() {
    let mc = client(TOKEN_OK).await;
    let redirect = [
        r#"{"status":200,"body":{"status_code":"201","transaction_status":"pending","redirect_url":""#,
        &three_ds_url(),
        r#""}}"#,
    ]
    .concat();
    stub_fetch(&answers(&[&redirect]));
    let out: Rc<RefCell<Option<Result<Outcome, Error>>>> = Rc::default();
    {
        let (mc, slot) = (mc.clone(), out.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let r = mc.pay(&card(), PayOptions::new("/api/charge")).await.map(|t| t.outcome);
            *slot.borrow_mut() = Some(r);
        });
    }
    for _ in 0..50 {
        wait(20).await;
        if popup_nodes() == 3 {
            break;
        }
    }
    post_3ds(
        r#"{"status_code":"200","status_message":"Success","transaction_status":"capture","fraud_status":"accept"}"#,
    );
    for _ in 0..50 {
        if out.borrow().is_some() {
            break;
        }
        wait(20).await;
    }
    restore_fetch();
    assert_eq!(out.borrow_mut().take().expect("settled").expect("paid"), Outcome::Success);
    assert_clean("pay with 3DS");

    stub_fetch(&answers(&[r#"{"status":500,"body":"Internal Server Error"}"#]));
    let e = mc.pay(&card(), PayOptions::new("/api/charge")).await.expect_err("500");
    restore_fetch();
    assert_eq!(e.code(), ErrorCode::BackendError);
    assert_eq!(e.http_status(), Some(500));
    assert_eq!(e.response(), Some(serde_json::Value::String("Internal Server Error".into())));

    stub_fetch(&answers(&[
        r#"{"status":200,"body":{"status_code":"202","status_message":"Deny by Bank [BNI] with code [05] and message [Do not honor]","transaction_status":"deny","fraud_status":"accept"}}"#,
    ]));
    let e = mc.pay(&card(), PayOptions::new("/api/charge")).await.expect_err("deny");
    restore_fetch();
    assert_eq!(e.code(), ErrorCode::PaymentDenied);
    assert_eq!(e.status_code(), Some("202"));

    // Midtrans's refusal relayed as it came (HTTP 200): charge_failed, with the HTTP status.
    stub_fetch(&answers(&[
        r#"{"status":200,"body":{"status_code":"406","status_message":"Duplicate order ID. Order ID has already been utilized previously."}}"#,
    ]));
    let e = mc.pay(&card(), PayOptions::new("/api/charge")).await.expect_err("406");
    restore_fetch();
    assert_eq!(
        (e.code(), e.status_code(), e.http_status()),
        (ErrorCode::ChargeFailed, Some("406"), Some(200))
    );

    let e = mc.pay(&card(), PayOptions::new("")).await.expect_err("no charge url");
    assert_eq!(e.code(), ErrorCode::InvalidOptions);
}

#[wasm_bindgen_test]
async fn each_fault_has_its_own_code() {
    // The library throws when called.
    let mc = client(TOKEN_OK).await;
    break_library("getCardToken");
    let e = mc.get_card_token(&card()).await.expect_err("sdk throws");
    assert_eq!(e.code(), ErrorCode::SdkError);
    install_library(LIBRARY);

    // The page refuses the DOM call that shows the popup: a coded error, and the page is left
    // as it was (no stylesheet locking its scrolling).
    let sheets_before = sheets();
    let restore = refuse_append();
    let r = ThreeDsPopup::open(&three_ds_url(), &PopupOptions::default(), &[&page_origin()]);
    let e = r.expect_err("refused");
    assert_eq!(e.code(), ErrorCode::PopupFailed);
    let e = authenticate_refused().await;
    let _ = restore.call0(&JsValue::NULL);
    assert_eq!(e.code(), ErrorCode::PopupFailed);
    assert_clean("refused popup");
    assert_eq!(sheets(), sheets_before, "a refused popup leaves no stylesheet adopted");

    // A URL that is not Midtrans's is refused before anything is shown.
    let e = ThreeDsPopup::open("https://evil.example/3ds", &PopupOptions::default(), &[]).expect_err("url");
    assert_eq!(e.code(), ErrorCode::InvalidRedirectUrl);
    let e = mc.redirect("http://api.midtrans.com/x", None).expect_err("not https");
    assert_eq!(e.code(), ErrorCode::InvalidRedirectUrl);
}

async fn authenticate_refused() -> Error {
    let mc = client("").await;
    mc.authenticate(&three_ds_url(), AuthenticateOptions::default()).await.expect_err("popup refused")
}

#[wasm_bindgen_test]
async fn the_popup_for_custom_flows() {
    let mut options = PopupOptions::default();
    options.closable = true;
    options.class_prefix = "shop".into();
    let origin = page_origin();
    let popup = ThreeDsPopup::open(&three_ds_url(), &options, &[&origin]).expect("open");
    assert!(popup.is_open());
    assert_eq!(popup.iframe().src(), three_ds_url());
    let cancelled = Rc::new(std::cell::Cell::new(false));
    let flag = cancelled.clone();
    popup.on_cancel(move || flag.set(true));
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let close: web_sys::HtmlElement = document
        .query_selector(".shop-close")
        .ok()
        .flatten()
        .expect("close button")
        .dyn_into()
        .expect("button");
    close.click();
    assert!(cancelled.get() && !popup.is_open());
    drop(popup);
    assert!(document.query_selector(".shop-overlay").ok().flatten().is_none());
}

/// Spawns `f` and returns a slot its result lands in.
fn spawn<T: 'static>(f: impl std::future::Future<Output = T> + 'static) -> Rc<RefCell<Option<T>>> {
    let out: Rc<RefCell<Option<T>>> = Rc::default();
    let slot = out.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let v = f.await;
        *slot.borrow_mut() = Some(v);
    });
    out
}

/// Waits up to `ms` for the slot to fill.
async fn settled<T>(slot: &Rc<RefCell<Option<T>>>, ms: u32) -> Option<T> {
    for _ in 0..(ms / 10).max(1) {
        if slot.borrow().is_some() {
            break;
        }
        wait(10).await;
    }
    slot.borrow_mut().take()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
async fn token_requests_leave_no_card_data_in_the_pages_resource_timeline() {
    install_library(LIBRARY);
    // A real HTTP request (a 404 is timed like any other): data: URLs get no entry at all.
    let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
    o.api_base_url = Some([page_origin().as_str(), "/token-api-for-timing"].concat());
    o.script_url = Some(library_url());
    let mc = MidtransCard::load(o).await.expect("load");
    observe_resources();
    let _ = mc.get_card_token(&card()).await.expect_err("404");
    let _ = mc.register_card(&card()).await.expect_err("404");
    // Neither the buffer nor an observer registered before the call saw the request.
    assert_eq!(token_entries("4811111111111114"), 0, "the token URL is in the page's timeline");
    assert_eq!(token_entries("token-api-for-timing"), 0, "the request is in the page's timeline");
    assert_eq!(observed("token-api-for-timing"), 0, "a PerformanceObserver saw the request");
    assert_eq!(popup_nodes(), 0, "the token frame is gone");
}

#[wasm_bindgen_test]
async fn the_token_frame_loads_the_library_from_where_the_page_did() {
    install_library(LIBRARY);
    // A page with its own (say self-hosted) #midtrans-script and no scriptUrl option: the frame
    // must not fall back to Midtrans's URL, which the page's CSP may not allow.
    let remove = page_script_tag(&library_url());
    let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
    o.api_base_url = Some(jsonp(TOKEN_OK));
    let mc = MidtransCard::load(o).await.expect("load");
    let r = mc.get_card_token_with(&card(), &short(3_000)).await;
    let _ = remove.call0(&JsValue::NULL);
    assert_eq!(
        r.expect("token from the page's copy of the library").token_id,
        "48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"
    );
}

#[wasm_bindgen_test]
async fn a_token_request_answered_with_an_http_error_fails_at_once() {
    install_library(LIBRARY);
    let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
    o.api_base_url = Some([page_origin().as_str(), "/no-such-token-api"].concat());
    o.script_url = Some(library_url());
    let mc = MidtransCard::load(o).await.expect("load");
    let start = now_ms();
    let e = mc.get_card_token(&card()).await.expect_err("404");
    assert_eq!(e.code(), ErrorCode::TokenFailed);
    assert!(now_ms() - start < 5_000.0, "settled in {} ms, not at the 30 s timeout", now_ms() - start);
}

#[wasm_bindgen_test]
async fn register_sends_no_cvv_and_the_library_keeps_no_card_data() {
    let reg = r#"{"status_code":"200","saved_token_id":"48111111sHfSakAvHvFQFEjTivUV1114","masked_card":"48111111-1114"}"#;
    let mc = client(reg).await;
    let r =
        mc.register_card(&Card::without_cvv("4811 1111 1111 1114", "12", "2030")).await.expect("register");
    assert_eq!(r.saved_token_id, "48111111sHfSakAvHvFQFEjTivUV1114");
    assert_eq!(last_keys(), "card_number,card_exp_month,card_exp_year", "no card_cvv");
    // A CVV given to register is not sent either.
    mc.register_card(&card()).await.expect("register with a cvv");
    assert!(!last_keys().contains("card_cvv"));
    // The object the library keeps until its next call holds no card data any more.
    assert_eq!(last_arg_field("card_number"), "");
    let t = client(TOKEN_OK).await;
    t.get_card_token(&card()).await.expect("token");
    assert_eq!((last_arg_field("card_number"), last_arg_field("card_cvv")), (String::new(), String::new()));
}

#[wasm_bindgen_test]
async fn an_indonesian_client_speaks_indonesian() {
    install_library(LIBRARY);
    let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
    o.api_base_url = Some("data:text/javascript,//x".into());
    o.script_url = Some(library_url());
    o.allowed_redirect_origins.push(page_origin());
    o.locale = Locale::Id;
    let mc = MidtransCard::load(o).await.expect("load");
    let e = mc.get_card_token_with(&card(), &short(200)).await.expect_err("silence");
    assert_eq!((e.code(), e.message()), (ErrorCode::Timeout, "Midtrans tidak menjawab tepat waktu."));
    let bad = Card::new("4811 1111 1111 1115", "12", "2030", "123");
    let e = mc.get_card_token(&bad).await.expect_err("luhn");
    assert_eq!(e.message(), "Data kartu tidak valid.");
    assert_eq!(e.field_errors()[0].message, "Nomor kartu Anda tidak valid. Periksa kembali.");
    // The popup's title and close button, and its cancellation.
    let mut opts = AuthenticateOptions::default();
    opts.popup.closable = true;
    let url = three_ds_url();
    let slot = spawn(async move { mc.authenticate(&url, opts).await.map(|t| t.outcome) });
    wait(30).await;
    assert_eq!(popup_labels(), "Verifikasi kartu (3-D Secure)|Tutup");
    click_close();
    let e = settled(&slot, 1_000).await.expect("settled").expect_err("cancelled");
    assert_eq!(e.message(), "Pelanggan menutup verifikasi kartu.");
    assert_clean("the Indonesian popup");
    // In English the specific explanation is the message; in Indonesian it stays in detail().
    let restore = refuse_script_urls();
    let hide = hide_library();
    let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
    o.script_url = Some([page_origin().as_str(), "/midtrans-new-3ds.js"].concat());
    o.locale = Locale::Id;
    let e = MidtransCard::load(o.clone()).await.expect_err("refused");
    assert_eq!(e.message(), "Skrip Midtrans tidak dapat dimuat.");
    assert!(e.detail().is_some_and(|d| d.contains("trustedTypes")), "{:?}", e.detail());
    o.locale = Locale::En;
    let e = MidtransCard::load(o).await.expect_err("refused");
    assert_eq!(Some(e.message()), e.detail());
    let _ = hide.call0(&JsValue::NULL);
    let _ = restore.call0(&JsValue::NULL);
}

#[wasm_bindgen_test]
async fn a_second_popup_cancels_the_first_call_at_once() {
    let mc = client("").await;
    let url = three_ds_url();
    let slot =
        spawn(async move { mc.authenticate(&url, AuthenticateOptions::default()).await.map(|t| t.outcome) });
    wait(30).await;
    let other =
        ThreeDsPopup::open(&three_ds_url(), &PopupOptions::default(), &[&page_origin()]).expect("open");
    let r = settled(&slot, 500).await.expect("the first call settled at once");
    assert_eq!(r.expect_err("cancelled").code(), ErrorCode::Cancelled);
    assert!(other.is_open());
    drop(other);
    assert_clean("forced close");
}

#[wasm_bindgen_test]
async fn results_that_are_not_this_calls_are_ignored() {
    let ok = r#"{"status_code":"200","status_message":"Success","transaction_status":"capture","fraud_status":"accept"}"#;
    let deny = r#"{"status_code":"202","status_message":"Card is not authenticated.","transaction_status":"deny","eci":"07"}"#;
    let mc = client("").await;
    let url = three_ds_url();
    let slot =
        spawn(async move { mc.authenticate(&url, AuthenticateOptions::default()).await.map(|t| t.outcome) });
    wait(30).await;
    // A late token answer reaches the library's one callback slot: not a 3DS result.
    late_token_answer();
    // The right frame, but an origin that is not Midtrans's.
    post_3ds_from_origin(deny, "https://evil.example");
    wait(30).await;
    assert!(slot.borrow().is_none(), "still waiting");
    assert_eq!(popup_nodes(), 3, "the 3DS page stays open");
    // The genuine result, posted by Midtrans's callback page from inside a nested (issuer) frame.
    post_3ds_nested(ok);
    let r = settled(&slot, 1_000).await.expect("settled");
    assert_eq!(r.expect("success"), Outcome::Success);
    assert_clean("bound results");
}

#[wasm_bindgen_test]
async fn with_no_call_in_flight_the_page_gets_its_messages() {
    let _mc = client("").await;
    let msg = r#"{"status_code":"200","status_message":"a Snap widget's own message"}"#;
    assert!(page_listener_hears(msg), "the guard stays out of the way when idle");
}

fn redirect_answer(order: &str) -> String {
    [
        r#"{"status":200,"body":{"status_code":"201","transaction_status":"pending","order_id":""#,
        order,
        r#"","transaction_id":"tx-1","redirect_url":""#,
        &three_ds_url(),
        r#""}}"#,
    ]
    .concat()
}

async fn wait_for_popup() {
    for _ in 0..100 {
        if popup_nodes() == 3 {
            return;
        }
        wait(10).await;
    }
    panic!("no popup");
}

#[wasm_bindgen_test]
async fn pay_is_one_call_and_its_failures_carry_the_charge() {
    let mc = client(TOKEN_OK).await;
    // The backend takes its time: the call stays busy while the charge is in flight.
    let slow = redirect_answer("o-42").replacen("{", r#"{"delay":300,"#, 1);
    stub_fetch(&answers(&[&slow]));
    let mut options = PayOptions::new("/api/charge");
    options.authenticate.popup.closable = true;
    let slot = {
        let mc = mc.clone();
        spawn(async move { mc.pay(&card(), options).await.map(|t| t.outcome) })
    };
    for _ in 0..100 {
        if sent_bodies().length() == 1 {
            break;
        }
        wait(5).await;
    }
    assert_eq!(popup_nodes(), 0, "the charge is still in flight");
    assert_eq!(mc.get_card_token(&card()).await.expect_err("busy during the charge").code(), ErrorCode::Busy);
    wait_for_popup().await;
    // And during 3DS: nothing else can take the library's slot.
    assert_eq!(mc.get_card_token(&card()).await.expect_err("busy").code(), ErrorCode::Busy);
    // A result for another order is not this payment's.
    post_3ds(
        r#"{"status_code":"200","status_message":"Success","transaction_status":"capture","fraud_status":"accept","order_id":"o-other"}"#,
    );
    wait(30).await;
    assert!(slot.borrow().is_none(), "a result naming another order is ignored");
    click_close();
    let e = settled(&slot, 1_000).await.expect("settled").expect_err("cancelled");
    restore_fetch();
    assert_eq!(e.code(), ErrorCode::Cancelled);
    let charge = e.charge().expect("the charge, to reconcile");
    assert_eq!(
        (charge["order_id"].as_str(), charge["transaction_id"].as_str()),
        (Some("o-42"), Some("tx-1"))
    );
    // Free again.
    client(TOKEN_OK).await.get_card_token(&card()).await.expect("free");
}

#[wasm_bindgen_test]
async fn pay_gives_up_on_a_silent_backend_and_keys_each_attempt() {
    let mc = client(TOKEN_OK).await;
    stub_fetch(&answers(&[r#"{"never":true}"#]));
    let mut options = PayOptions::new("/api/charge");
    options.charge_timeout = Duration::from_millis(200);
    let start = now_ms();
    let e = mc.pay(&card(), options).await.expect_err("timeout");
    assert_eq!(e.code(), ErrorCode::Timeout);
    assert!(now_ms() - start < 3_000.0, "gave up after {} ms", now_ms() - start);
    let ok = r#"{"status":200,"body":{"status_code":"200","transaction_status":"capture","fraud_status":"accept"}}"#;
    stub_fetch(&answers(&[ok, ok]));
    mc.pay(&card(), PayOptions::new("/api/charge")).await.expect("first");
    mc.pay(&card(), PayOptions::new("/api/charge")).await.expect("second");
    let keys: Vec<String> = sent_keys().iter().filter_map(|k| k.as_string()).collect();
    restore_fetch();
    assert_eq!(keys.len(), 2);
    assert!(keys[0].len() >= 16 && keys[0].len() <= 46, "{keys:?}");
    assert_ne!(keys[0], keys[1], "one key per attempt");
}

#[wasm_bindgen_test]
async fn load_settles_when_the_page_refuses_the_script_url() {
    install_library(LIBRARY);
    let restore = refuse_script_urls();
    let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
    o.script_url = Some([page_origin().as_str(), "/midtrans-new-3ds.js"].concat());
    let start = now_ms();
    let r = MidtransCard::load(o).await;
    let _ = restore.call0(&JsValue::NULL);
    let e = r.expect_err("refused");
    assert_eq!(e.code(), ErrorCode::SdkLoadFailed);
    assert!(e.message().contains("Trusted Types"), "{}", e.message());
    assert!(now_ms() - start < 1_000.0, "settled at once, not at the timeout");
    assert_eq!(script_tags(), 0, "no half-made script tag left");
}

/// One fault: how to cause it, the code it must settle with, and how soon.
struct Fault {
    name: &'static str,
    code: ErrorCode,
    within_ms: f64,
}

/// Runs `call`, then checks the code, the settle time, and that the page is as it was: no popup
/// node, no JSONP tag, no frame, no stylesheet, and no listener more than before.
async fn check_fault(fault: Fault, call: impl std::future::Future<Output = Result<(), Error>>) {
    let (listeners, before) = (listener_count(), leftovers());
    let start = now_ms();
    let e = call.await.expect_err(fault.name);
    let took = now_ms() - start;
    assert_eq!(e.code(), fault.code, "{}: {e}", fault.name);
    assert!(
        took <= fault.within_ms,
        "{} settled in {took} ms, not within {} ms",
        fault.name,
        fault.within_ms
    );
    wait(20).await;
    assert_eq!(leftovers(), before, "{}: nodes, JSONP tags, frames or stylesheets left", fault.name);
    assert!(
        listener_count() <= listeners,
        "{}: listeners left ({} > {listeners})",
        fault.name,
        listener_count()
    );
}

/// The 3DS step of a fresh client against a page that `then` acts on once the popup is open.
async fn three_ds(then: &'static str, options: AuthenticateOptions) -> Result<(), Error> {
    let mc = client("").await;
    let url = three_ds_url();
    let slot = spawn(async move { mc.authenticate(&url, options).await.map(|_| ()) });
    wait_for_popup().await;
    match then {
        "expire" => post_3ds(
            r#"{"status_code":"407","status_message":"Transaction is expired","transaction_status":"expire"}"#,
        ),
        "close" => click_close(),
        "open another" => {
            drop(ThreeDsPopup::open(&three_ds_url(), &PopupOptions::default(), &[&page_origin()]))
        }
        _ => {}
    }
    settled(&slot, 3_000).await.expect("settled")
}

#[wasm_bindgen_test]
async fn every_fault_settles_with_its_code_in_time_and_leaves_nothing() {
    install_library(LIBRARY);
    // Warm up once: the library's own message listener stays for good (it never removes it).
    let _ = three_ds("expire", AuthenticateOptions::default()).await;

    let fault = |name, code, within_ms| Fault { name, code, within_ms };
    check_fault(fault("script 404", ErrorCode::SdkLoadFailed, 5_000.0), async {
        let restore = hide_library();
        let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
        o.script_url = Some([page_origin().as_str(), "/no-such-midtrans.js"].concat());
        let r = MidtransCard::load(o).await.map(|_| ());
        let _ = restore.call0(&JsValue::NULL);
        r
    })
    .await;
    check_fault(fault("script refused (Trusted Types)", ErrorCode::SdkLoadFailed, 1_000.0), async {
        let restore = refuse_script_urls();
        let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
        o.script_url = Some([page_origin().as_str(), "/midtrans-new-3ds.js"].concat());
        let r = MidtransCard::load(o).await.map(|_| ());
        let _ = restore.call0(&JsValue::NULL);
        r
    })
    .await;
    check_fault(fault("JSONP silence", ErrorCode::Timeout, 1_500.0), async {
        client("").await.get_card_token_with(&card(), &short(300)).await.map(|_| ())
    })
    .await;
    check_fault(fault("token request answered 404", ErrorCode::TokenFailed, 5_000.0), async {
        let mut o = LoadOptions::new("SB-Mid-client-test", Environment::Sandbox);
        o.api_base_url = Some([page_origin().as_str(), "/no-such-token-api"].concat());
        o.script_url = Some(library_url());
        MidtransCard::load(o).await?.get_card_token(&card()).await.map(|_| ())
    })
    .await;
    let bad_request = r#"{"status_code":"400","status_message":"One or more parameters in the payload is invalid.","validation_messages":["card_number does not match with luhn algorithm"]}"#;
    check_fault(fault("token 400", ErrorCode::TokenFailed, 1_000.0), async {
        client(bad_request).await.get_card_token(&card()).await.map(|_| ())
    })
    .await;
    let unauthorized = r#"{"status_code":"401","status_message":"Transaction cannot be authorized with the current client/server key."}"#;
    check_fault(fault("token 401", ErrorCode::TokenFailed, 1_000.0), async {
        client(unauthorized).await.get_card_token(&card()).await.map(|_| ())
    })
    .await;
    check_fault(fault("the library throws", ErrorCode::SdkError, 1_000.0), async {
        let mc = client(TOKEN_OK).await;
        break_library("getCardToken");
        let r = mc.get_card_token(&card()).await.map(|_| ());
        install_library(LIBRARY);
        r
    })
    .await;
    check_fault(
        fault("3DS 407 expire", ErrorCode::AuthenticationExpired, 3_000.0),
        three_ds("expire", AuthenticateOptions::default()),
    )
    .await;
    let mut closable = AuthenticateOptions::default();
    closable.popup.closable = true;
    check_fault(
        fault("the customer closes the popup", ErrorCode::Cancelled, 3_000.0),
        three_ds("close", closable),
    )
    .await;
    check_fault(
        fault("another popup forces it closed", ErrorCode::Cancelled, 3_000.0),
        three_ds("open another", AuthenticateOptions::default()),
    )
    .await;
    let mut short_3ds = AuthenticateOptions::default();
    short_3ds.timeout = Duration::from_millis(300);
    check_fault(fault("3DS silence", ErrorCode::Timeout, 3_000.0), three_ds("", short_3ds)).await;
    check_fault(fault("the popup cannot be shown", ErrorCode::PopupFailed, 1_000.0), async {
        let mc = client("").await;
        let restore = refuse_append();
        let r = mc.authenticate(&three_ds_url(), AuthenticateOptions::default()).await.map(|_| ());
        let _ = restore.call0(&JsValue::NULL);
        r
    })
    .await;
    check_fault(fault("overlap", ErrorCode::Busy, 500.0), async {
        let mc = client("").await;
        let first = {
            let mc = mc.clone();
            spawn(async move { mc.get_card_token_with(&card(), &short(300)).await.map(|_| ()) })
        };
        wait(10).await;
        let r = mc.get_card_token(&card()).await.map(|_| ());
        let _ = settled(&first, 1_000).await;
        r
    })
    .await;
    check_fault(fault("the backend never answers", ErrorCode::Timeout, 2_000.0), async {
        let mc = client(TOKEN_OK).await;
        stub_fetch(&answers(&[r#"{"never":true}"#]));
        let mut o = PayOptions::new("/api/charge");
        o.charge_timeout = Duration::from_millis(300);
        let r = mc.pay(&card(), o).await.map(|_| ());
        restore_fetch();
        r
    })
    .await;
    check_fault(fault("the backend answers 500", ErrorCode::BackendError, 1_000.0), async {
        let mc = client(TOKEN_OK).await;
        stub_fetch(&answers(&[r#"{"status":500,"body":"Internal Server Error"}"#]));
        let r = mc.pay(&card(), PayOptions::new("/api/charge")).await.map(|_| ());
        restore_fetch();
        r
    })
    .await;
}
