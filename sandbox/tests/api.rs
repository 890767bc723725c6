//! HTTP tests on the axum `Router` (no socket): the demo backend's trust rules, hardening,
//! bounded memory, and the Midtrans behaviours the sandbox reproduces.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use midtrans_sandbox::clock::{Clock, ManualClock, SystemClock, MINUTE_MS};
use midtrans_sandbox::midtrans::basic_auth_header;
use midtrans_sandbox::notify::{notification_body, signature_key};
use midtrans_sandbox::server::{router, Settings};
use midtrans_sandbox::store::{Limits, SETTLEMENT_MS};
use midtrans_sandbox::AppState;
use serde_json::{json, Value};
use tower::ServiceExt;

const CLIENT_KEY: &str = "SB-Mid-client-test";
const SERVER_KEY: &str = "SB-Mid-server-test";
const BASE: &str = "http://api.sandbox.midtrans.localhost:1";

struct App {
    router: Router,
    state: Arc<AppState>,
}

fn app_with(clock: Arc<dyn Clock>, limits: Limits) -> App {
    let www = std::env::temp_dir().join(format!(
        "sbx-api-{}-{}",
        std::process::id(),
        midtrans_sandbox::ids::alnum(8)
    ));
    std::fs::create_dir_all(&www).expect("mkdir");
    std::fs::write(www.join("index.html"), "<!doctype html><title>demo</title>").expect("write");
    std::fs::write(www.join("app.js"), "export {};").expect("write");
    let settings = Settings {
        port: 1,
        www: www.clone(),
        pkg: www,
        client_key: CLIENT_KEY.into(),
        server_key: SERVER_KEY.into(),
        // Nothing listens: these tests post notifications to the backend themselves.
        notification_url: "http://127.0.0.1:9/api/notifications".into(),
        public_api_base: BASE.into(),
        time_scale: 1,
        limits,
    };
    let state = Arc::new(AppState::new(settings, clock, false, false));
    App { router: router(state.clone()), state }
}

