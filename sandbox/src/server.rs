//! HTTP server: shared state, routes and start-up.

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::Config;
use crate::merchant::{self, Orders};
use crate::midtrans;
use crate::notify::{self, Notifier};
use crate::statics::{self, StaticError};
use crate::store::{Limits, Store, Timing};

/// The fake library, served at `/v2/assets/js/midtrans-new-3ds.min.js`.
pub const LIBRARY_JS: &str = include_str!("../assets/midtrans-new-3ds.js");

/// Configuration with every default resolved (port known).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Bound port.
    pub port: u16,
    /// Static root for `/`.
    pub www: std::path::PathBuf,
    /// Static root for `/pkg/`.
    pub pkg: std::path::PathBuf,
    /// Accepted client key.
    pub client_key: String,
    /// Server key.
    pub server_key: String,
    /// Notification target.
    pub notification_url: String,
    /// Public origin of the fake Midtrans API (no trailing slash).
    pub public_api_base: String,
    /// Divides the sandbox's own delays (`--time-scale`).
    pub time_scale: u32,
    /// Memory caps.
    pub limits: Limits,
}

/// State shared by all handlers.
pub struct AppState {
    /// Resolved settings.
    pub settings: Settings,
    clock: Arc<dyn Clock>,
    store: Mutex<Store>,
    orders: Mutex<Orders>,
    notifier: Notifier,
    faults: Mutex<Option<Fault>>,
}

/// A fault the next requests answer with (`POST /__sandbox/faults`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// How many more requests it applies to.
    pub remaining: u32,
    /// HTTP status to answer (5xx or 429), or `None` to only stall.
    pub status: Option<u16>,
    /// Delay before answering (or before handling the request normally), in milliseconds.
    pub stall_ms: u64,
    /// Only requests whose path starts with this.
    pub path_prefix: String,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("settings", &self.settings).finish_non_exhaustive()
    }
}

/// Locks a mutex, recovering from poisoning (a panicked handler must not take the server down).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// State for `settings`; starts the notification sender (call inside a Tokio runtime).
    pub fn new(
        settings: Settings,
        clock: Arc<dyn Clock>,
        notify_duplicate: bool,
        notify_reorder: bool,
    ) -> Self {
        let limits = settings.limits;
        let notifier =
            Notifier::spawn(limits.notification_queue, settings.time_scale, notify_duplicate, notify_reorder);
        Self {
            settings,
            clock,
            store: Mutex::new(Store::new(limits)),
            orders: Mutex::new(Orders::new(limits)),
            notifier,
            faults: Mutex::new(None),
        }
    }

    /// The sandbox's lifecycle delays, after `--time-scale`.
    pub fn timing(&self) -> Timing {
        Timing::scaled(self.settings.time_scale)
    }

    /// The notification sender (options, counters).
    pub fn notifier(&self) -> &Notifier {
        &self.notifier
    }

    /// Current time from the injected clock (Unix ms).
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// The sandbox store.
    pub fn lock_store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// The demo merchant's orders.
    pub fn lock_orders(&self) -> MutexGuard<'_, Orders> {
        lock(&self.orders)
    }

    /// The pending fault injection, if any.
    pub fn lock_faults(&self) -> MutexGuard<'_, Option<Fault>> {
        lock(&self.faults)
    }

    /// Queues a signed HTTP notification for a transaction object.
    pub fn notify(&self, txn: &Value) {
        let key = txn.get("transaction_id").and_then(Value::as_str).unwrap_or("").to_string();
        let body = notify::notification_body(txn.clone(), &self.settings.server_key);
        self.notifier.send(&self.settings.notification_url, &body, &key);
    }

    /// Applies time-based transitions (3DS expiry, pending → capture, settlement) and notifies
    /// changes; drops what is too old. Runs every second in the background; tests call it after
    /// moving a manual clock.
    pub fn tick(&self) {
        let now = self.now();
        self.lock_orders().purge(now);
        let objects: Vec<Value> = {
            let mut store = self.lock_store();
            store.purge(now);
            let changed = store.advance_all(now, self.timing());
            changed
                .iter()
                .filter_map(|id| store.get(id))
                .map(|t| t.object(&self.settings.public_api_base))
                .collect()
        };
        for o in &objects {
            self.notify(o);
        }
    }
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    /// The bound port.
    pub port: u16,
    /// Shared state (for tests: tick, inspect).
    pub state: Arc<AppState>,
    /// The serving task.
    pub handle: JoinHandle<()>,
}

