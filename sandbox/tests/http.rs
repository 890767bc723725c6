//! End-to-end tests over raw HTTP/1.1 against an in-process server on a free port (the JSONP
//! token call, the 3DS page, notification delivery, and the demo backend as the page uses it).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use midtrans_sandbox::clock::{Clock, ManualClock, SystemClock, MINUTE_MS};
use midtrans_sandbox::midtrans::basic_auth_header;
use midtrans_sandbox::{start, AppState, Config};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CLIENT_KEY: &str = "SB-Mid-client-test";
const SERVER_KEY: &str = "SB-Mid-server-test";

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(pos) = body.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&body[..pos]).unwrap_or("0").trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = pos + 2;
        out.extend_from_slice(&body[start..start + size]);
        body = &body[start + size + 2..];
    }
    out
}

async fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.expect("connect");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).await.expect("write");
    s.write_all(body).await.expect("write body");
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut raw))
        .await
        .expect("response in time")
        .expect("read");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status =
        lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|c| c.parse().ok()).expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Resp { status, headers, body: String::from_utf8_lossy(&body).to_string() }
}

async fn get(port: u16, path: &str) -> Resp {
    request(port, "GET", path, &[], b"").await
}

async fn post_json(port: u16, path: &str, auth: Option<&str>, body: &Value) -> Resp {
    let mut h = vec![("Content-Type", "application/json"), ("Accept", "application/json")];
    if let Some(a) = auth {
        h.push(("Authorization", a));
    }
    request(port, "POST", path, &h, body.to_string().as_bytes()).await
}

fn static_dirs() -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!(
        "sbx-it-{}-{}",
        std::process::id(),
        midtrans_sandbox::ids::alnum(8)
    ));
    let www = root.join("www");
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&www).expect("mkdir");
    std::fs::create_dir_all(&pkg).expect("mkdir");
    std::fs::write(www.join("index.html"), "<!doctype html><title>demo</title>").expect("write");
    std::fs::write(root.join("secret.txt"), "top secret").expect("write");
    std::fs::write(pkg.join("midtrans_card_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");
    std::fs::write(pkg.join("midtrans_card.js"), "export default 1;").expect("write");
    (www, pkg)
}

/// A notification receiver: records each POSTed JSON body (and when it came) and answers
/// `status`.
#[derive(Clone)]
struct Sink {
    url: String,
    got: Arc<Mutex<Vec<(Instant, Value)>>>,
    status: Arc<AtomicU16>,
}