fn app() -> App {
    app_with(Arc::new(SystemClock), Limits::default())
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl App {
    async fn call(&self, method: &str, uri: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Answer {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = self
            .router
            .clone()
            .oneshot(req.body(Body::from(body)).expect("request"))
            .await
            .expect("infallible");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        Answer { status, headers, body: String::from_utf8_lossy(&bytes).to_string() }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.call("GET", uri, &[], vec![]).await
    }

    /// A JSON POST, with the server key when `auth`.
    async fn post(&self, uri: &str, auth: bool, body: &Value) -> Answer {
        let key = basic_auth_header(SERVER_KEY);
        let mut h = vec![("content-type", "application/json")];
        if auth {
            h.push(("authorization", key.as_str()));
        }
        self.call("POST", uri, &h, body.to_string().into_bytes()).await
    }

    async fn status_of(&self, id: &str) -> Value {
        let key = basic_auth_header(SERVER_KEY);
        self.call("GET", &format!("/v2/{id}/status"), &[("authorization", &key)], vec![]).await.json()
    }

    async fn token(&self, card: &str) -> String {
        let r = self
            .get(&format!(
                "/v2/token?card_number={card}&card_exp_month=12&card_exp_year=2035&card_cvv=123&client_key={CLIENT_KEY}"
            ))
            .await;
        let v = r.json();
        assert_eq!(v["status_code"], "200", "{v}");
        v["token_id"].as_str().expect("token").to_string()
    }

    async fn register(&self, card: &str) -> String {
        let v = self
            .get(&format!(
                "/v2/card/register?card_number={card}&card_exp_month=12&card_exp_year=2035&client_key={CLIENT_KEY}"
            ))
            .await
            .json();
        v["saved_token_id"].as_str().expect("saved").to_string()
    }

    /// The demo page's charge: the cart only.
    async fn shop_charge(&self, token: &str) -> Answer {
        self.post("/api/charge", false, &json!({"token_id": token, "items": cart()})).await
    }

    /// A direct Midtrans charge (server key), 3DS or not.
    async fn charge(&self, order: &str, card: &str, authentication: bool, extra: Value) -> Value {
        let token = self.token(card).await;
        let mut cc = json!({"token_id": token, "authentication": authentication});
        if let (Some(cc), Some(extra)) = (cc.as_object_mut(), extra.as_object()) {
            cc.extend(extra.clone());
        }
        let body = json!({
            "payment_type": "credit_card",
            "transaction_details": {"order_id": order, "gross_amount": 145000},
            "credit_card": cc,
        });
        self.post("/v2/charge", true, &body).await.json()
    }

    /// The 3DS page: GET (frictionless cards answer at once), or the OTP form when `otp`.
    async fn three_ds(&self, charge: &Value, otp: Option<&str>) -> String {
        let url = charge["redirect_url"].as_str().expect("redirect_url");
        let path = url.strip_prefix(BASE).expect("sandbox URL");
        match otp {
            None => self.get(path).await.body,
            Some(otp) => {
                let form = format!("otp={otp}&ok=OK").into_bytes();
                self.call("POST", path, &[("content-type", "application/x-www-form-urlencoded")], form)
                    .await
                    .body
            }
        }
    }

    /// A notification exactly as Midtrans would sign it, with these fields changed.
    fn signed(&self, txn: &Value, changes: Value) -> Value {
        let mut t = txn.clone();
        if let (Some(m), Some(c)) = (t.as_object_mut(), changes.as_object()) {
            m.extend(c.clone());
            m.remove("signature_key");
        }
        notification_body(t, SERVER_KEY)
    }
}

fn cart() -> Value {
    json!([{"id": "kopi-susu-gula-aren-1l", "quantity": 2}])
}

/// The result object a 3DS result page posts to its parent.
fn posted(html: &str) -> Value {
    let start =
        html.find("window.parent.postMessage(").expect("postMessage") + "window.parent.postMessage(".len();
    let end = html[start..].find(", \"*\")").expect("end") + start;
    serde_json::from_str(&html[start..end]).expect("JSON")
}

// ---------------------------------------------------------------------------------------------
// The demo backend decides
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn charge_ignores_nothing_from_the_browser_but_token_and_cart() {
    let a = app();
    let t = a.token("4811111111111114").await;
    // Issue 10 item 1: amount 1 without 3DS. Refused, and nothing was charged.
    for body in [
        json!({"token_id": t, "amount": 1, "authentication": false}),
        json!({"token_id": t, "items": cart(), "amount": 1}),
        json!({"token_id": t, "items": cart(), "authentication": false}),
        json!({"token_id": t, "items": cart(), "order_id": "mine"}),
        json!({"token_id": t, "items": [{"id": "kopi-susu-gula-aren-1l", "quantity": 1, "price": 1}]}),
        json!({"token_id": t}),
    ] {
        let r = a.post("/api/charge", false, &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body} -> {}", r.body);
    }
    assert_eq!(a.state.lock_store().sizes().transactions, 0);
    // The cart: priced from the catalogue, the shop's order id, 3-D Secure on.
    let r = a.shop_charge(&t).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!((v["status_code"].as_str(), v["transaction_status"].as_str()), (Some("201"), Some("pending")));
    assert_eq!(v["gross_amount"], "145000.00");
    assert!(v["redirect_url"].is_string());
    let order_id = v["order_id"].as_str().unwrap_or("");
    assert!(order_id.starts_with("kopi-"));
    let o = a.get(&format!("/api/orders/{order_id}")).await.json();
    assert_eq!((o["transaction_status"].as_str(), o["verified"].as_bool()), (Some("pending"), Some(true)));
}

#[tokio::test]
async fn saved_tokens_never_come_from_the_browser() {
    let a = app();
    // Issue 10 item 2: a saved_token_id sent as token_id.
    let saved = a.register("4811111111111114").await;
    for _ in 0..2 {
        let r = a.post("/api/charge", false, &json!({"token_id": saved, "items": cart()})).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert!(r.body.contains("one-time token"));
    }
    assert_eq!(a.state.lock_store().sizes().transactions, 0);
}

#[tokio::test]
async fn notifications_for_other_orders_or_amounts_are_not_believed() {
    let a = app();
    // Issue 10 item 3: signed, but for an order the shop never created.
    let foreign = notification_body(
        json!({"order_id": "not-ours", "status_code": "200", "gross_amount": "145000.00", "transaction_status": "capture"}),
        SERVER_KEY,
    );
    let r = a.post("/api/notifications", false, &foreign).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(a.get("/api/orders/not-ours").await.status, StatusCode::NOT_FOUND);
    // Unsigned (or wrongly signed).
    let t = a.token("4556557955726624").await;
    let charge = a.shop_charge(&t).await.json();
    let order_id = charge["order_id"].as_str().unwrap_or("").to_string();
    let mut forged = a.signed(&charge, json!({"transaction_status": "capture"}));
    forged["signature_key"] = json!(signature_key(&order_id, "201", "145000.00", "SB-Mid-server-wrong"));
    assert_eq!(a.post("/api/notifications", false, &forged).await.status, StatusCode::FORBIDDEN);
    // Another amount (signed by someone holding the key, for the shop's order).
    let cheap = a.signed(
        &charge,
        json!({"gross_amount": "1.00", "status_code": "200", "transaction_status": "capture"}),
    );
    assert_eq!(a.post("/api/notifications", false, &cheap).await.status, StatusCode::BAD_REQUEST);
    let o = a.get(&format!("/api/orders/{order_id}")).await.json();
    assert_eq!(o["transaction_status"], "pending", "nothing believed");
}

#[tokio::test]
async fn a_paid_order_never_moves_backwards() {
    let a = app();
    let t = a.token("4556557955726624").await;
    let charge = a.shop_charge(&t).await.json();
    let order_id = charge["order_id"].as_str().unwrap_or("").to_string();
    // Frictionless card: the 3DS page finishes on its own.
    let result = posted(&a.three_ds(&charge, None).await);
    assert_eq!(result["transaction_status"], "capture");
    let paid = a.status_of(&order_id).await;
    let good = a.signed(&paid, json!({}));
    let r = a.post("/api/notifications", false, &good).await;
    assert_eq!((r.status, r.json()["transaction_status"].clone()), (StatusCode::OK, json!("capture")));
    let o = a.get(&format!("/api/orders/{order_id}")).await.json();
    assert_eq!(
        (o["transaction_status"].as_str(), o["source"].as_str()),
        (Some("capture"), Some("notification"))
    );
    // Issue 10 item 4: a late, signed `pending` (Midtrans retries and reorders), and a duplicate.
    for late in [a.signed(&charge, json!({})), good.clone()] {
        let r = a.post("/api/notifications", false, &late).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["applied"], false);
        let o = a.get(&format!("/api/orders/{order_id}")).await.json();
        assert_eq!(o["transaction_status"], "capture");
    }
    // A signed claim of `settlement` is not taken at its word: get-status still says capture.
    let claim = a.signed(&paid, json!({"transaction_status": "settlement"}));
    assert_eq!(a.post("/api/notifications", false, &claim).await.json()["transaction_status"], "capture");
    // Another gross_amount: refused, the order keeps its status.
    let other = a.signed(
        &paid,
        json!({"gross_amount": "150000.00", "transaction_status": "deny", "status_code": "202"}),
    );
    assert_eq!(a.post("/api/notifications", false, &other).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.get(&format!("/api/orders/{order_id}")).await.json()["transaction_status"], "capture");
}

#[tokio::test]
async fn notification_answers_503_when_get_status_is_unavailable() {
    // A notification for an order Midtrans no longer knows (purged): not believed, retry later.
    let a = app_with(Arc::new(SystemClock), Limits { max_transactions: 1, ..Limits::default() });
    let t = a.token("4811111111111114").await;
    let charge = a.shop_charge(&t).await.json();
    a.charge("other-1", "4811111111111114", false, json!({})).await; // pushes the first one out
    let r = a.post("/api/notifications", false, &a.signed(&charge, json!({}))).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
}

// ---------------------------------------------------------------------------------------------
// Hardening
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn json_routes_require_application_json() {
    let a = app();
    let t = a.token("4811111111111114").await;
    let body = json!({"token_id": t, "items": cart()}).to_string().into_bytes();
    for ct in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
        for path in ["/api/charge", "/api/notifications"] {
            let r = a.call("POST", path, &[("content-type", ct)], body.clone()).await;
            assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{path} {ct}");
        }
    }
    let r = a.call("POST", "/api/charge", &[], body.clone()).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(a.state.lock_store().sizes().transactions, 0);
    let r = a.call("POST", "/api/charge", &[("content-type", "application/json; charset=utf-8")], body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn demo_pages_cannot_be_framed() {
    let a = app();
    let r = a.get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()),
        Some("frame-ancestors 'none'")
    );
    assert_eq!(r.headers.get(header::X_FRAME_OPTIONS).and_then(|v| v.to_str().ok()), Some("DENY"));
    // Scripts need no such header; the 3DS page must stay frameable by the checkout.
    assert!(a.get("/app.js").await.headers.get(header::X_FRAME_OPTIONS).is_none());
    let charge = a.charge("frame-1", "4811111111111114", true, json!({})).await;
    let path = charge["redirect_url"].as_str().unwrap_or("").strip_prefix(BASE).unwrap_or("").to_string();
    assert!(a.get(&path).await.headers.get(header::X_FRAME_OPTIONS).is_none());
}