/// Binds, spawns the server and its background tasks, and returns at once.
pub async fn start(config: Config, clock: Arc<dyn Clock>) -> io::Result<Server> {
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let port = listener.local_addr()?.port();
    let settings = Settings {
        port,
        www: config.www,
        pkg: config.pkg,
        client_key: config.client_key,
        server_key: config.server_key,
        notification_url: config
            .notification_url
            .unwrap_or_else(|| format!("http://127.0.0.1:{port}/api/notifications")),
        public_api_base: config
            .public_api_base
            .unwrap_or_else(|| format!("http://api.sandbox.midtrans.localhost:{port}")),
        time_scale: config.time_scale,
        limits: config.limits,
    };
    let state = Arc::new(AppState::new(settings, clock, config.notify_duplicate, config.notify_reorder));
    let weak: Weak<AppState> = Arc::downgrade(&state);
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(1));
        loop {
            interval.tick().await;
            match weak.upgrade() {
                Some(s) => s.tick(),
                None => break,
            }
        }
    });
    let app = router(state.clone());
    let handle = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("midtrans-sandbox: server error: {e}");
        }
    });
    Ok(Server { port, state, handle })
}

/// All routes.
pub fn router(state: Arc<AppState>) -> Router {
    use axum::routing::post;
    Router::new()
        .route("/__health", get(|| async { "ok" }))
        .route("/__sandbox/faults", post(sandbox_faults).delete(sandbox_faults_clear))
        .route("/__sandbox/notifications", post(sandbox_notifications))
        .route("/v2/assets/js/midtrans-new-3ds.min.js", get(library))
        .route("/v2/token", get(token))
        .route("/v2/card/register", get(register))
        .route("/v2/charge", post(charge))
        .route("/v2/capture", post(capture))
        .route("/v2/{id}/status", get(status))
        .route("/v2/{id}/{action}", post(action))
        .route("/v2/token/rba/redirect/{key}", get(three_ds_get).post(three_ds_post))
        .route("/api/config", get(api_config))
        .route("/api/charge", post(api_charge))
        .route("/api/notifications", post(api_notification))
        .route("/api/orders/{order_id}", get(api_order))
        .route("/api/3ds-finish", post(api_three_ds_finish))
        .fallback(static_files)
        .layer(axum::middleware::from_fn_with_state(state.clone(), inject_faults))
        .with_state(state)
}

/// Answers the next requests with the configured fault (`POST /__sandbox/faults`), for a
/// merchant's retry tests. The sandbox's own control routes are never affected.
async fn inject_faults(
    State(s): State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = req.uri().path();
    let fault = if path.starts_with("/__") {
        None
    } else {
        let mut slot = s.lock_faults();
        match slot.as_mut() {
            Some(f) if path.starts_with(&f.path_prefix) => {
                f.remaining = f.remaining.saturating_sub(1);
                let taken = f.clone();
                if f.remaining == 0 {
                    *slot = None;
                }
                Some(taken)
            }
            _ => None,
        }
    };
    let Some(fault) = fault else { return next.run(req).await };
    if fault.stall_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.stall_ms)).await;
    }
    match fault.status {
        Some(code) => {
            let message = match code {
                429 => "Too many requests: the sandbox was told to answer 429 (fault injection)",
                _ => "The sandbox was told to answer this error (fault injection)",
            };
            json_response(code, &midtrans::error(&code.to_string(), message))
        }
        None => next.run(req).await,
    }
}

/// Parses a JSON object body, requiring `Content-Type: application/json`.
fn json_object(headers: &HeaderMap, body: &[u8]) -> Result<serde_json::Map<String, Value>, (u16, Value)> {
    if !is_json(headers) {
        return Err((415, serde_json::json!({"error": "Content-Type must be application/json"})));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err((400, serde_json::json!({"error": "body must be a JSON object"}))),
    }
}

/// True when the request says its body is JSON.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

