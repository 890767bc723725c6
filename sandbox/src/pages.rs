//! HTML for the fake 3DS pages. Self-contained: no external assets.

use serde_json::Value;

/// Escapes text for HTML element content and double-quoted attributes.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Serialises JSON so it is safe inside an inline `<script>` element.
pub fn json_for_script(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1f2933}\
main{max-width:420px;margin:24px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 4px rgba(0,0,0,.12)}\
h1{font-size:1.2rem;margin:0 0 12px}dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0 0 16px}\
dt{color:#52606d}dd{margin:0;font-weight:600}label{display:block;font-weight:600;margin-bottom:4px}\
input{font-size:1.1rem;padding:8px;width:100%;box-sizing:border-box;border:1px solid #9aa5b1;border-radius:4px}\
button{margin-top:12px;font-size:1rem;padding:10px 16px;border:0;border-radius:4px;background:#0b6bcb;color:#fff;cursor:pointer}\
.hint{color:#52606d;font-size:.9rem}.ok{color:#127a3a}.bad{color:#b3261e}";

/// Wraps a body in a complete HTML document.
pub fn layout(title: &str, body: &str, script: Option<&str>) -> String {
    let script = script.map(|s| format!("<script>{s}</script>")).unwrap_or_default();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<meta name=\"robots\" content=\"noindex\"><title>{}</title><style>{STYLE}</style></head>\
<body><main>{body}</main>{script}</body></html>",
        html_escape(title)
    )
}

/// The OTP (challenge simulator) page.
pub fn otp_page(merchant_id: &str, amount: &str, masked_card: &str, order_id: &str) -> String {
    let body = format!(
        "<h1>3D Secure authentication</h1>\
<p class=\"hint\">Midtrans offline sandbox: this page simulates the card issuer's challenge.</p>\
<dl><dt>Merchant</dt><dd>{}</dd><dt>Order</dt><dd>{}</dd><dt>Amount</dt><dd>IDR {}</dd><dt>Card</dt><dd>{}</dd></dl>\
<form method=\"post\" autocomplete=\"off\">\
<label for=\"otp\">OTP</label>\
<input id=\"otp\" name=\"otp\" type=\"password\" inputmode=\"numeric\" autocomplete=\"one-time-code\" autofocus required>\
<p class=\"hint\">Sandbox OTP is <strong>112233</strong>.</p>\
<button type=\"submit\" name=\"ok\" value=\"OK\">OK</button>\
</form>",
        html_escape(merchant_id),
        html_escape(order_id),
        html_escape(amount),
        html_escape(masked_card),
    );
    layout("3D Secure authentication", &body, None)
}

/// A short human text for a transaction result object.
fn headline(result: &Value) -> (&'static str, String) {
    let s = |k: &str| result.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let code = s("status_code");
    let class = if code == "200" { "ok" } else { "bad" };
    let text = match (code.as_str(), s("transaction_status").as_str()) {
        ("200", _) => "Success".to_string(),
        ("407", _) => "Transaction expired".to_string(),
        (_, "pending") => "Pending".to_string(),
        _ => s("status_message"),
    };
    (class, text)
}

/// Result page that hands the transaction object to the parent window (`js_event`).
pub fn result_post_message(result: &Value) -> String {
    let (class, text) = headline(result);
    let body = format!(
        "<h1 class=\"{class}\">{}</h1><p>{}</p><p class=\"hint\">You can close this window.</p>",
        html_escape(&text),
        html_escape(result.get("status_message").and_then(Value::as_str).unwrap_or("")),
    );
    let script = format!("window.parent.postMessage({}, \"*\");", json_for_script(result));
    layout("3D Secure result", &body, Some(&script))
}

/// Result page that auto-submits `response` (the JSON string) to `callback_url` (`form`).
pub fn result_form_post(result: &Value, callback_url: &str) -> String {
    let (class, text) = headline(result);
    let body = format!(
        "<h1 class=\"{class}\">{}</h1>\
<form id=\"midtrans-callback\" method=\"post\" action=\"{}\">\
<input type=\"hidden\" name=\"response\" value=\"{}\">\
<noscript><button type=\"submit\">Continue</button></noscript></form>",
        html_escape(&text),
        html_escape(callback_url),
        html_escape(&result.to_string()),
    );
    layout("3D Secure result", &body, Some("document.getElementById(\"midtrans-callback\").submit();"))
}

/// Result page with no hand-off (form callback without a callback URL).
pub fn result_plain(result: &Value) -> String {
    let (class, text) = headline(result);
    let body = format!(
        "<h1 class=\"{class}\">{}</h1><p>{}</p><p class=\"hint\">No callback_url was given, so the result is only shown here.</p>",
        html_escape(&text),
        html_escape(result.get("status_message").and_then(Value::as_str).unwrap_or("")),
    );
    layout("3D Secure result", &body, None)
}

/// An error page (unknown or already finished transaction).
pub fn error_page(title: &str, message: &str) -> String {
    let body = format!("<h1 class=\"bad\">{}</h1><p>{}</p>", html_escape(title), html_escape(message));
    layout(title, &body, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes() {
        assert_eq!(html_escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        let v = json!({"a": "</script><b>&"});
        let s = json_for_script(&v);
        assert!(!s.contains("</script>"));
        assert_eq!(serde_json::from_str::<Value>(&s).ok(), Some(v));
    }

    #[test]
    fn otp_page_has_the_simulator_fields() {
        let p = otp_page("G000000000", "145000.00", "48111111-1114", "o<1>");
        assert!(p.contains("name=\"otp\""));
        assert!(p.contains("type=\"password\""));
        assert!(p.contains("name=\"ok\""));
        assert!(p.contains("112233"));
        assert!(p.contains("o&lt;1&gt;"));
        assert!(!p.contains("<script"));
    }

    #[test]
    fn result_pages() {
        let r =
            json!({"status_code": "200", "status_message": "Success, Credit Card transaction is successful"});
        let p = result_post_message(&r);
        assert!(p.contains("window.parent.postMessage({"));
        assert!(p.contains("\"*\""));
        let f = result_form_post(&r, "http://shop.test/finish?a=1&b=\"2\"");
        assert!(f.contains("action=\"http://shop.test/finish?a=1&amp;b=&quot;2&quot;\""));
        assert!(f.contains("name=\"response\" value=\"{&quot;status_code&quot;"));
    }
}