#[tokio::test]
async fn memory_stays_flat_under_a_register_and_charge_loop() {
    let limits = Limits {
        max_tokens: 40,
        max_saved_cards: 40,
        max_transactions: 40,
        max_orders: 40,
        notification_queue: 8,
        ..Limits::default()
    };
    let a = app_with(Arc::new(SystemClock), limits);
    // The peak size of each map over the first and the second 150 rounds.
    let mut peaks = [[0usize; 6]; 2];
    for i in 0..300 {
        a.register("4811111111111114").await;
        let t = a.token("4811111111111114").await;
        assert_eq!(a.shop_charge(&t).await.status, StatusCode::OK);
        a.charge(&format!("loop-{i}"), "4811111111111114", false, json!({})).await;
        let z = a.state.lock_store().sizes();
        let now = [
            z.tokens,
            z.saved_cards,
            z.transactions,
            z.order_index,
            z.redirect_index,
            a.state.lock_orders().len(),
        ];
        for (peak, n) in peaks[i / 150].iter_mut().zip(now) {
            *peak = (*peak).max(n);
        }
    }
    assert!(peaks.iter().flatten().all(|n| *n <= 40), "{peaks:?}");
    // Flat: the second half peaks where the first did. (The redirect index, index 4, holds the
    // 3DS transactions among the kept ones; which of two same-millisecond transactions is dropped
    // first varies, so it is only bounded, not compared.)
    for i in [0, 1, 2, 3, 5] {
        assert_eq!(peaks[0][i], peaks[1][i], "map {i}: {peaks:?}");
    }
    // The notification queue is bounded too: what does not fit is dropped, not buffered.
    assert!(a.state.notifier().queue_room() <= 8);
}