fn sandbox_auth(s: &AppState, headers: &HeaderMap) -> Result<(), (u16, Value)> {
    if midtrans::server_auth_ok(auth_header(headers), &s.settings.server_key) {
        Ok(())
    } else {
        Err((401, midtrans::error("401", midtrans::SERVER_KEY_401)))
    }
}

/// `POST /__sandbox/faults {"count", "status"?, "stall_ms"?, "path_prefix"?}` (server key auth):
/// the next `count` requests under `path_prefix` (default `/v2/`) answer `status` (500-599 or
/// 429) and/or wait `stall_ms` first.
async fn sandbox_faults(State(s): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err((code, body)) = sandbox_auth(&s, &headers) {
        return json_response(code, &body);
    }
    let req = match json_object(&headers, &body) {
        Ok(m) => m,
        Err((code, body)) => return json_response(code, &body),
    };
    let count =
        req.get("count").and_then(Value::as_u64).and_then(|c| u32::try_from(c).ok()).filter(|c| *c >= 1);
    let status = match req.get("status") {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .and_then(|c| u16::try_from(c).ok())
            .filter(|c| *c == 429 || (500..=599).contains(c))
            .map(Some)
            .ok_or(()),
    };
    let stall_ms = req.get("stall_ms").and_then(Value::as_u64).unwrap_or(0).min(600_000);
    let path_prefix = req.get("path_prefix").and_then(Value::as_str).unwrap_or("/v2/").to_string();
    let (Some(count), Ok(status)) = (count, status) else {
        return json_response(
            400,
            &serde_json::json!({"error": "count (>= 1) is required; status must be 429 or 500-599"}),
        );
    };
    if status.is_none() && stall_ms == 0 {
        return json_response(400, &serde_json::json!({"error": "give a status, a stall_ms, or both"}));
    }
    let fault = Fault { remaining: count, status, stall_ms, path_prefix };
    let body = serde_json::json!({"count": fault.remaining, "status": fault.status, "stall_ms": fault.stall_ms, "path_prefix": fault.path_prefix});
    *s.lock_faults() = Some(fault);
    json_response(200, &body)
}

/// `DELETE /__sandbox/faults`: no more faults.
async fn sandbox_faults_clear(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err((code, body)) = sandbox_auth(&s, &headers) {
        return json_response(code, &body);
    }
    *s.lock_faults() = None;
    json_response(200, &serde_json::json!({"cleared": true}))
}

/// `POST /__sandbox/notifications {"duplicate"?: bool, "reorder"?: bool}` (server key auth).
async fn sandbox_notifications(State(s): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err((code, body)) = sandbox_auth(&s, &headers) {
        return json_response(code, &body);
    }
    let req = match json_object(&headers, &body) {
        Ok(m) => m,
        Err((code, body)) => return json_response(code, &body),
    };
    for (k, v) in &req {
        match (k.as_str(), v.as_bool()) {
            ("duplicate", Some(b)) => s.notifier().set_duplicate(b),
            ("reorder", Some(b)) => s.notifier().set_reorder(b),
            _ => {
                return json_response(
                    400,
                    &serde_json::json!({"error": "only duplicate and reorder, as booleans"}),
                )
            }
        }
    }
    let (duplicate, reorder) = s.notifier().options();
    json_response(200, &serde_json::json!({"duplicate": duplicate, "reorder": reorder}))
}

fn status_code(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST)
}

fn json_response(code: u16, body: &Value) -> Response {
    (status_code(code), [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

fn html_response(code: u16, html: String) -> Response {
    (
        status_code(code),
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        html,
    )
        .into_response()
}

/// JSONP when a valid `callback` is given (always HTTP 200), plain JSON otherwise.
fn jsonp_response(q: &HashMap<String, String>, code: u16, body: &Value) -> Response {
    match q.get("callback") {
        Some(cb) if midtrans::valid_callback_name(cb) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/javascript"), (header::CACHE_CONTROL, "no-store")],
            format!("{cb}({body});"),
        )
            .into_response(),
        Some(_) => json_response(
            400,
            &midtrans::validation_error(vec!["callback must be a JavaScript identifier".into()]),
        ),
        None => json_response(code, body),
    }
}

fn auth_header(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok())
}

/// With `Access-Control-Allow-Origin: *`, so a page can load it with Subresource Integrity
/// (`crossorigin="anonymous"`, the package's `integrity` option).
async fn library() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        LIBRARY_JS,
    )
        .into_response()
}

