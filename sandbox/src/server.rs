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
use crate::merchant::{self, OrderRecord};
use crate::midtrans;
use crate::notify::{self, Notifier};
use crate::statics::{self, StaticError};
use crate::store::Store;

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
}

/// State shared by all handlers.
pub struct AppState {
    /// Resolved settings.
    pub settings: Settings,
    clock: Arc<dyn Clock>,
    store: Mutex<Store>,
    orders: Mutex<HashMap<String, OrderRecord>>,
    notifier: Notifier,
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
    /// Current time from the injected clock (Unix ms).
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// The sandbox store.
    pub fn lock_store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// The merchant's verified order records.
    pub fn lock_orders(&self) -> MutexGuard<'_, HashMap<String, OrderRecord>> {
        lock(&self.orders)
    }

    /// Queues a signed HTTP notification for a transaction object.
    pub fn notify(&self, txn: &Value) {
        let body = notify::notification_body(txn.clone(), &self.settings.server_key);
        self.notifier.send(&self.settings.notification_url, &body);
    }

    /// Applies time-based transitions (3DS expiry, pending → capture) and notifies changes.
    /// Runs every second in the background; tests call it after moving a manual clock.
    pub fn tick(&self) {
        let now = self.now();
        let objects: Vec<Value> = {
            let mut store = self.lock_store();
            let changed = store.advance_all(now);
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
    };
    let state = Arc::new(AppState {
        settings,
        clock,
        store: Mutex::new(Store::default()),
        orders: Mutex::new(HashMap::new()),
        notifier: Notifier::spawn(),
    });
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
    Router::new()
        .route("/__health", get(|| async { "ok" }))
        .route("/v2/assets/js/midtrans-new-3ds.min.js", get(library))
        .route("/v2/token", get(token))
        .route("/v2/card/register", get(register))
        .route("/v2/charge", axum::routing::post(charge))
        .route("/v2/{id}/status", get(status))
        .route("/v2/token/rba/redirect/{key}", get(three_ds_get).post(three_ds_post))
        .route("/api/config", get(api_config))
        .route("/api/charge", axum::routing::post(api_charge))
        .route("/api/notifications", axum::routing::post(api_notification))
        .route("/api/orders/{order_id}", get(api_order))
        .route("/api/3ds-finish", axum::routing::post(api_three_ds_finish))
        .fallback(static_files)
        .with_state(state)
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

async fn library() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")],
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

async fn api_charge(State(s): State<Arc<AppState>>, body: Bytes) -> Response {
    let (code, body) = merchant::charge(&s, &body);
    json_response(code, &body)
}

async fn api_notification(State(s): State<Arc<AppState>>, body: Bytes) -> Response {
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
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(statics::content_type(&file)));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            resp
        }
        Err(_) => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