// ---------------------------------------------------------------------------------------------
// Fidelity
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn frictionless_3ds2_cards_need_no_otp() {
    let a = app();
    for (card, status, eci) in [
        ("4556557955726624", "capture", "05"),
        ("5333259155643223", "capture", "02"),
        ("4485436455354151", "deny", "07"),
    ] {
        let charge = a.charge(&format!("fl-{card}"), card, true, json!({})).await;
        let page = a.three_ds(&charge, None).await;
        assert!(!page.contains("name=\"otp\""), "{card}: no OTP form");
        let r = posted(&page);
        assert_eq!(
            (r["transaction_status"].as_str(), r["eci"].as_str()),
            (Some(status), Some(eci)),
            "{card}"
        );
        assert_eq!(a.status_of(&format!("fl-{card}")).await["transaction_status"], status);
    }
    // A challenge card still shows the OTP page.
    let charge = a.charge("chl-1", "4916994064252017", true, json!({})).await;
    assert!(a.three_ds(&charge, None).await.contains("name=\"otp\""));
}

#[tokio::test]
async fn bank_specific_cards_have_their_outcomes_and_ecis() {
    let a = app();
    for (card, status, eci) in [
        ("4617008560831760", "deny", "05"),    // Mandiri, denied
        ("5481169191782739", "deny", "02"),    // CIMB Mastercard, denied
        ("4773775202011809", "deny", "05"),    // BCA, denied
        ("4365028662512583", "deny", "05"),    // BRI, denied
        ("4201910000000025", "deny", "05"),    // Mega, denied
        ("4055779628460474", "deny", "05"),    // Maybank, denied
        ("4105054148541363", "deny", "05"),    // BNI, denied
        ("4773773810981190", "capture", "06"), // BCA, attempted authentication
        ("5229907364303610", "capture", "01"), // BCA Mastercard, attempted
        ("4617006959746656", "capture", "05"), // Mandiri, full authentication
    ] {
        let charge = a.charge(&format!("bank-{card}"), card, true, json!({})).await;
        let r = posted(&a.three_ds(&charge, Some("112233")).await);
        assert_eq!(
            (r["transaction_status"].as_str(), r["eci"].as_str()),
            (Some(status), Some(eci)),
            "{card}"
        );
    }
}

