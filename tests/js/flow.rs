//! The Midtrans wrapper's JavaScript API (the `js` adapter, compiled into the crate's own test
//! build so the adapter can stay private) in headless Chromium, against the same `MidtransNew3ds` test double the
//! offline sandbox serves (sandbox/assets/midtrans-new-3ds.js): shared callback slot, dispatch by
//! status_code, a never-removed postMessage listener with the library's origin rule. Token
//! answers come as JSONP from `data:` URLs; 3DS results as MessageEvents from the popup's iframe;
//! the merchant backend is a stubbed `fetch`. After every case: no iframe, no dialog, no overlay.
#![cfg(all(target_arch = "wasm32", feature = "midtrans"))]

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use midtrans_card::web::api::{MidtransCard, ThreeDsPopup};

const LIBRARY: &str = include_str!("../../sandbox/assets/midtrans-new-3ds.js");

#[wasm_bindgen(inline_js = r#"
// Calls are recorded in the test page (top), whether the library runs there (3DS) or in the
// package's token frame (a copy loaded from the blob URL below).
function instrument(lib, top) {
  for (const name of ['getCardToken', 'registerCard', 'authenticate']) {
    const orig = lib['__orig_' + name] || lib[name];
    lib['__orig_' + name] = orig;
    lib[name] = function (a, b) {
      top.__calls.push({ name, arg: typeof a === 'string' ? a : JSON.parse(JSON.stringify(a)), url: lib.url, clientKey: lib.clientKey });
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
  window.__calls = [];
  instrument(window.MidtransNew3ds, window);
}
export function library_url() { return window.__libUrl || ''; }
export function calls() { return window.__calls; }
export function page_origin() { return location.origin; }
export function body_overflow() { return getComputedStyle(document.body).overflow; }
export function jsonp(obj) {
  return 'data:text/javascript,' + encodeURIComponent('MidtransNew3ds.callback(' + JSON.stringify(obj) + ')') + '//x';
}
export function post_3ds(data, origin, fromFrame) {
  const frame = document.querySelector('iframe');
  const source = fromFrame && frame ? frame.contentWindow : window;
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}
export function pan_in_dom() {
  return [...document.querySelectorAll('script')].some((s) => (s.getAttribute('src') || '').includes('4811111111111114'))
    || document.documentElement.outerHTML.includes('4811111111111114');
}
export function dom_left() {
  return document.querySelectorAll('iframe, [role=dialog], .mc3ds-overlay, .shop-overlay').length;
}
export function sheets() { return document.adoptedStyleSheets.length; }
export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
export function stub_fetch(answers) {
  window.__fetches = [];
  window.__realFetch = window.__realFetch || window.fetch;
  window.fetch = async (input, init) => {
    // As fetch takes it: a Request, or a URL and options.
    const req = new Request(input, init);
    const body = await req.text();
    window.__fetches.push({ url: req.url, method: req.method, type: req.headers.get('content-type'), body: JSON.parse(body), csrf: req.headers.get('x-csrf') });
    const a = answers.shift();
    if (a === 'network') throw new TypeError('Failed to fetch');
    return new Response(typeof a.body === 'string' ? a.body : JSON.stringify(a.body), { status: a.status });
  };
}
export function fetches() { return window.__fetches; }
export function restore_fetch() { if (window.__realFetch) window.fetch = window.__realFetch; }
export function with_library_hidden() { const l = window.MidtransNew3ds; window.MidtransNew3ds = undefined; return l; }
export function restore_library(l) { window.MidtransNew3ds = l; }
export function add_blocked_script() {
  const s = document.createElement('script');
  s.id = 'midtrans-script'; s.type = 'text/plain';
  document.head.appendChild(s);
  return s;
}
// A card number made at run time (never a literal in the wasm's data), and a scan of the wasm
// memory for it, digits only and as typed with spaces.
export function secret_number() { return ['4556', '5579', '5572', '6624'].join(''); }
export function secret_card_text() { return secret_number() + '12' + '2030' + '123'; }
export function memory_holds_secret(memory) {
  const b = new Uint8Array(memory.buffer);
  const find = (s) => {
    const n = new TextEncoder().encode(s);
    outer: for (let i = b.indexOf(n[0]); i !== -1 && i + n.length <= b.length; i = b.indexOf(n[0], i + 1)) {
      for (let j = 1; j < n.length; j++) if (b[i + j] !== n[j]) continue outer;
      window.__secretAt = i;
      return true;
    }
    return false;
  };
  const digits = secret_number();
  return find(digits) || find(digits.replace(/(\d{4})(?=\d)/g, '$1 '));
}
export function secret_at() { return window.__secretAt; }
export function dump_around(memory, at) { const b = new Uint8Array(memory.buffer); return Array.from(b.slice(at - 48, at + 64)).map((c) => (c >= 32 && c < 127 ? String.fromCharCode(c) : '.')).join(''); }
export function write_input(memory, ptr, s) { new Uint8Array(memory.buffer, ptr, s.length).set(new TextEncoder().encode(s)); return s.length; }
export function secret_card() {
  return { card_number: ['4556', '5579', '5572', '6624'].join(' '), card_exp_month: '12', card_exp_year: '2030', card_cvv: '123' };
}
export function press_escape() {
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
}
export function focus_new_button() {
  const b = document.createElement('button'); b.id = 'pay'; b.textContent = 'Pay';
  document.body.appendChild(b); b.focus(); return b;
}
"#)]
extern "C" {
    fn install_library(src: &str);
    fn library_url() -> String;
    fn calls() -> Array;
    fn page_origin() -> String;
    fn body_overflow() -> String;
    fn jsonp(obj: &JsValue) -> String;
    fn post_3ds(data: &JsValue, origin: &str, from_frame: bool);
    fn dom_left() -> u32;
    fn pan_in_dom() -> bool;
    fn sheets() -> u32;
    fn sleep(ms: u32) -> Promise;
    fn stub_fetch(answers: &Array);
    fn fetches() -> Array;
    fn restore_fetch();
    fn with_library_hidden() -> JsValue;
    fn restore_library(l: &JsValue);
    fn add_blocked_script() -> web_sys::Element;
    fn press_escape();
    fn secret_number() -> JsValue;
    fn secret_card_text() -> JsValue;
    fn memory_holds_secret(memory: &JsValue) -> bool;
    fn write_input(memory: &JsValue, ptr: u32, s: &JsValue) -> u32;
    fn secret_card() -> JsValue;
    fn secret_at() -> u32;
    fn dump_around(memory: &JsValue, at: u32) -> String;
    fn focus_new_button() -> web_sys::HtmlElement;
}

fn json(s: &str) -> JsValue {
    js_sys::JSON::parse(s).expect("test JSON")
}
fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}
fn s(v: &JsValue, k: &str) -> Option<String> {
    get(v, k).as_string()
}
fn origin() -> String {
    page_origin()
}
async fn wait(ms: u32) {
    let _ = JsFuture::from(sleep(ms)).await;
}
fn card() -> JsValue {
    json(
        r#"{"card_number":"4811 1111 1111 1114","card_exp_month":"12","card_exp_year":"2030","card_cvv":"123"}"#,
    )
}

fn load_options(api_base: &str) -> JsValue {
    let opts = Object::new();
    Reflect::set(&opts, &"clientKey".into(), &"SB-Mid-client-test".into()).expect("set");
    Reflect::set(&opts, &"environment".into(), &"sandbox".into()).expect("set");
    Reflect::set(&opts, &"apiBaseUrl".into(), &api_base.into()).expect("set");
    Reflect::set(&opts, &"scriptUrl".into(), &library_url().into()).expect("set");
    let allowed: Array = [JsValue::from_str(&origin())].into_iter().collect();
    Reflect::set(&opts, &"allowedRedirectOrigins".into(), &allowed).expect("set");
    opts.into()
}

/// `await MidtransCard.load(...)`, as a JS object (methods are called through JS, as users do).
async fn load_with(api_base: &str) -> JsValue {
    install_library(LIBRARY);
    JsFuture::from(MidtransCard::load(load_options(api_base))).await.expect("load")
}

/// `instance[method](...args)` returning a Promise. The raw class's token methods take the
/// entry's two integers after the caller's arguments (web/api.rs `token_validation`): 0 and 0,
/// every default, as for a caller that sets no validation option (tests/e2e/token-options.test.mjs
/// proves the options through the entry).
fn call(inst: &JsValue, method: &str, args: &[JsValue]) -> Promise {
    let f: js_sys::Function = get(inst, method).dyn_into().expect("method");
    let mut args: Vec<JsValue> = args.to_vec();
    if matches!(method, "getCardToken" | "registerCard" | "pay") {
        args.resize(2, JsValue::UNDEFINED);
        args.extend([JsValue::from(0), JsValue::from(0)]);
    }
    let args: Array = args.iter().cloned().collect();
    f.apply(inst, &args).expect("call").dyn_into().expect("promise")
}

fn assert_clean(what: &str) {
    assert_eq!(dom_left(), 0, "popup nodes left after {what}");
}

async fn expect_err(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => panic!("expected a rejection, got {v:?}"),
        Err(e) => e,
    }
}