impl Sink {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind sink");
        let port = listener.local_addr().expect("addr").port();
        let sink = Sink {
            url: format!("http://127.0.0.1:{port}/notify"),
            got: Arc::new(Mutex::new(Vec::new())),
            status: Arc::new(AtomicU16::new(200)),
        };
        let s = sink.clone();
        tokio::spawn(async move {
            while let Ok((mut conn, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let mut raw = Vec::new();
                    let mut buf = [0u8; 4096];
                    let body_start = loop {
                        let Ok(n) = conn.read(&mut buf).await else { return };
                        if n == 0 {
                            return;
                        }
                        raw.extend_from_slice(&buf[..n]);
                        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                            break i + 4;
                        }
                    };
                    let head = String::from_utf8_lossy(&raw[..body_start]).to_ascii_lowercase();
                    let len: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    while raw.len() < body_start + len {
                        let Ok(n) = conn.read(&mut buf).await else { return };
                        if n == 0 {
                            break;
                        }
                        raw.extend_from_slice(&buf[..n]);
                    }
                    if let Ok(v) = serde_json::from_slice::<Value>(&raw[body_start..]) {
                        s.got.lock().unwrap_or_else(|e| e.into_inner()).push((Instant::now(), v));
                    }
                    let code = s.status.load(Ordering::SeqCst);
                    let reply =
                        format!("HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    let _ = conn.write_all(reply.as_bytes()).await;
                });
            }
        });
        sink
    }

    fn received(&self) -> Vec<(Instant, Value)> {
        self.got.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

struct Booted {
    port: u16,
    state: Arc<AppState>,
    sink: Sink,
}

fn test_config(notification_url: Option<String>) -> Config {
    let (www, pkg) = static_dirs();
    Config {
        port: 0,
        www,
        pkg,
        client_key: CLIENT_KEY.into(),
        server_key: SERVER_KEY.into(),
        notification_url,
        ..Config::default()
    }
}

/// The sandbox with notifications going to a test [`Sink`].
async fn boot(clock: Arc<dyn Clock>) -> Booted {
    boot_with(clock, |_| {}).await
}

async fn boot_with(clock: Arc<dyn Clock>, tweak: impl FnOnce(&mut Config)) -> Booted {
    let sink = Sink::start().await;
    let mut config = test_config(Some(sink.url.clone()));
    tweak(&mut config);
    let s = start(config, clock).await.expect("server starts");
    Booted { port: s.port, state: s.state, sink }
}

/// The sandbox with notifications going to its own demo merchant backend (as `npm start`).
async fn boot_merchant(clock: Arc<dyn Clock>) -> Booted {
    let s = start(test_config(None), clock).await.expect("server starts");
    Booted { port: s.port, state: s.state, sink: Sink::start().await }
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Gets a token through JSONP, as the library does; returns the parsed JSON from the JSONP body.
async fn token_jsonp(port: u16, card: &str) -> (Resp, Value) {
    let path = format!(
        "/v2/token?card_number={}&card_exp_month=12&card_exp_year=2035&card_cvv=123&callback=MidtransNew3ds.callback&client_key={CLIENT_KEY}&",
        enc(card)
    );
    let r = get(port, &path).await;
    let body = r
        .body
        .strip_prefix("MidtransNew3ds.callback(")
        .and_then(|b| b.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not JSONP: {}", r.body))
        .to_string();
    let v: Value = serde_json::from_str(&body).expect("JSONP argument is JSON");
    (r, v)
}

async fn token(port: u16, card: &str) -> String {
    let (_, v) = token_jsonp(port, card).await;
    assert_eq!(v["status_code"], "200", "{v}");
    v["token_id"].as_str().expect("token_id").to_string()
}

fn charge_body(order_id: &str, token_id: &str, authentication: bool) -> Value {
    json!({
        "payment_type": "credit_card",
        "transaction_details": {"order_id": order_id, "gross_amount": 145000},
        "credit_card": {"token_id": token_id, "authentication": authentication},
        "item_details": [{"id": "a", "name": "Shoes", "price": 100000, "quantity": 1}, {"id": "b", "name": "Socks", "price": 15000, "quantity": 3}],
    })
}

fn auth() -> String {
    basic_auth_header(SERVER_KEY)
}

/// Waits for a notification of `order_id` with `want_status` at the sink; checks its signature.
async fn wait_for_notification(sink: &Sink, order_id: &str, want_status: &str) -> Value {
    for _ in 0..100 {
        let found = sink
            .received()
            .into_iter()
            .map(|(_, v)| v)
            .find(|v| v["order_id"] == order_id && v["transaction_status"] == want_status);
        if let Some(v) = found {
            let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
            let sig = midtrans_sandbox::notify::signature_key(
                &field("order_id"),
                &field("status_code"),
                &field("gross_amount"),
                SERVER_KEY,
            );
            assert_eq!(v["signature_key"], sig, "signed with the server key");
            assert_eq!(v["status_message"], "midtrans payment notification");
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no notification with status {want_status} for {order_id}: {:?}", sink.received());
}

/// The demo backend's view of an order once a verified notification confirmed `want_status`.
async fn wait_for_order(port: u16, order_id: &str, want_status: &str) -> Value {
    for _ in 0..100 {
        let r = get(port, &format!("/api/orders/{order_id}")).await;
        if r.status == 200 {
            let v = r.json();
            if v["source"] == "notification" && v["transaction_status"] == want_status {
                return v;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no verified notification with status {want_status} for {order_id}");
}

#[tokio::test]
async fn health_library_and_config() {
    let s = boot(Arc::new(SystemClock)).await;
    let r = get(s.port, "/__health").await;
    assert_eq!((r.status, r.body.as_str()), (200, "ok"));

    let r = get(s.port, "/v2/assets/js/midtrans-new-3ds.min.js").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap_or("").starts_with("text/javascript"));
    assert!(r.body.contains("var MidtransNew3ds"));
    assert!(r.body.contains("\"1.2\""));
    // Loadable with Subresource Integrity (crossorigin="anonymous").
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));

    let r = get(s.port, "/api/config").await;
    assert_eq!(r.status, 200);
    let base = format!("http://api.sandbox.midtrans.localhost:{}", s.port);
    assert_eq!(
        r.json(),
        json!({
            "clientKey": CLIENT_KEY,
            "environment": "sandbox",
            "apiBaseUrl": base,
            "scriptUrl": format!("{base}/v2/assets/js/midtrans-new-3ds.min.js"),
            "redirectOrigins": [base],
        })
    );
    assert!(!r.body.contains(SERVER_KEY));
}

#[tokio::test]
async fn token_jsonp_success_400_and_401() {
    let s = boot(Arc::new(SystemClock)).await;
    let (r, v) = token_jsonp(s.port, "4811 1111 1111 1114").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/javascript"));
    assert!(r.header("access-control-allow-origin").is_none());
    assert_eq!(v["status_code"], "200");
    assert_eq!(v["status_message"], "Credit card token is created as Token ID.");
    assert_eq!(v["hash"], "48111111-1114-xxxx");
    let t = v["token_id"].as_str().unwrap_or("");
    assert!(t.starts_with("48111111-1114-") && t.len() == 50, "{t}");

    // Luhn failure: still HTTP 200 JSONP so the library's onFailure fires.
    let (r, v) = token_jsonp(s.port, "4811 1111 1111 1115").await;
    assert_eq!(r.status, 200);
    assert_eq!(v["status_code"], "400");
    assert_eq!(v["status_message"], "One or more parameters in the payload is invalid.");
    assert_eq!(v["validation_messages"], json!(["card_number does not match with luhn algorithm"]));
    assert_eq!(v["id"].as_str().map(str::len), Some(36));

    // Plain JSON (no callback): the HTTP status follows the body.
    let r = get(s.port, &format!("/v2/token?card_number=4811111111111114&card_exp_month=01&card_exp_year=2001&client_key={CLIENT_KEY}")).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v = r.json();
    let msgs = v["validation_messages"].as_array().cloned().unwrap_or_default();
    assert!(msgs.contains(&json!("card_exp_year must be greater than this year")), "{v}");
    assert!(msgs.contains(&json!("card_cvv is required")), "{v}");

    // Wrong client key.
    let r = get(s.port, "/v2/token?card_number=4811111111111114&card_exp_month=12&card_exp_year=2035&card_cvv=123&callback=cb&client_key=nope&").await;
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with("cb({"));
    assert!(r.body.contains("\"status_code\":\"401\""));
    assert!(r.body.contains("Transaction cannot be authorized with the current client/server key."));

    // A callback that is not an identifier is refused, not reflected.
    let r = get(s.port, &format!("/v2/token?callback=alert(1)//&client_key={CLIENT_KEY}")).await;
    assert_eq!(r.status, 400);
    assert!(!r.body.contains("alert(1)//("));
}

#[tokio::test]
async fn register_card_and_two_click() {
    let s = boot(Arc::new(SystemClock)).await;
    let r = get(s.port, &format!("/v2/card/register?card_number=4811111111111114&card_exp_month=12&card_exp_year=2035&card_cvv=123&callback=MidtransNew3ds.callback&client_key={CLIENT_KEY}&")).await;
    assert_eq!(r.status, 200);
    let v: Value =
        serde_json::from_str(r.body.trim_start_matches("MidtransNew3ds.callback(").trim_end_matches(");"))
            .expect("json");
    assert_eq!(v["status_code"], "200");
    assert!(v.get("status_message").is_none());
    assert_eq!(v["masked_card"], "48111111-1114");
    let saved = v["saved_token_id"].as_str().unwrap_or("").to_string();
    assert_eq!(saved.len(), 32);

    // two-click: saved token + cvv -> fresh token
    let r = get(s.port, &format!("/v2/token?token_id={saved}&card_cvv=123&client_key={CLIENT_KEY}")).await;
    assert_eq!(r.status, 200);
    let fresh = r.json()["token_id"].as_str().unwrap_or("").to_string();
    assert!(fresh.starts_with("48111111-1114-"));
    let r = post_json(s.port, "/v2/charge", Some(&auth()), &charge_body("two-click-1", &fresh, false)).await;
    assert_eq!(r.json()["status_code"], "200");

    // one-click: the saved token charges directly, repeatedly
    for order in ["one-click-1", "one-click-2"] {
        let r = post_json(s.port, "/v2/charge", Some(&auth()), &charge_body(order, &saved, false)).await;
        assert_eq!(r.json()["transaction_status"], "capture");
    }

    let r = get(s.port, &format!("/v2/token?token_id=unknown&card_cvv=123&client_key={CLIENT_KEY}")).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn charge_outcomes() {
    let s = boot(Arc::new(SystemClock)).await;
    let p = s.port;

    // 401: missing and wrong server key
    let t = token(p, "4811111111111114").await;
    let r = post_json(p, "/v2/charge", None, &charge_body("o-401", &t, false)).await;
    assert_eq!((r.status, r.json()["status_code"].clone()), (401, json!("401")));
    let wrong = basic_auth_header("SB-Mid-server-wrong");
    let r = post_json(p, "/v2/charge", Some(&wrong), &charge_body("o-401", &t, false)).await;
    assert_eq!(r.status, 401);

    // 200 capture/accept (the token was not consumed by the 401s)
    let r = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-200", &t, false)).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["status_code"], "200");
    assert_eq!(v["transaction_status"], "capture");
    assert_eq!(v["fraud_status"], "accept");
    assert_eq!(v["gross_amount"], "145000.00");
    assert_eq!(v["currency"], "IDR");
    assert_eq!(v["merchant_id"], "G000000000");
    assert_eq!(v["masked_card"], "48111111-1114");
    assert_eq!(v["bank"], "bni");
    // Without 3DS, Midtrans sends no ECI and no 3DS version.
    assert!(v.get("eci").is_none() && v.get("three_ds_version").is_none(), "{v}");
    assert_eq!(v["on_us"], false);
    assert_eq!(v["transaction_id"].as_str().map(str::len), Some(36));
    let time = v["transaction_time"].as_str().unwrap_or("");
    assert_eq!(time.len(), 19);
    assert_eq!(&time[4..5], "-");
    assert_eq!(&time[10..11], " ");

    // 411: the same token again
    let r = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-411", &t, false)).await;
    assert_eq!(r.status, 411);
    assert_eq!(r.json()["status_message"], "Token id is missing, invalid, or timed out");
    let r = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-411b", "made-up", false)).await;
    assert_eq!(r.json()["status_code"], "411");

    // 406: duplicate order id
    let t = token(p, "4811111111111114").await;
    let r = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-200", &t, false)).await;
    assert_eq!((r.status, r.json()["status_code"].clone()), (406, json!("406")));

    // 202 deny by bank
    let t = token(p, "4911111111111113").await;
    let r = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-202", &t, false)).await;
    let v = r.json();
    assert_eq!((r.status, v["status_code"].clone()), (202, json!("202")));
    assert_eq!(v["transaction_status"], "deny");
    assert_eq!(v["fraud_status"], "accept");
    assert_eq!(v["status_message"], "Deny by Bank [BNI] with code [05] and message [Do not honor]");
    assert_eq!(v["channel_response_code"], "05");

    // 202 deny by FDS
    let t = token(p, "4611111111111116").await;
    let v = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-fds", &t, false)).await.json();
    assert_eq!((v["transaction_status"].clone(), v["fraud_status"].clone()), (json!("deny"), json!("deny")));

    // 201 capture/challenge
    let t = token(p, "4511 1111 1111 1117").await;
    let v = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-chl", &t, false)).await.json();
    assert_eq!(v["status_code"], "201");
    assert_eq!(
        (v["transaction_status"].clone(), v["fraud_status"].clone()),
        (json!("capture"), json!("challenge"))
    );

    // 201 pending + redirect_url with authentication
    let t = token(p, "4811111111111114").await;
    let v = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-3ds", &t, true)).await.json();
    assert_eq!(v["status_code"], "201");
    assert_eq!(v["transaction_status"], "pending");
    assert_eq!(
        v["redirect_url"],
        json!(format!("http://api.sandbox.midtrans.localhost:{p}/v2/token/rba/redirect/{t}"))
    );
    assert!(v["expiry_time"].is_string());

    // 400: gross_amount != sum(items), bad JSON, missing fields
    let t = token(p, "4811111111111114").await;
    let mut body = charge_body("o-400", &t, false);
    body["transaction_details"]["gross_amount"] = json!(1000);
    let r = post_json(p, "/v2/charge", Some(&auth()), &body).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["validation_messages"],
        json!(["transaction_details.gross_amount is not equal to the sum of item_details"])
    );
    let r = request(p, "POST", "/v2/charge", &[("Authorization", &auth())], b"{not json").await;
    assert_eq!(r.status, 400);
    assert!(r.json()["status_code"].is_string());
    let r = post_json(p, "/v2/charge", Some(&auth()), &json!({"payment_type": "credit_card"})).await;
    assert_eq!(r.status, 400);
    let msgs = r.json()["validation_messages"].as_array().map(Vec::len).unwrap_or(0);
    assert!(msgs >= 3);
    // the rejected requests did not consume the token
    let r = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-400-ok", &t, false)).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn status_and_notifications() {
    let s = boot(Arc::new(SystemClock)).await;
    let p = s.port;
    let t = token(p, "4811111111111114").await;
    let v = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-status", &t, false)).await.json();
    let tid = v["transaction_id"].as_str().unwrap_or("").to_string();

    for id in ["o-status", tid.as_str()] {
        let r = request(p, "GET", &format!("/v2/{id}/status"), &[("Authorization", &auth())], b"").await;
        assert_eq!(r.status, 200);
        let v = r.json();
        assert_eq!(v["order_id"], "o-status");
        assert_eq!(v["transaction_status"], "capture");
        assert_eq!(v["status_message"], "Success, transaction is found");
    }
    let r = request(p, "GET", "/v2/o-status/status", &[], b"").await;
    assert_eq!(r.status, 401);
    let r = request(p, "GET", "/v2/nope/status", &[("Authorization", &auth())], b"").await;
    assert_eq!((r.status, r.json()["status_code"].clone()), (404, json!("404")));

    // get-status carries signature_key, like Midtrans's.
    let v = request(p, "GET", "/v2/o-status/status", &[("Authorization", &auth())], b"").await.json();
    let sig = midtrans_sandbox::notify::signature_key("o-status", "200", "145000.00", SERVER_KEY);
    assert_eq!(v["signature_key"], sig);

    // The notification was sent, signed with the server key.
    let v = wait_for_notification(&s.sink, "o-status", "capture").await;
    assert_eq!(v["status_code"], "200");
    assert_eq!(v["fraud_status"], "accept");
}

#[tokio::test]
async fn three_ds_page_flow() {
    let s = boot(Arc::new(SystemClock)).await;
    let p = s.port;

    // Right OTP on an accepting card.
    let t = token(p, "4811111111111114").await;
    let v = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-otp-ok", &t, true)).await.json();
    let url = v["redirect_url"].as_str().unwrap_or("").to_string();
    let path = url.split_once(&format!(":{p}")).map(|(_, p)| p.to_string()).unwrap_or_default();
    let r = get(p, &path).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap_or("").starts_with("text/html"));
    assert!(r.body.contains("name=\"otp\"") && r.body.contains("name=\"ok\"") && r.body.contains("112233"));
    let r = request(
        p,
        "POST",
        &path,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"otp=112233&ok=OK",
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("window.parent.postMessage({"), "{}", r.body);
    assert!(r.body.contains("\"status_code\":\"200\""));
    assert!(r.body.contains("\"transaction_status\":\"capture\""));
    let v = request(p, "GET", "/v2/o-otp-ok/status", &[("Authorization", &auth())], b"").await.json();
    assert_eq!(v["transaction_status"], "capture");
    assert_eq!(v["challenge_completion"], true);
    wait_for_notification(&s.sink, "o-otp-ok", "capture").await;
    // Finished: the page is now an error page, no second post.
    let r = get(p, &path).await;
    assert_eq!(r.status, 409);
    assert!(!r.body.contains("postMessage"));

    // Wrong OTP: deny, not authenticated, ECI 07.
    let t = token(p, "4811111111111114").await;
    post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-otp-bad", &t, true)).await;
    let r = request(p, "POST", &format!("/v2/token/rba/redirect/{t}"), &[], b"otp=000000&ok=OK").await;
    assert!(r.body.contains("\"status_code\":\"202\""));
    assert!(r.body.contains("Card is not authenticated."));
    assert!(r.body.contains("\"eci\":\"07\""));
    wait_for_notification(&s.sink, "o-otp-bad", "deny").await;

    // Challenge-deny 3DS2 card with the right OTP still denies.
    let t = token(p, "4604633194219929").await;
    post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-chl-deny", &t, true)).await;
    let r = request(p, "POST", &format!("/v2/token/rba/redirect/{t}"), &[], b"otp=112233").await;
    assert!(r.body.contains("\"transaction_status\":\"deny\""));

    // callback_type=form: auto-POST of `response` to callback_url.
    let t = token(p, "4811111111111114").await;
    post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-form", &t, true)).await;
    let q = format!("?callback_type=form&callback_url={}&", enc("http://localhost:1234/finish?x=1"));
    let r = request(p, "POST", &format!("/v2/token/rba/redirect/{t}{q}"), &[], b"otp=112233&ok=OK").await;
    assert!(r.body.contains("action=\"http://localhost:1234/finish?x=1\""), "{}", r.body);
    assert!(r.body.contains("name=\"response\" value=\"{&quot;"));
    assert!(!r.body.contains("postMessage"));

    // Unknown page id: error page, no crash.
    let r = get(p, "/v2/token/rba/redirect/does-not-exist").await;
    assert_eq!(r.status, 404);
    assert!(
        r.body.contains("not found")
            || r.body.contains("Not found")
            || r.body.contains("Transaction not found")
    );
}

#[tokio::test]
async fn clock_driven_lifecycle() {
    let now = SystemClock.now_ms();
    let clock = Arc::new(ManualClock::new(now));
    let s = boot(clock.clone()).await;
    let p = s.port;

    // A token older than 10 minutes is refused with 411.
    let t = token(p, "4811111111111114").await;
    clock.advance_ms(10 * MINUTE_MS);
    let r = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-old-token", &t, false)).await;
    assert_eq!(r.json()["status_code"], "411");

    // 3DS not completed within 10 minutes: the page posts a 407 expire, status says 407.
    let t = token(p, "4811111111111114").await;
    post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-expire", &t, true)).await;
    clock.advance_ms(10 * MINUTE_MS + 1000);
    let r = get(p, &format!("/v2/token/rba/redirect/{t}")).await;
    assert!(r.body.contains("\"status_code\":\"407\""), "{}", r.body);
    assert!(r.body.contains("\"transaction_status\":\"expire\""));
    assert!(r.body.contains("expired"));
    assert!(r.body.contains("postMessage"));
    let v = request(p, "GET", "/v2/o-expire/status", &[("Authorization", &auth())], b"").await.json();
    assert_eq!(v["status_code"], "407");
    wait_for_notification(&s.sink, "o-expire", "expire").await;

    // Pending 3DS2 card: 201 pending, then capture after 60 s (and a notification).
    let t = token(p, "4024 0071 7626 5022").await;
    let v = post_json(p, "/v2/charge", Some(&auth()), &charge_body("o-pending", &t, false)).await.json();
    assert_eq!((v["status_code"].clone(), v["transaction_status"].clone()), (json!("201"), json!("pending")));
    wait_for_notification(&s.sink, "o-pending", "pending").await;
    clock.advance_ms(59_000);
    s.state.tick();
    let v = request(p, "GET", "/v2/o-pending/status", &[("Authorization", &auth())], b"").await.json();
    assert_eq!(v["transaction_status"], "pending");
    clock.advance_ms(1_000);
    s.state.tick();
    let v = request(p, "GET", "/v2/o-pending/status", &[("Authorization", &auth())], b"").await.json();
    assert_eq!((v["status_code"].clone(), v["transaction_status"].clone()), (json!("200"), json!("capture")));
    wait_for_notification(&s.sink, "o-pending", "capture").await;
}

/// The cart the demo page sends: two bottles of the catalogue's coffee (shipping added by the shop).
fn cart() -> Value {
    json!([{"id": "kopi-susu-gula-aren-1l", "quantity": 2}])
}

#[tokio::test]
async fn demo_backend_charge() {
    let s = boot_merchant(Arc::new(SystemClock)).await;
    let p = s.port;
    let t = token(p, "4811111111111114").await;
    let r = post_json(p, "/api/charge", None, &json!({"token_id": t, "items": cart()})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    // 3-D Secure always: a 201 body, answered with HTTP 200; the shop's own order id and price.
    assert_eq!(v["status_code"], "201");
    assert_eq!(v["gross_amount"], "145000.00");
    assert!(v["redirect_url"].as_str().unwrap_or("").contains("/v2/token/rba/redirect/"));
    let order_id = v["order_id"].as_str().unwrap_or("").to_string();
    assert!(order_id.starts_with("kopi-"), "{order_id}");
    let o = get(p, &format!("/api/orders/{order_id}")).await.json();
    assert_eq!(
        (o["transaction_status"].as_str(), o["gross_amount"].as_str()),
        (Some("pending"), Some("145000.00"))
    );
    // The OTP, then Midtrans's signed notification reaches the backend, which confirms it.
    let key = v["redirect_url"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
    let r = post_form(p, &format!("/v2/token/rba/redirect/{key}"), b"otp=112233&ok=OK").await;
    assert!(r.body.contains("\"transaction_status\":\"capture\""));
    let o = wait_for_order(p, &order_id, "capture").await;
    assert_eq!((o["verified"].as_bool(), o["fraud_status"].as_str()), (Some(true), Some("accept")));

    // reused token: Midtrans answers 411 -> HTTP 502 with the body
    let r = post_json(p, "/api/charge", None, &json!({"token_id": t, "items": cart()})).await;
    assert_eq!(r.status, 502);
    assert_eq!(r.json()["status_code"], "411");

    let r = post_json(p, "/api/charge", None, &json!({})).await;
    assert_eq!(r.status, 400);
    assert_eq!(get(p, "/api/orders/nope").await.status, 404);
}

/// The value of the hidden `response` field on the 3DS page's auto-submitting form, unescaped.
fn form_response_field(html: &str) -> String {
    let start = html.find("name=\"response\" value=\"").expect("response field") + 23;
    let end = start + html[start..].find('"').expect("end quote");
    html[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

async fn post_form(port: u16, path: &str, body: &[u8]) -> Resp {
    request(port, "POST", path, &[("Content-Type", "application/x-www-form-urlencoded")], body).await
}

/// `data-...` attributes of the finish page's `[data-testid="finish"]` element.
fn finish_attr(html: &str, name: &str) -> String {
    let el = html.find("data-testid=\"finish\"").map(|i| &html[i..]).expect("finish element");
    let el = &el[..el.find('>').expect("tag end")];
    let key = format!("{name}=\"");
    let start = el.find(&key).unwrap_or_else(|| panic!("no {name} in {el}")) + key.len();
    el[start..start + el[start..].find('"').expect("quote")].to_string()
}

#[tokio::test]
async fn three_ds_finish_form_post() {
    let s = boot_merchant(Arc::new(SystemClock)).await;
    let p = s.port;
    let callback = format!("http://localhost:{p}/api/3ds-finish");
    // Charge through the demo backend, then do the 3DS page as the library's redirect() would
    // (`?callback_type=form&callback_url=...&`) and take the form the page auto-submits.
    let three_ds = |otp: &'static str| {
        let callback = callback.clone();
        async move {
            let t = token(p, "4811111111111114").await;
            let v = post_json(p, "/api/charge", None, &json!({"token_id": t, "items": cart()})).await.json();
            assert_eq!(v["status_code"], "201", "{v}");
            let q = format!("?callback_type=form&callback_url={}&", enc(&callback));
            let r = post_form(
                p,
                &format!("/v2/token/rba/redirect/{t}{q}"),
                format!("otp={otp}&ok=OK").as_bytes(),
            )
            .await;
            assert!(r.body.contains(&format!("action=\"{callback}\"")), "{}", r.body);
            form_response_field(&r.body)
        }
    };

    // Right OTP: the claimed and the verified status agree.
    let response = three_ds("112233").await;
    let claimed: Value = serde_json::from_str(&response).expect("JSON");
    assert_eq!(claimed["transaction_status"], "capture");
    let fin_ok = claimed["order_id"].as_str().unwrap_or("").to_string();
    let r = post_form(p, "/api/3ds-finish", format!("response={}", enc(&response)).as_bytes()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.header("content-type").unwrap_or("").starts_with("text/html"));
    assert!(r.header("content-security-policy").unwrap_or("").contains("default-src 'none'"));
    assert_eq!(finish_attr(&r.body, "data-order-id"), fin_ok);
    assert_eq!(finish_attr(&r.body, "data-status"), "capture");
    assert_eq!(finish_attr(&r.body, "data-claimed-status"), "capture");
    assert_eq!(finish_attr(&r.body, "data-verified"), "true");
    assert!(r.body.contains("<link rel=\"stylesheet\" href=\"/style.css\">"));
    assert!(r.body.contains("href=\"/\""));
    assert!(!r.body.contains("<script") && !r.body.contains("style=") && !r.body.contains("<style"));
    assert!(!r.body.contains("finish-mismatch"));

    // A forged claim for that order: the page shows what Midtrans says, not what the form said.
    let forged = json!({"order_id": fin_ok, "status_code": "200", "transaction_status": "settlement"});
    let r =
        post_form(p, "/api/3ds-finish", format!("response={}", enc(&forged.to_string())).as_bytes()).await;
    assert_eq!(r.status, 200);
    assert_eq!(finish_attr(&r.body, "data-status"), "capture");
    assert_eq!(finish_attr(&r.body, "data-claimed-status"), "settlement");
    assert!(r.body.contains("finish-mismatch"));

    // Wrong OTP: deny, claimed and verified.
    let response = three_ds("000000").await;
    let r = post_form(p, "/api/3ds-finish", format!("response={}", enc(&response)).as_bytes()).await;
    assert_eq!(r.status, 200);
    assert_eq!(finish_attr(&r.body, "data-status"), "deny");
    assert_eq!(finish_attr(&r.body, "data-claimed-status"), "deny");
    assert_eq!(finish_attr(&r.body, "data-verified"), "true");

    // An order Midtrans does not know (escaped, not reflected as markup): 404, not verified.
    let unknown = json!({"order_id": "<b>nope</b>\"", "transaction_status": "capture"});
    let r =
        post_form(p, "/api/3ds-finish", format!("response={}", enc(&unknown.to_string())).as_bytes()).await;
    assert_eq!(r.status, 404);
    assert_eq!(finish_attr(&r.body, "data-verified"), "false");
    assert_eq!(finish_attr(&r.body, "data-status"), "");
    assert_eq!(finish_attr(&r.body, "data-order-id"), "&lt;b&gt;nope&lt;/b&gt;&quot;");
    assert!(!r.body.contains("<b>nope"));
    // A transaction_id is not an order_id: get-status answers for both, the page must not.
    let tid = request(p, "GET", &format!("/v2/{fin_ok}/status"), &[("Authorization", &auth())], b"")
        .await
        .json()["transaction_id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let by_tid = json!({"order_id": tid, "transaction_status": "capture"});
    let r =
        post_form(p, "/api/3ds-finish", format!("response={}", enc(&by_tid.to_string())).as_bytes()).await;
    assert_eq!((r.status, finish_attr(&r.body, "data-verified")), (404, "false".to_string()));

    // Malformed or missing `response`: a 400 HTML page, and the server carries on.
    for body in [
        &b"response=%7Bnot+json"[..],
        b"response=",
        b"other=1",
        b"",
        b"response=%5B%5D",
        b"response=%22capture%22",
        b"response=%7B%22transaction_status%22%3A%22capture%22%7D",
        b"response=%7B%22order_id%22%3A42%7D",
        b"response=%7B%22order_id%22%3A%22+%22%7D",
        b"response=%FF%FE%00",
        b"\xff\xfe=\x00&response",
    ] {
        let r = post_form(p, "/api/3ds-finish", body).await;
        assert_eq!(r.status, 400, "{:?} -> {}", String::from_utf8_lossy(body), r.body);
        assert!(r.header("content-type").unwrap_or("").starts_with("text/html"));
        assert!(r.body.contains("data-testid=\"finish-error\"") && r.body.contains("href=\"/\""));
        assert!(!r.body.contains("<script"));
    }
    // Not a form at all.
    let r = post_json(p, "/api/3ds-finish", None, &json!({"response": response})).await;
    assert_eq!(r.status, 415);
    assert!(r.body.contains("finish-error"));
    // None of that hurt the server.
    assert_eq!(get(p, "/__health").await.body, "ok");
}

#[tokio::test]
async fn get_status_fallback_without_notifications() {
    // Nothing listens here, so no notification ever arrives.
    let s = boot_with(Arc::new(SystemClock), |c| {
        c.notification_url = Some("http://127.0.0.1:9/api/notifications".into());
    })
    .await;
    let t = token(s.port, "4556557955726624").await;
    let v = post_json(s.port, "/api/charge", None, &json!({"token_id": t, "items": cart()})).await.json();
    let order_id = v["order_id"].as_str().unwrap_or("").to_string();
    // Frictionless 3DS2 card: the 3DS page answers the result at once, no OTP.
    let url = v["redirect_url"].as_str().unwrap_or("").to_string();
    let path = url.split_once(&format!(":{}", s.port)).map(|(_, p)| p.to_string()).unwrap_or_default();
    let r = get(s.port, &path).await;
    assert!(r.body.contains("\"transaction_status\":\"capture\""), "{}", r.body);
    let v = get(s.port, &format!("/api/orders/{order_id}")).await.json();
    assert_eq!(v["source"], "get-status");
    assert_eq!(v["transaction_status"], "capture");
}

#[tokio::test]
async fn static_files_and_path_traversal() {
    let s = boot(Arc::new(SystemClock)).await;
    let p = s.port;
    let r = get(p, "/").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap_or("").starts_with("text/html"));
    let r = get(p, "/pkg/midtrans_card_bg.wasm").await;
    assert_eq!((r.status, r.header("content-type")), (200, Some("application/wasm")));
    let r = get(p, "/pkg/midtrans_card.js").await;
    assert!(r.header("content-type").unwrap_or("").starts_with("text/javascript"));
    assert_eq!(get(p, "/missing.html").await.status, 404);

    for bad in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/pkg/../secret.txt",
        "/pkg/%2e%2e/secret.txt",
        "/pkg/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ] {
        let r = get(p, bad).await;
        assert!(r.status == 403 || r.status == 404 || r.status == 400, "{bad} -> {}", r.status);
        assert!(!r.body.contains("top secret"), "{bad} leaked");
    }
}

/// Attempts the sink saw for `order_id`, as `(ms since the first, transaction_status)`.
fn attempts_for(sink: &Sink, order_id: &str) -> Vec<(u128, String)> {
    let got: Vec<(Instant, Value)> =
        sink.received().into_iter().filter(|(_, v)| v["order_id"] == order_id).collect();
    let first = got.first().map(|(t, _)| *t);
    got.iter()
        .map(|(t, v)| {
            (
                first.map_or(0, |f| t.duration_since(f).as_millis()),
                v["transaction_status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn notifications_retry_on_midtrans_schedule() {
    // time scale 60 000: Midtrans's 2, 10, 30, 90, 210 minutes become 2, 10, 30, 90, 210 ms.
    let s = boot_with(Arc::new(SystemClock), |c| c.time_scale = 60_000).await;
    let p = s.port;
    for (answer, expected_attempts) in [(503u16, 5usize), (500, 2), (404, 3), (200, 1), (302, 1), (403, 6)] {
        s.sink.status.store(answer, Ordering::SeqCst);
        let order = format!("retry-{answer}");
        let t = token(p, "4811111111111114").await;
        post_json(p, "/v2/charge", Some(&auth()), &charge_body(&order, &t, false)).await;
        // The whole schedule is 342 ms; wait past it, then check no more come.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        // (At this time scale the capture also settles after 1.44 s: count the capture only.)
        let seen: Vec<_> =
            attempts_for(&s.sink, &order).into_iter().filter(|(_, st)| st == "capture").collect();
        assert_eq!(seen.len(), expected_attempts, "HTTP {answer}: {seen:?}");
        // Each retry comes after its interval (cumulative 2, 12, 42, 132, 342 ms).
        for (i, (at, _)) in seen.iter().enumerate().skip(1) {
            let min = [2u128, 12, 42, 132, 342][i - 1];
            assert!(*at >= min, "HTTP {answer}: attempt {i} at {at} ms, before {min} ms");
        }
    }
}

#[tokio::test]
async fn notifications_can_be_duplicated_and_reordered() {
    let s = boot(Arc::new(SystemClock)).await;
    let p = s.port;
    let set = |body: Value| async move {
        let r = post_json(p, "/__sandbox/notifications", Some(&auth()), &body).await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()
    };
    assert_eq!(set(json!({"duplicate": true})).await, json!({"duplicate": true, "reorder": false}));
    let t = token(p, "4811111111111114").await;
    post_json(p, "/v2/charge", Some(&auth()), &charge_body("dup-1", &t, false)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(attempts_for(&s.sink, "dup-1").len(), 2, "sent twice");

    // Reordered: the 3DS charge's `pending` is held back and overtaken by the `capture`.
    set(json!({"duplicate": false, "reorder": true})).await;
    let t = token(p, "4811111111111114").await;
    post_json(p, "/v2/charge", Some(&auth()), &charge_body("reorder-1", &t, true)).await;
    request(p, "POST", &format!("/v2/token/rba/redirect/{t}"), &[], b"otp=112233").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let order: Vec<String> = attempts_for(&s.sink, "reorder-1").into_iter().map(|(_, st)| st).collect();
    assert_eq!(order, ["capture", "pending"]);
    // Without a newer one, a held notification still goes out (after the hold).
    let t = token(p, "4811111111111114").await;
    post_json(p, "/v2/charge", Some(&auth()), &charge_body("reorder-2", &t, false)).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(attempts_for(&s.sink, "reorder-2").len(), 1);
    // Unauthenticated control calls are refused.
    let r = post_json(p, "/__sandbox/notifications", None, &json!({"reorder": false})).await;
    assert_eq!(r.status, 401);
}

/// Runs the Node check of the fake library (skipped when `node` is not installed).
#[test]
fn library_js_contract() {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/library_check.cjs");
    match std::process::Command::new("node").arg(&script).output() {
        Err(_) => eprintln!("node not found; skipping {}", script.display()),
        Ok(out) => assert!(
            out.status.success(),
            "library check failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}