#[tokio::test]
async fn non_3ds_charges_carry_no_eci() {
    let a = app();
    let v = a.charge("n3ds-1", "4811111111111114", false, json!({})).await;
    assert_eq!(v["transaction_status"], "capture");
    assert!(v.get("eci").is_none() && v.get("three_ds_version").is_none(), "{v}");
    let v = a.charge("3ds-1", "4811111111111114", true, json!({})).await;
    assert_eq!(v["three_ds_version"], "2");
}

#[tokio::test]
async fn get_status_is_signed() {
    let a = app();
    a.charge("sig-1", "4811111111111114", false, json!({})).await;
    let v = a.status_of("sig-1").await;
    assert_eq!(v["signature_key"], signature_key("sig-1", "200", "145000.00", SERVER_KEY));
}

#[tokio::test]
async fn capture_settles_the_next_day() {
    let clock = Arc::new(ManualClock::new(SystemClock.now_ms()));
    let a = app_with(clock.clone(), Limits::default());
    a.charge("settle-1", "4811111111111114", false, json!({})).await;
    clock.advance_ms(SETTLEMENT_MS - 1);
    a.state.tick();
    assert_eq!(a.status_of("settle-1").await["transaction_status"], "capture");
    clock.advance_ms(1);
    a.state.tick();
    let v = a.status_of("settle-1").await;
    assert_eq!(v["transaction_status"], "settlement");
    assert!(v["settlement_time"].is_string());
}

#[tokio::test]
async fn pre_authorization_is_captured_later() {
    let a = app();
    let v = a.charge("auth-1", "4811111111111114", false, json!({"type": "authorize"})).await;
    assert_eq!(
        (v["status_code"].as_str(), v["transaction_status"].as_str()),
        (Some("200"), Some("authorize"))
    );
    let tid = v["transaction_id"].as_str().unwrap_or("").to_string();
    let r = a.post("/v2/capture", true, &json!({"transaction_id": tid, "gross_amount": 150000})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "more than authorized");
    let r = a.post("/v2/capture", false, &json!({"transaction_id": tid, "gross_amount": 145000})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = a.post("/v2/capture", true, &json!({"transaction_id": tid, "gross_amount": 145000})).await;
    assert_eq!((r.status, r.json()["transaction_status"].clone()), (StatusCode::OK, json!("capture")));
    let r = a.post("/v2/capture", true, &json!({"transaction_id": tid, "gross_amount": 145000})).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED, "already captured");
    // With 3DS: authorize after the OTP.
    let v = a.charge("auth-2", "4811111111111114", true, json!({"type": "authorize"})).await;
    assert_eq!(posted(&a.three_ds(&v, Some("112233")).await)["transaction_status"], "authorize");
}