async fn token(State(s): State<Arc<AppState>>, RawQuery(q): RawQuery) -> Response {
    let q = midtrans::parse_query(q.as_deref());
    let (code, body) = midtrans::token(&s, &q);
    jsonp_response(&q, code, &body)
}

async fn register(State(s): State<Arc<AppState>>, RawQuery(q): RawQuery) -> Response {
    let q = midtrans::parse_query(q.as_deref());
    let (code, body) = midtrans::register(&s, &q);
    jsonp_response(&q, code, &body)
}

async fn charge(State(s): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    let (code, body) = midtrans::charge(&s, auth_header(&headers), &body);
    json_response(code, &body)
}

async fn status(State(s): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let (code, body) = midtrans::status(&s, auth_header(&headers), &id);
    json_response(code, &body)
}

async fn capture(State(s): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    let (code, body) = midtrans::capture(&s, auth_header(&headers), &body);
    json_response(code, &body)
}

async fn action(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    Path((id, name)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(a) = midtrans::Action::from_path(&name) else {
        return json_response(404, &midtrans::error("404", "The requested resource is not found"));
    };
    let (code, body) = midtrans::action(&s, auth_header(&headers), &id, a, &body);
    json_response(code, &body)
}

async fn three_ds_get(
    State(s): State<Arc<AppState>>,
    Path(key): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let q = midtrans::parse_query(q.as_deref());
    let page = midtrans::three_ds(&s, &key, &q, None);
    html_response(page.status, page.html)
}

async fn three_ds_post(
    State(s): State<Arc<AppState>>,
    Path(key): Path<String>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    let q = midtrans::parse_query(q.as_deref());
    let form = midtrans::parse_query(std::str::from_utf8(&body).ok());
    let otp = form.get("otp").map(String::as_str).unwrap_or("");
    let page = midtrans::three_ds(&s, &key, &q, Some(otp));
    html_response(page.status, page.html)
}

async fn api_config(State(s): State<Arc<AppState>>) -> Response {
    json_response(200, &merchant::config(&s))
}

async fn api_charge(State(s): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    if !is_json(&headers) {
        return json_response(415, &serde_json::json!({"error": "Content-Type must be application/json"}));
    }
    let (code, body) = merchant::charge(&s, &body);
    json_response(code, &body)
}

async fn api_notification(State(s): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    if !is_json(&headers) {
        return json_response(415, &serde_json::json!({"error": "Content-Type must be application/json"}));
    }
    let (code, body) = merchant::notification(&s, &body);
    json_response(code, &body)
}

async fn api_order(State(s): State<Arc<AppState>>, Path(order_id): Path<String>) -> Response {
    let (code, body) = merchant::order(&s, &order_id);
    json_response(code, &body)
}

/// The demo shop's own pages: no inline script or style, nothing from other origins.
const SHOP_PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async fn api_three_ds_finish(State(s): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let (code, html) = merchant::three_ds_finish(&s, content_type, &body);
    let mut resp = html_response(code, html);
    resp.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(SHOP_PAGE_CSP));
    resp
}

async fn static_files(State(s): State<Arc<AppState>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response();
    }
    let path = uri.path();
    let resolved = match path.strip_prefix("/pkg") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => statics::resolve(&s.settings.pkg, rest),
        _ => statics::resolve(&s.settings.www, path),
    };
    let file = match resolved {
        Ok(f) => f,
        Err(StaticError::Forbidden) => return (StatusCode::FORBIDDEN, "forbidden").into_response(),
        Err(StaticError::NotFound) => return (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let mut resp = Response::new(Body::from(bytes));
            let headers = resp.headers_mut();
            let content_type = statics::content_type(&file);
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            if content_type.starts_with("text/html") {
                // The checkout must not be framed by another site (clickjacking). A <meta> CSP
                // cannot say this; only the header can.
                headers.insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("frame-ancestors 'none'"),
                );
                headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            }
            resp
        }
        Err(_) => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