fn code(e: &JsValue) -> String {
    assert_eq!(s(e, "name").as_deref(), Some("MidtransCardError"), "{e:?}");
    assert!(e.is_instance_of::<js_sys::Error>());
    s(e, "code").unwrap_or_default()
}

const TOKEN_OK: &str = r#"{"status_code":"200","status_message":"Credit card token is created as Token ID.","token_id":"48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae","hash":"48111111-1114-xxxx"}"#;

#[wasm_bindgen_test]
async fn token_success_sends_a_fresh_object_of_strings() {
    let mc = load_with(&jsonp(&json(TOKEN_OK))).await;
    let mine = card();
    let r = JsFuture::from(call(&mc, "getCardToken", std::slice::from_ref(&mine))).await.expect("token");
    assert_eq!(s(&r, "token_id").as_deref(), Some("48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"));
    assert_eq!(s(&r, "status_code").as_deref(), Some("200"));
    // The caller's object is not mutated (the library adds callback and client_key to its argument).
    assert!(get(&mine, "callback").is_undefined() && get(&mine, "client_key").is_undefined());
    let c = calls().get(0);
    let arg = get(&c, "arg");
    assert_eq!(s(&arg, "card_number").as_deref(), Some("4811111111111114"));
    assert_eq!(s(&arg, "card_exp_month").as_deref(), Some("12"));
    assert_eq!(s(&arg, "card_exp_year").as_deref(), Some("2030"));
    assert!(s(&c, "url").is_some_and(|u| u.ends_with("/v2/token")));
    assert_eq!(s(&c, "clientKey").as_deref(), Some("SB-Mid-client-test"));
    assert_clean("token");
    // The library's JSONP tag (its URL carries the number) is gone once the answer is in.
    assert!(!pan_in_dom(), "the card number is left in the DOM");
}