#[tokio::test]
async fn approve_deny_cancel_expire_refund() {
    let clock = Arc::new(ManualClock::new(SystemClock.now_ms()));
    let a = app_with(clock.clone(), Limits::default());
    let act = |id: &str, action: &str, body: Value| {
        let uri = format!("/v2/{id}/{action}");
        let a = &a;
        async move { a.post(&uri, true, &body).await }
    };
    // FDS challenge -> approve -> capture/accept; approving twice is refused.
    let v = a.charge("chl-a", "4511111111111117", false, json!({})).await;
    assert_eq!(
        (v["transaction_status"].as_str(), v["fraud_status"].as_str()),
        (Some("capture"), Some("challenge"))
    );
    let r = act("chl-a", "approve", json!({})).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(a.status_of("chl-a").await["fraud_status"], "accept");
    assert_eq!(act("chl-a", "approve", json!({})).await.status, StatusCode::PRECONDITION_FAILED);
    // FDS challenge -> deny.
    a.charge("chl-d", "4511111111111117", false, json!({})).await;
    assert_eq!(act("chl-d", "deny", json!({})).await.status, StatusCode::OK);
    let v = a.status_of("chl-d").await;
    assert_eq!((v["transaction_status"].as_str(), v["fraud_status"].as_str()), (Some("deny"), Some("deny")));
    // Capture -> cancel (before settlement); not twice.
    a.charge("cap-c", "4811111111111114", false, json!({})).await;
    assert_eq!(act("cap-c", "cancel", json!({})).await.json()["transaction_status"], "cancel");
    assert_eq!(act("cap-c", "cancel", json!({})).await.status, StatusCode::PRECONDITION_FAILED);
    // Pending 3DS -> expire (407).
    a.charge("pend-e", "4811111111111114", true, json!({})).await;
    let r = act("pend-e", "expire", json!({})).await;
    assert_eq!(
        (r.json()["status_code"].clone(), r.json()["transaction_status"].clone()),
        (json!("407"), json!("expire"))
    );
    // Refund: not before settlement; partial, then the rest; never more.
    a.charge("ref-1", "4811111111111114", false, json!({})).await;
    assert_eq!(act("ref-1", "refund", json!({})).await.status, StatusCode::PRECONDITION_FAILED);
    clock.advance_ms(SETTLEMENT_MS);
    a.state.tick();
    let r = act("ref-1", "refund", json!({"amount": 45000, "refund_key": "rk-1"})).await;
    assert_eq!(
        (r.json()["transaction_status"].clone(), r.json()["refund_amount"].clone()),
        (json!("partial_refund"), json!("45000.00"))
    );
    assert_eq!(
        act("ref-1", "refund", json!({"amount": 100001})).await.status,
        StatusCode::PRECONDITION_FAILED
    );
    assert_eq!(act("ref-1", "refund", json!({})).await.json()["transaction_status"], "refund");
    assert_eq!(act("ref-1", "refund", json!({})).await.status, StatusCode::PRECONDITION_FAILED);
    // Unknown action, unknown id, no key.
    assert_eq!(act("ref-1", "explode", json!({})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(act("nope", "cancel", json!({})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(a.post("/v2/ref-1/cancel", false, &json!({})).await.status, StatusCode::UNAUTHORIZED);
    let _ = MINUTE_MS;
}

#[tokio::test]
async fn the_next_requests_can_fail_or_stall() {
    let a = app();
    let fault = |body: Value| {
        let a = &a;
        async move { a.post("/__sandbox/faults", true, &body).await }
    };
    assert_eq!(
        a.post("/__sandbox/faults", false, &json!({"count": 1, "status": 503})).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(fault(json!({"count": 1, "status": 404})).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(fault(json!({"count": 0, "status": 503})).await.status, StatusCode::BAD_REQUEST);
    // Two 503s, then normal again.
    assert_eq!(fault(json!({"count": 2, "status": 503})).await.status, StatusCode::OK);
    for _ in 0..2 {
        let r = a.post("/v2/charge", true, &json!({})).await;
        assert_eq!(
            (r.status, r.json()["status_code"].clone()),
            (StatusCode::SERVICE_UNAVAILABLE, json!("503"))
        );
    }
    assert_eq!(a.post("/v2/charge", true, &json!({})).await.status, StatusCode::BAD_REQUEST, "a real answer");
    // 429 on get-status only; the demo backend's routes are not under /v2/.
    fault(json!({"count": 1, "status": 429, "path_prefix": "/v2/x/status"})).await;
    assert_eq!(a.get("/api/config").await.status, StatusCode::OK);
    let key = basic_auth_header(SERVER_KEY);
    let r = a.call("GET", "/v2/x/status", &[("authorization", &key)], vec![]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // A stall: the answer comes, late.
    fault(json!({"count": 1, "stall_ms": 300})).await;
    let started = Instant::now();
    let r = a.get(&format!("/v2/token?client_key={CLIENT_KEY}")).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "then the normal answer");
    // Cleared.
    fault(json!({"count": 5, "status": 500})).await;
    assert_eq!(
        a.call("DELETE", "/__sandbox/faults", &[("authorization", &key)], vec![]).await.status,
        StatusCode::OK
    );
    assert_eq!(a.get(&format!("/v2/token?client_key={CLIENT_KEY}")).await.status, StatusCode::BAD_REQUEST);
}
