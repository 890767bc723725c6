//! HTTP notifications: signature key, a tiny HTTP/1.1 POST client, and an ordered sender.

use std::time::Duration;

use serde_json::Value;
use sha2::{Digest, Sha512};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

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

/// Adds `signature_key` and the notification `status_message` to a transaction object.
pub fn notification_body(mut txn: Value, server_key: &str) -> Value {
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let sig = signature_key(
        &field(&txn, "order_id"),
        &field(&txn, "status_code"),
        &field(&txn, "gross_amount"),
        server_key,
    );
    if let Some(m) = txn.as_object_mut() {
        m.insert("signature_key".into(), Value::String(sig));
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
            "POST {} HTTP/1.1\r\nHost: {host_header}\r\nContent-Type: application/json\r\nAccept: application/json\r\nUser-Agent: midtrans-sandbox\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
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
    tokio::time::timeout(Duration::from_secs(5), fut).await.map_err(|_| "timed out".to_string())?
}

/// Sends notifications one at a time, in order, each with one retry.
#[derive(Debug, Clone)]
pub struct Notifier {
    tx: mpsc::UnboundedSender<(String, String)>,
}

impl Notifier {
    /// Starts the sender task (must be called inside a Tokio runtime).
    pub fn spawn() -> Self {
        let (tx, mut rx) = mpsc::unbounded_channel::<(String, String)>();
        tokio::spawn(async move {
            while let Some((url, body)) = rx.recv().await {
                deliver(&url, &body).await;
            }
        });
        Self { tx }
    }

    /// Queues one notification (fire and forget).
    pub fn send(&self, url: &str, body: &Value) {
        if self.tx.send((url.to_string(), body.to_string())).is_err() {
            eprintln!("midtrans-sandbox: notification queue closed; dropped one notification");
        }
    }
}

/// One delivery with one retry; failures are logged, never fatal.
async fn deliver(url: &str, body: &str) {
    for attempt in 1..=2 {
        match post_json(url, body).await {
            Ok(code) if (200..300).contains(&code) => return,
            Ok(code) => {
                eprintln!("midtrans-sandbox: notification to {url} got HTTP {code} (attempt {attempt})")
            }
            Err(e) => eprintln!("midtrans-sandbox: notification to {url} failed: {e} (attempt {attempt})"),
        }
        if attempt == 1 {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
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
    fn constant_time_compare() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