#[wasm_bindgen_test]
async fn token_400_carries_validation_messages() {
    let resp = r#"{"status_code":"400","status_message":"One or more parameters in the payload is invalid.","validation_messages":["card_exp_year must be greater than this year"],"id":"x"}"#;
    let mc = load_with(&jsonp(&json(resp))).await;
    let e = expect_err(call(&mc, "getCardToken", &[card()])).await;
    assert_eq!(code(&e), "token_failed");
    assert_eq!(s(&e, "statusCode").as_deref(), Some("400"));
    let msgs = Array::from(&get(&e, "validationMessages"));
    assert_eq!(msgs.get(0).as_string().as_deref(), Some("card_exp_year must be greater than this year"));
    assert_eq!(s(&get(&e, "response"), "id").as_deref(), Some("x"));
    assert!(!s(&e, "message").unwrap_or_default().contains("4811"));
}

#[wasm_bindgen_test]
async fn token_401_is_token_failed() {
    let resp = r#"{"status_code":"401","status_message":"Transaction cannot be authorized with the current client/server key.","id":"y"}"#;
    let mc = load_with(&jsonp(&json(resp))).await;
    let e = expect_err(call(&mc, "getCardToken", &[card()])).await;
    assert_eq!(code(&e), "token_failed");
    assert_eq!(s(&e, "statusCode").as_deref(), Some("401"));
}

fn timeout(ms: u32) -> JsValue {
    json(&["{\"timeoutMs\":", &ms.to_string(), "}"].concat())
}

#[wasm_bindgen_test]
async fn no_answer_times_out() {
    let mc = load_with("data:text/javascript,//x").await;
    let e = expect_err(call(&mc, "getCardToken", &[card(), timeout(100)])).await;
    assert_eq!(code(&e), "timeout");
    assert!(!pan_in_dom(), "the card number is left in the DOM after a timeout");
}

