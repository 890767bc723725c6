//! HTTP notifications: signature key, a tiny HTTP/1.1 POST client, and a sender that retries on
//! Midtrans's schedule.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use sha2::{Digest, Sha512};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, Semaphore};

/// `signature_key` = lowercase hex SHA-512 of `order_id + status_code + gross_amount + server_key`.
pub fn signature_key(order_id: &str, status_code: &str, gross_amount: &str, server_key: &str) -> String {
    let mut h = Sha512::new();
    h.update(order_id.as_bytes());
    h.update(status_code.as_bytes());
    h.update(gross_amount.as_bytes());
    h.update(server_key.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two strings without an early exit on the first difference.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Adds `signature_key` (over the object's own `order_id`, `status_code`, `gross_amount`).
pub fn with_signature(mut txn: Value, server_key: &str) -> Value {
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let sig = signature_key(
        &field(&txn, "order_id"),
        &field(&txn, "status_code"),
        &field(&txn, "gross_amount"),
        server_key,
    );
    if let Some(m) = txn.as_object_mut() {
        m.insert("signature_key".into(), Value::String(sig));
    }
    txn
}

/// Adds `signature_key` and the notification `status_message` to a transaction object.
pub fn notification_body(txn: Value, server_key: &str) -> Value {
    let mut txn = with_signature(txn, server_key);
    if let Some(m) = txn.as_object_mut() {
        m.insert("status_message".into(), Value::String("midtrans payment notification".into()));
    }
    txn
}

/// A parsed `http://host[:port]/path` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpUrl {
    /// Host name or address (IPv6 without brackets).
    pub host: String,
    /// Port (80 by default).
    pub port: u16,
    /// Path and query, starting with `/`.
    pub path: String,
}

/// Parses a plain-HTTP URL. HTTPS is not supported (no TLS in this crate).
pub fn parse_http_url(url: &str) -> Result<HttpUrl, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("only http:// notification URLs are supported: {url}"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains('@') {
        return Err(format!("bad host in URL: {url}"));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6.find(']').ok_or_else(|| format!("bad IPv6 host: {url}"))?;
        let port = v6[end + 1..].strip_prefix(':');
        (v6[..end].to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        }
    };
    let port = match port {
        Some(p) => p.parse().map_err(|_| format!("bad port in URL: {url}"))?,
        None => 80,
    };
    Ok(HttpUrl { host, port, path: path.to_string() })
}

/// POSTs a JSON body and returns the response status code.
pub async fn post_json(url: &str, body: &str) -> Result<u16, String> {
    let u = parse_http_url(url)?;
    let fut = async {
        let mut stream = TcpStream::connect((u.host.as_str(), u.port))
            .await
            .map_err(|e| format!("connect {}:{}: {e}", u.host, u.port))?;
        let host_header = if u.host.contains(':') {
            format!("[{}]:{}", u.host, u.port)
        } else {
            format!("{}:{}", u.host, u.port)
        };
        let req = format!(
            "POST {} HTTP/1.1\r\nHost: {host_header}\r\nContent-Type: application/json\r\nAccept: application/json\r\nUser-Agent: Veritrans\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            u.path,
            body.len()
        );
        stream.write_all(req.as_bytes()).await.map_err(|e| format!("write: {e}"))?;
        let mut buf = Vec::new();
        let mut chunk = [0u8; 1024];
        while !buf.windows(2).any(|w| w == b"\r\n") && buf.len() < 8192 {
            let n = stream.read(&mut chunk).await.map_err(|e| format!("read: {e}"))?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        let line = String::from_utf8_lossy(&buf);
        line.split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok())
            .ok_or_else(|| "no HTTP status line in response".to_string())
    };
    tokio::time::timeout(ATTEMPT_TIMEOUT, fut).await.map_err(|_| "timed out".to_string())?
}

/// How many more times Midtrans retries after an answer with this HTTP status (`None`: no
/// answer at all: refused, reset or timed out), per
/// <https://docs.midtrans.com/docs/https-notification-webhooks> ("Responding HTTP Notification").
pub fn retries_after(status: Option<u16>) -> usize {
    match status {
        Some(200..=299) => 0,
        Some(500) => 1,
        Some(503) => 4,
        Some(400 | 404) => 2,
        // Redirects are not followed; Midtrans follows 307/308 (listed in sandbox/README.md).
        Some(301..=303) => 0,
        _ => 5,
    }
}

/// Midtrans's retry intervals, in milliseconds, before `--time-scale`: 2, 10, 30, 90 and 210
/// minutes after the previous attempt.
pub const RETRY_INTERVALS_MS: [u64; 5] = [2 * 60_000, 10 * 60_000, 30 * 60_000, 90 * 60_000, 210 * 60_000];

/// How long Midtrans waits for an answer before counting an attempt as failed.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);

/// With reordering on, a notification waits this long for a newer one of the same transaction
/// to overtake it.
pub const REORDER_HOLD: Duration = Duration::from_millis(1000);

/// Most deliveries (with their retries) in flight at once.
const MAX_IN_FLIGHT: usize = 64;

/// One queued notification.
#[derive(Debug)]
struct Job {
    url: String,
    body: String,
    /// Transaction id (reordering is per transaction).
    key: String,
}

#[derive(Debug)]
struct Shared {
    time_scale: AtomicU64,
    duplicate: AtomicBool,
    reorder: AtomicBool,
    dropped: AtomicU64,
    attempts: AtomicU64,
}

/// Sends notifications as Midtrans does: each one retried on Midtrans's schedule according to the
/// status answered, optionally duplicated or reordered. The queue is bounded (what does not fit
/// is dropped and logged), and so is the number of deliveries in flight.
#[derive(Debug, Clone)]
pub struct Notifier {
    tx: mpsc::Sender<Job>,
    shared: Arc<Shared>,
}

impl Notifier {
    /// Starts the sender task (must be called inside a Tokio runtime). `queue` bounds the jobs
    /// waiting; `time_scale` divides the retry intervals.
    pub fn spawn(queue: usize, time_scale: u32, duplicate: bool, reorder: bool) -> Self {
        let (tx, rx) = mpsc::channel::<Job>(queue.max(1));
        let shared = Arc::new(Shared {
            time_scale: AtomicU64::new(u64::from(time_scale.max(1))),
            duplicate: AtomicBool::new(duplicate),
            reorder: AtomicBool::new(reorder),
            dropped: AtomicU64::new(0),
            attempts: AtomicU64::new(0),
        });
        tokio::spawn(dispatch(rx, shared.clone(), queue.max(1)));
        Self { tx, shared }
    }

    /// Queues one notification for transaction `key` (fire and forget; dropped when the queue
    /// is full).
    pub fn send(&self, url: &str, body: &Value, key: &str) {
        let job = Job { url: url.to_string(), body: body.to_string(), key: key.to_string() };
        if self.tx.try_send(job).is_err() {
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
            eprintln!("midtrans-sandbox: notification queue full or closed; dropped one notification");
        }
    }

    /// Turns duplicating on or off.
    pub fn set_duplicate(&self, on: bool) {
        self.shared.duplicate.store(on, Ordering::Relaxed);
    }

    /// Turns reordering on or off.
    pub fn set_reorder(&self, on: bool) {
        self.shared.reorder.store(on, Ordering::Relaxed);
    }

    /// `(duplicate, reorder)`.
    pub fn options(&self) -> (bool, bool) {
        (self.shared.duplicate.load(Ordering::Relaxed), self.shared.reorder.load(Ordering::Relaxed))
    }

    /// Notifications dropped because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    /// HTTP attempts made so far (first tries and retries).
    pub fn attempts(&self) -> u64 {
        self.shared.attempts.load(Ordering::Relaxed)
    }

    /// Room left in the queue.
    pub fn queue_room(&self) -> usize {
        self.tx.capacity()
    }
}

/// The sender task: takes jobs off the queue, holds them back when reordering, and starts at
/// most [`MAX_IN_FLIGHT`] deliveries at once.
async fn dispatch(mut rx: mpsc::Receiver<Job>, shared: Arc<Shared>, hold_cap: usize) {
    let permits = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let mut held: HashMap<String, (Job, tokio::time::Instant)> = HashMap::new();
    loop {
        let next = held.values().map(|(_, at)| *at).min();
        let received = match next {
            Some(at) => match tokio::time::timeout_at(at, rx.recv()).await {
                Ok(j) => j,
                Err(_) => {
                    let now = tokio::time::Instant::now();
                    let due: Vec<String> =
                        held.iter().filter(|(_, (_, at))| *at <= now).map(|(k, _)| k.clone()).collect();
                    for k in due {
                        if let Some((job, _)) = held.remove(&k) {
                            start(vec![job], &permits, &shared).await;
                        }
                    }
                    continue;
                }
            },
            None => rx.recv().await,
        };
        let Some(job) = received else { break };
        if !shared.reorder.load(Ordering::Relaxed) {
            start(vec![job], &permits, &shared).await;
            continue;
        }
        match held.remove(&job.key) {
            // The newer one first, then the one it overtook.
            Some((older, _)) => start(vec![job, older], &permits, &shared).await,
            None => {
                if held.len() >= hold_cap {
                    let oldest = held.iter().min_by_key(|(_, (_, at))| *at).map(|(k, _)| k.clone());
                    if let Some((j, _)) = oldest.and_then(|k| held.remove(&k)) {
                        start(vec![j], &permits, &shared).await;
                    }
                }
                held.insert(job.key.clone(), (job, tokio::time::Instant::now() + REORDER_HOLD));
            }
        }
    }
    for (_, (job, _)) in held {
        start(vec![job], &permits, &shared).await;
    }
}

/// Starts one delivery task for `jobs` (in that order), waiting for a free slot.
async fn start(jobs: Vec<Job>, permits: &Arc<Semaphore>, shared: &Arc<Shared>) {
    let Ok(permit) = permits.clone().acquire_owned().await else { return };
    let shared = shared.clone();
    let copies = if shared.duplicate.load(Ordering::Relaxed) { 2 } else { 1 };
    tokio::spawn(async move {
        for job in &jobs {
            for _ in 0..copies {
                deliver(&job.url, &job.body, &shared).await;
            }
        }
        drop(permit);
    });
}

/// One notification: the first attempt, then Midtrans's retries; failures are logged, never fatal.
async fn deliver(url: &str, body: &str, shared: &Shared) {
    let mut retries = 0;
    loop {
        shared.attempts.fetch_add(1, Ordering::Relaxed);
        let status = match post_json(url, body).await {
            Ok(code) => Some(code),
            Err(e) => {
                eprintln!("midtrans-sandbox: notification to {url} failed: {e} (retry {retries})");
                None
            }
        };
        if let Some(code) = status {
            if (200..300).contains(&code) {
                return;
            }
            eprintln!("midtrans-sandbox: notification to {url} got HTTP {code} (retry {retries})");
        }
        if retries >= retries_after(status) || retries >= RETRY_INTERVALS_MS.len() {
            return;
        }
        let scale = shared.time_scale.load(Ordering::Relaxed).max(1);
        tokio::time::sleep(Duration::from_millis(RETRY_INTERVALS_MS[retries] / scale)).await;
        retries += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_known_vector() {
        // Computed independently:
        // python3 -c "import hashlib;print(hashlib.sha512(b'order-1200145000.00SB-Mid-server-offline-sandbox').hexdigest())"
        assert_eq!(
            signature_key("order-1", "200", "145000.00", "SB-Mid-server-offline-sandbox"),
            "367f2071b910def2c1c7875358aeb6b52224dbb46b506bc65868cc8cfcdf0b4d93f069f4a32e098e6d8e3e95901f3dbee127d42c71c0cb22285feb6cac814d01"
        );
    }

    #[test]
    fn signature_is_lowercase_hex_sha512() {
        let s = signature_key("", "", "", "");
        assert_eq!(s.len(), 128);
        // SHA-512 of the empty string.
        assert!(s.starts_with("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"));
    }

    #[test]
    fn notification_body_signs() {
        let txn =
            serde_json::json!({"order_id": "order-1", "status_code": "200", "gross_amount": "145000.00"});
        let body = notification_body(txn, "SB-Mid-server-offline-sandbox");
        assert_eq!(
            body["signature_key"],
            signature_key("order-1", "200", "145000.00", "SB-Mid-server-offline-sandbox")
        );
    }

    #[test]
    fn parses_urls() {
        assert_eq!(
            parse_http_url("http://127.0.0.1:8080/api/notifications"),
            Ok(HttpUrl { host: "127.0.0.1".into(), port: 8080, path: "/api/notifications".into() })
        );
        assert_eq!(
            parse_http_url("http://example.test").map(|u| (u.port, u.path)),
            Ok((80, "/".to_string()))
        );
        assert_eq!(parse_http_url("http://[::1]:9/x").map(|u| u.host), Ok("::1".to_string()));
        assert!(parse_http_url("https://example.test/").is_err());
        assert!(parse_http_url("http://h:notaport/").is_err());
    }

    #[test]
    fn retry_policy_follows_the_answer() {
        assert_eq!(retries_after(Some(200)), 0);
        assert_eq!(retries_after(Some(204)), 0);
        assert_eq!(retries_after(Some(500)), 1);
        assert_eq!(retries_after(Some(503)), 4);
        assert_eq!(retries_after(Some(400)), 2);
        assert_eq!(retries_after(Some(404)), 2);
        assert_eq!(retries_after(Some(302)), 0);
        assert_eq!(retries_after(Some(403)), 5);
        assert_eq!(retries_after(None), 5);
        assert_eq!(RETRY_INTERVALS_MS.map(|ms| ms / 60_000), [2, 10, 30, 90, 210]);
    }

    #[test]
    fn constant_time_compare() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