#[wasm_bindgen_test]
async fn an_answer_for_another_card_is_ignored() {
    // A late answer to an earlier call (the library has one shared slot) must not settle this one.
    let other = r#"{"status_code":"200","token_id":"52111111-1117-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"}"#;
    let mc = load_with(&jsonp(&json(other))).await;
    let e = expect_err(call(&mc, "getCardToken", &[card(), timeout(300)])).await;
    assert_eq!(code(&e), "timeout");
}

#[wasm_bindgen_test]
async fn overlapping_calls_are_rejected_busy() {
    let mc = load_with("data:text/javascript,//x").await;
    let first = call(&mc, "getCardToken", &[card(), timeout(300)]);
    let second = expect_err(call(&mc, "getCardToken", &[card()])).await;
    assert_eq!(code(&second), "busy");
    let third =
        expect_err(call(&mc, "authenticate", &[JsValue::from_str("https://api.sandbox.midtrans.com/v2/x")]))
            .await;
    assert_eq!(code(&third), "busy");
    assert_eq!(code(&expect_err(first).await), "timeout");
    // Free again once the first settled.
    let again = expect_err(call(&mc, "getCardToken", &[card(), timeout(50)])).await;
    assert_eq!(code(&again), "timeout");
}

#[wasm_bindgen_test]
async fn invalid_cards_never_reach_the_library() {
    let mc = load_with(&jsonp(&json(TOKEN_OK))).await;
    let bad = json(
        r#"{"card_number":"4811111111111115","card_exp_month":"13","card_exp_year":"2030","card_cvv":"12"}"#,
    );
    let e = expect_err(call(&mc, "getCardToken", &[bad])).await;
    assert_eq!(code(&e), "invalid_card");
    let codes: Vec<String> = Array::from(&get(&e, "errors")).iter().filter_map(|x| s(&x, "code")).collect();
    assert_eq!(codes, ["luhn", "invalid_month", "incomplete"]);
    assert_eq!(calls().length(), 0, "no library call, so no network call");
    let text = js_sys::JSON::stringify(&e).expect("json").as_string().unwrap_or_default();
    assert!(!text.contains("4811111111111115"));
}

#[wasm_bindgen_test]
async fn two_click_and_register() {
    let mc = load_with(&jsonp(&json(TOKEN_OK))).await;
    let two = json(r#"{"token_id":"48111111sHfSakAvHvFQFEjTivUV1114","card_cvv":"123"}"#);
    JsFuture::from(call(&mc, "getCardToken", &[two])).await.expect("two-click token");
    let arg = get(&calls().get(0), "arg");
    assert_eq!(s(&arg, "token_id").as_deref(), Some("48111111sHfSakAvHvFQFEjTivUV1114"));
    assert!(get(&arg, "card_number").is_undefined());

    let reg = r#"{"status_code":"200","saved_token_id":"48111111sHfSakAvHvFQFEjTivUV1114","masked_card":"48111111-1114"}"#;
    let mc = load_with(&jsonp(&json(reg))).await;
    let r = JsFuture::from(call(&mc, "registerCard", &[card()])).await.expect("register");
    assert_eq!(s(&r, "saved_token_id").as_deref(), Some("48111111sHfSakAvHvFQFEjTivUV1114"));
    assert!(s(&calls().get(0), "url").is_some_and(|u| u.ends_with("/v2/card/register")));
}

#[wasm_bindgen_test]
async fn load_refuses_bad_options_and_reports_script_failures() {
    install_library(LIBRARY);
    for bad in [
        r#"{"environment":"sandbox"}"#,
        r#"{"clientKey":"k","environment":"dev"}"#,
        r#"{"clientKey":" ","environment":"production"}"#,
    ] {
        let e = match JsFuture::from(MidtransCard::load(json(bad))).await {
            Err(e) => e,
            Ok(_) => panic!("{bad} loaded"),
        };
        assert_eq!(code(&e), "invalid_options", "{bad}");
    }
    let lib = with_library_hidden();
    // 404.
    let opts = json(
        &[
            r#"{"clientKey":"k","environment":"sandbox","timeoutMs":5000,"scriptUrl":""#,
            &origin(),
            r#"/no-such-midtrans.js"}"#,
        ]
        .concat(),
    );
    let e = JsFuture::from(MidtransCard::load(opts)).await.expect_err("404");
    assert_eq!(code(&e), "sdk_load_failed");
    assert!(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("midtrans-script"))
            .is_none(),
        "failed tag removed"
    );
    // A #midtrans-script that never loads (blocked): our timeout.
    let blocked = add_blocked_script();
    let e = JsFuture::from(MidtransCard::load(json(
        r#"{"clientKey":"k","environment":"sandbox","timeoutMs":100}"#,
    )))
    .await
    .expect_err("timeout");
    assert_eq!(code(&e), "sdk_load_failed");
    blocked.remove();
    restore_library(&lib);
    // Calling load twice is fine.
    let a = JsFuture::from(MidtransCard::load(load_options("data:,"))).await.expect("first");
    let b = JsFuture::from(MidtransCard::load(load_options("data:,"))).await.expect("second");
    assert_eq!(s(&a, "environment").as_deref(), Some("sandbox"));
    assert_eq!(s(&b, "environment").as_deref(), Some("sandbox"));
}

fn three_ds_url() -> String {
    [origin().as_str(), "/3ds-page-for-tests"].concat()
}

/// Starts authenticate, waits for the popup, posts `data` from the iframe, returns the result.
async fn authenticate_with(data: &str, closable: bool) -> Result<JsValue, JsValue> {
    let mc = load_with("data:,").await;
    let opts = json(if closable { r#"{"popup":{"closable":true}}"# } else { "{}" });
    let p = call(&mc, "authenticate", &[JsValue::from_str(&three_ds_url()), opts]);
    wait(30).await;
    assert_eq!(dom_left(), 3, "iframe, dialog and overlay while open");
    if !data.is_empty() {
        post_3ds(&json(data), "https://api.sandbox.midtrans.com", true);
    }
    JsFuture::from(p).await
}

#[wasm_bindgen_test]
async fn authenticate_outcomes() {
    let sheets_before = sheets();
    let ok = r#"{"status_code":"200","status_message":"Success, Credit Card transaction is successful","transaction_status":"capture","fraud_status":"accept","order_id":"o-1","gross_amount":"145000.00"}"#;
    let r = authenticate_with(ok, false).await.expect("success");
    assert_eq!(s(&r, "outcome").as_deref(), Some("success"));
    assert_eq!(get(&r, "verifiedByBackend").as_bool(), Some(false));
    assert_eq!(s(&r, "order_id").as_deref(), Some("o-1"));
    assert_eq!(s(&r, "gross_amount").as_deref(), Some("145000.00"));
    assert_clean("success");
    assert_eq!(sheets(), sheets_before, "stylesheet removed");

    let pending = r#"{"status_code":"201","status_message":"Pending after submit OTP 3DS 2.0","transaction_status":"pending"}"#;
    assert_eq!(
        s(&authenticate_with(pending, false).await.expect("pending"), "outcome").as_deref(),
        Some("pending")
    );
    let challenge = r#"{"status_code":"201","status_message":"Challenge by FDS","transaction_status":"capture","fraud_status":"challenge"}"#;
    assert_eq!(
        s(&authenticate_with(challenge, false).await.expect("challenge"), "outcome").as_deref(),
        Some("challenge")
    );

    let deny = r#"{"status_code":"202","status_message":"Card is not authenticated.","transaction_status":"deny","fraud_status":"accept","eci":"07"}"#;
    let e = authenticate_with(deny, false).await.expect_err("deny");
    assert_eq!(code(&e), "authentication_failed");
    assert_eq!(s(&e, "statusCode").as_deref(), Some("202"));
    assert_eq!(s(&get(&e, "response"), "eci").as_deref(), Some("07"));
    let bank = r#"{"status_code":"202","status_message":"Deny by Bank [BNI] with code [05] and message [Do not honor]","transaction_status":"deny","fraud_status":"accept","eci":"05"}"#;
    let e = authenticate_with(bank, false).await.expect_err("bank deny after 3DS");
    assert_eq!(code(&e), "payment_denied");
    let fds = r#"{"status_code":"202","status_message":"Deny by FDS","transaction_status":"deny","fraud_status":"deny","eci":"06"}"#;
    assert_eq!(code(&authenticate_with(fds, false).await.expect_err("fds deny")), "payment_denied");
    let expire =
        r#"{"status_code":"407","status_message":"Transaction is expired","transaction_status":"expire"}"#;
    assert_eq!(code(&authenticate_with(expire, false).await.expect_err("expire")), "authentication_expired");
    assert_clean("all outcomes");
}

#[wasm_bindgen_test]
async fn closable_popup_cancels_by_button_and_escape_and_restores_the_page() {
    let pay_button = focus_new_button();
    let mc = load_with("data:,").await;
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let body = document.body().expect("body");
    let _ = body.style().set_property("overflow", "auto");
    for how in ["button", "escape"] {
        let p = call(
            &mc,
            "authenticate",
            &[
                JsValue::from_str(&three_ds_url()),
                json(r#"{"popup":{"closable":true,"title":"Verifikasi kartu"}}"#),
            ],
        );
        wait(30).await;
        let dialog = document.query_selector("[role=dialog]").ok().flatten().expect("dialog");
        assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
        assert_eq!(dialog.get_attribute("aria-label").as_deref(), Some("Verifikasi kartu"));
        assert_eq!(body_overflow(), "hidden", "page scroll locked while open");
        assert!(
            document.active_element().is_some_and(|a| dialog.contains(Some(&a))),
            "focus moved into the dialog"
        );
        // Focus cannot escape to the page behind while open.
        let _ = pay_button.focus();
        assert!(document.active_element().is_some_and(|a| dialog.contains(Some(&a))), "focus trapped");
        if how == "button" {
            let close: web_sys::HtmlElement = document
                .query_selector(".mc3ds-close")
                .ok()
                .flatten()
                .expect("close")
                .dyn_into()
                .expect("button");
            assert_eq!(close.get_attribute("aria-label").as_deref(), Some("Close"));
            close.click();
        } else {
            press_escape();
        }
        let e = JsFuture::from(p).await.expect_err("cancelled");
        assert_eq!(code(&e), "cancelled", "{how}");
        assert_clean(how);
        assert_eq!(body_overflow(), "auto", "scroll restored");
        assert_eq!(
            body.get_attribute("style").as_deref(),
            Some("overflow: auto;"),
            "the page's own style untouched"
        );
        assert!(document.active_element().is_some_and(|a| a == *pay_button), "focus restored to Pay ({how})");
    }
    // A non-closable popup has no close button and ignores Escape.
    let p = call(&mc, "authenticate", &[JsValue::from_str(&three_ds_url()), timeout(200)]);
    wait(30).await;
    assert!(document.query_selector(".mc3ds-close").ok().flatten().is_none());
    press_escape();
    assert_eq!(code(&JsFuture::from(p).await.expect_err("timeout")), "timeout");
    assert_clean("timeout");
    pay_button.remove();
}

#[wasm_bindgen_test]
async fn bad_redirect_urls_open_nothing() {
    let mc = load_with("data:,").await;
    for url in [
        "http://api.sandbox.midtrans.com/v2/token/rba/redirect/x",
        "javascript:alert(1)",
        "https://evil.example.com/3ds",
        "https://evilmidtrans.example.com/3ds",
        "https://api.midtrans.com.evil.example/3ds",
        "",
    ] {
        let e = expect_err(call(&mc, "authenticate", &[JsValue::from_str(url)])).await;
        assert_eq!(code(&e), "invalid_redirect_url", "{url}");
        assert_clean(url);
        let f: js_sys::Function = get(&mc, "redirect").dyn_into().expect("redirect");
        let thrown = f.call1(&mc, &JsValue::from_str(url)).expect_err("redirect throws");
        assert_eq!(code(&thrown), "invalid_redirect_url");
    }
    assert_eq!(calls().length(), 0);
}

#[wasm_bindgen_test]
async fn wrong_origin_and_stale_messages_are_ignored() {
    let mc = load_with("data:text/javascript,//x").await;
    let ok = r#"{"status_code":"200","status_message":"Success","transaction_status":"capture","fraud_status":"accept"}"#;
    let deny =
        r#"{"status_code":"202","status_message":"Card is not authenticated.","transaction_status":"deny"}"#;
    let p = call(&mc, "authenticate", &[JsValue::from_str(&three_ds_url())]);
    wait(30).await;
    // The library's origin rule rejects this one.
    post_3ds(&json(deny), "https://evil.example", true);
    // Right origin, but not from our iframe: our guard stops it.
    post_3ds(&json(deny), "https://api.sandbox.midtrans.com", false);
    wait(20).await;
    assert_eq!(dom_left(), 3, "still open");
    post_3ds(&json(ok), "https://api.sandbox.midtrans.com", true);
    let r = JsFuture::from(p).await.expect("the genuine message wins");
    assert_eq!(s(&r, "outcome").as_deref(), Some("success"));
    // A late 3DS message after settlement must not reach the next call.
    let token = call(&mc, "getCardToken", &[card(), timeout(200)]);
    post_3ds(&json(deny), "https://api.sandbox.midtrans.com", true);
    post_3ds(&json(deny), "https://api.sandbox.midtrans.com", false);
    let e = expect_err(token).await;
    assert_eq!(code(&e), "timeout", "not token_failed from a stale 3DS message");
    assert_clean("stale");
}

fn pay_options() -> JsValue {
    json(
        r#"{"chargeUrl":"/api/charge","body":{"amount":145000,"order_id":"o-7"},"headers":{"X-CSRF":"abc"},"popup":{"closable":true}}"#,
    )
}

async fn pay_with(answers: &str) -> Result<JsValue, JsValue> {
    let mc = load_with(&jsonp(&json(TOKEN_OK))).await;
    stub_fetch(&Array::from(&json(answers)));
    let r = JsFuture::from(call(&mc, "pay", &[card(), pay_options()])).await;
    restore_fetch();
    r
}

#[wasm_bindgen_test]
async fn pay_without_3ds() {
    let r = pay_with(r#"[{"status":200,"body":{"status_code":"200","transaction_status":"capture","fraud_status":"accept","order_id":"o-7"}}]"#).await.expect("paid");
    assert_eq!(s(&r, "outcome").as_deref(), Some("success"));
    assert_eq!(get(&r, "verifiedByBackend").as_bool(), Some(false));
    let f = fetches().get(0);
    assert_eq!(s(&f, "method").as_deref(), Some("POST"));
    assert_eq!(s(&f, "type").as_deref(), Some("application/json"));
    assert_eq!(s(&f, "csrf").as_deref(), Some("abc"));
    let body = get(&f, "body");
    assert_eq!(s(&body, "token_id").as_deref(), Some("48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"));
    assert_eq!(get(&body, "amount").as_f64(), Some(145000.0));
    assert!(get(&body, "card_number").is_undefined(), "the card never goes to the backend");
    assert_clean("pay 200");
}

#[wasm_bindgen_test]
async fn pay_with_3ds() {
    let mc = load_with(&jsonp(&json(TOKEN_OK))).await;
    let redirect = [
        r#"[{"status":200,"body":{"status_code":"201","transaction_status":"pending","redirect_url":""#,
        &three_ds_url(),
        r#""}}]"#,
    ]
    .concat();
    stub_fetch(&Array::from(&json(&redirect)));
    let p = call(&mc, "pay", &[card(), pay_options()]);
    let mut opened = false;
    for _ in 0..50 {
        wait(20).await;
        if dom_left() == 3 {
            opened = true;
            break;
        }
    }
    assert!(opened, "the 3DS popup opened");
    post_3ds(
        &json(
            r#"{"status_code":"200","status_message":"Success","transaction_status":"capture","fraud_status":"accept","order_id":"o-7"}"#,
        ),
        "https://api.sandbox.midtrans.com",
        true,
    );
    let r = JsFuture::from(p).await.expect("paid");
    restore_fetch();
    assert_eq!(s(&r, "outcome").as_deref(), Some("success"));
    assert_eq!(s(&r, "order_id").as_deref(), Some("o-7"));
    assert_clean("pay 201");
}

#[wasm_bindgen_test]
async fn pay_failures() {
    let e = pay_with(r#"[{"status":500,"body":"Internal Server Error"}]"#).await.expect_err("500");
    assert_eq!(code(&e), "backend_error");
    assert_eq!(get(&e, "httpStatus").as_f64(), Some(500.0));
    assert_eq!(get(&e, "response").as_string().as_deref(), Some("Internal Server Error"));

    let e = pay_with(r#"["network"]"#).await.expect_err("network");
    assert_eq!(code(&e), "network_error");

    let e = pay_with(r#"[{"status":502,"body":{"status_code":"411","status_message":"Token id is missing, invalid, or timed out"}}]"#).await.expect_err("411");
    assert_eq!(code(&e), "charge_failed");
    assert_eq!(s(&e, "statusCode").as_deref(), Some("411"));
    assert_eq!(get(&e, "httpStatus").as_f64(), Some(502.0));

    let e = pay_with(r#"[{"status":200,"body":{"status_code":"202","status_message":"Deny by Bank [BNI] with code [05] and message [Do not honor]","transaction_status":"deny","fraud_status":"accept"}}]"#).await.expect_err("deny");
    assert_eq!(code(&e), "payment_denied");
    assert_eq!(s(&e, "statusCode").as_deref(), Some("202"));

    let bad_url = r#"[{"status":200,"body":{"status_code":"201","transaction_status":"pending","redirect_url":"https://evil.example/3ds"}}]"#;
    assert_eq!(code(&pay_with(bad_url).await.expect_err("bad url")), "invalid_redirect_url");
    assert_clean("pay failures");
}

#[wasm_bindgen_test]
async fn three_ds_popup_for_custom_flows() {
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let body = document.body().expect("body");
    let style_before = body.get_attribute("style");
    let e = ThreeDsPopup::open(
        JsValue::from_str("http://api.midtrans.com/x"),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .err()
    .expect("throws");
    assert_eq!(code(&e), "invalid_redirect_url");
    assert_clean("refused");
    let opts =
        json(&[r#"{"closable":true,"classPrefix":"shop","allowedOrigins":[""#, &origin(), r#""]}"#].concat());
    // The entry passes a function calling the instance's `onCancel` (index.js); not a function
    // here: the popup ignores it.
    let a =
        ThreeDsPopup::open(JsValue::from_str(&three_ds_url()), opts.clone(), JsValue::NULL).expect("open");
    assert!(a.is_open());
    assert!(document.query_selector(".shop-overlay .shop-dialog .shop-frame").ok().flatten().is_some());
    assert_eq!(a.iframe().src(), three_ds_url());
    // One at a time: opening a second closes the first.
    let called = std::rc::Rc::new(std::cell::Cell::new(0));
    let c = called.clone();
    let on_cancel = Closure::<dyn FnMut()>::new(move || c.set(c.get() + 1));
    let b = ThreeDsPopup::open(JsValue::from_str(&three_ds_url()), opts, on_cancel.as_ref().clone())
        .expect("open again");
    assert!(!a.is_open() && b.is_open());
    assert_eq!(dom_left(), 3, "one overlay, dialog and frame");
    press_escape();
    assert_eq!(called.get(), 1);
    assert!(!b.is_open());
    press_escape();
    assert_eq!(called.get(), 1, "listeners gone after close");
    b.close();
    a.close();
    assert_clean("custom popup");
    assert_eq!(body.get_attribute("style"), style_before, "body's style attribute restored as it was");
}

#[wasm_bindgen_test]
async fn no_card_number_stays_in_wasm_memory() {
    let memory = wasm_bindgen::memory();
    assert!(!memory_holds_secret(&memory), "the test starts clean");
    // The validators' boundary (web/abi.rs), as the package entry uses it: the text written
    // into the buffer, one export called. The number stays a JS value on the test's side.
    let abi_number = |n| midtrans_card::web::abi::mc_long(n, 2, 0x7fff, 0);
    let n = write_input(&memory, midtrans_card::web::abi::mc_io(), &secret_number());
    assert_eq!(abi_number(n) & 1, 1, "valid");
    assert!(!memory_holds_secret(&memory), "after validateCardNumber");
    // validateCard: the number, month, year and CVV one after another.
    let n = write_input(&memory, midtrans_card::web::abi::mc_io(), &secret_card_text());
    let r = midtrans_card::web::abi::mc_card(n - 9, 2, 4, 3, u32::MAX - 1, 0x7fff, 0, 202611, 19, 0);
    assert_eq!(r & 1, 1, "a valid card");
    assert!(!memory_holds_secret(&memory), "after validateCard");
    // A token call: the card goes to the library and nowhere else.
    let answer = r#"{"status_code":"200","token_id":"45565579-6624-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"}"#;
    let mc = load_with(&jsonp(&json(answer))).await;
    JsFuture::from(call(&mc, "getCardToken", &[secret_card()])).await.expect("token");
    let found = memory_holds_secret(&memory);
    assert!(!found, "after getCardToken: at {} in {:?}", secret_at(), dump_around(&memory, secret_at()));
}
