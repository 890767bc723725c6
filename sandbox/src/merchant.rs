//! The demo merchant backend (`/api/...`): config for the page, charge, notifications, orders.

use serde_json::{json, Value};

use crate::midtrans;
use crate::notify;
use crate::server::AppState;

/// Amount used when `/api/charge` gets neither `amount` nor `items`.
pub const DEFAULT_AMOUNT: i64 = 145_000;

/// What the merchant knows about an order from a verified notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRecord {
    /// `transaction_status` from the notification.
    pub transaction_status: String,
    /// `fraud_status`, if any.
    pub fraud_status: Option<String>,
    /// `status_code` from the notification.
    pub status_code: String,
}

/// GET /api/config body.
pub fn config(state: &AppState) -> Value {
    let base = &state.settings.public_api_base;
    json!({
        "clientKey": state.settings.client_key,
        "environment": "sandbox",
        "apiBaseUrl": base,
        "scriptUrl": format!("{base}/v2/assets/js/midtrans-new-3ds.min.js"),
        "redirectOrigins": [base],
    })
}

fn bad_request(message: &str) -> (u16, Value) {
    (400, json!({"error": message}))
}

/// POST /api/charge: builds a Midtrans charge and runs it through the sandbox with the server key.
pub fn charge(state: &AppState, body: &[u8]) -> (u16, Value) {
    let Ok(req @ Value::Object(_)) = serde_json::from_slice::<Value>(body) else {
        return bad_request("body must be a JSON object");
    };
    let Some(token_id) = req.get("token_id").and_then(Value::as_str).filter(|s| !s.is_empty()) else {
        return bad_request("token_id is required");
    };
    let authentication = match req.get("authentication") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(_) => return bad_request("authentication must be a boolean"),
    };
    let save_token_id = match req.get("save_token_id") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return bad_request("save_token_id must be a boolean"),
    };
    let order_id = match req.get("order_id") {
        None | Some(Value::Null) => format!("order-{}-{}", state.now(), crate::ids::digits(6)),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return bad_request("order_id must be a string"),
    };
    let mut item_details = Vec::new();
    let mut items_sum: i64 = 0;
    if let Some(items) = req.get("items").filter(|v| !v.is_null()) {
        let Some(items) = items.as_array() else {
            return bad_request("items must be an array");
        };
        for (i, item) in items.iter().enumerate() {
            let price = item.get("price").cloned().unwrap_or(Value::Null);
            let quantity = item.get("quantity").cloned().unwrap_or(json!(1));
            let (Some(p), Some(q)) = (midtrans::parse_amount(&price), quantity.as_i64()) else {
                return bad_request("each item needs a numeric price and an integer quantity");
            };
            items_sum = items_sum.saturating_add(p.saturating_mul(q));
            item_details.push(json!({
                "id": item.get("id").cloned().unwrap_or_else(|| json!(format!("item-{}", i + 1))),
                "name": item.get("name").cloned().unwrap_or_else(|| json!(format!("Item {}", i + 1))),
                "price": price,
                "quantity": quantity,
            }));
        }
    }
    let amount = match req.get("amount") {
        None | Some(Value::Null) if !item_details.is_empty() => {
            if items_sum % 100 == 0 {
                json!(items_sum / 100)
            } else {
                json!(crate::store::format_amount(u64::try_from(items_sum).unwrap_or(0)))
            }
        }
        None | Some(Value::Null) => json!(DEFAULT_AMOUNT),
        Some(v) => v.clone(),
    };
    let mut credit_card = json!({
        "token_id": token_id,
        "authentication": authentication,
    });
    if save_token_id {
        credit_card["save_token_id"] = json!(true);
    }
    let mut charge = json!({
        "payment_type": "credit_card",
        "transaction_details": {"order_id": order_id, "gross_amount": amount},
        "credit_card": credit_card,
    });
    if !item_details.is_empty() {
        charge["item_details"] = Value::Array(item_details);
    }
    let auth = midtrans::basic_auth_header(&state.settings.server_key);
    let (_, response) = midtrans::charge(state, Some(&auth), charge.to_string().as_bytes());
    let ok = response.get("status_code").and_then(Value::as_str).is_some_and(|c| c.starts_with('2'));
    (if ok { 200 } else { 502 }, response)
}

/// POST /api/notifications: verifies `signature_key` and records the order status.
pub fn notification(state: &AppState, body: &[u8]) -> (u16, Value) {
    let Ok(n @ Value::Object(_)) = serde_json::from_slice::<Value>(body) else {
        return bad_request("body must be a JSON object");
    };
    let field = |k: &str| n.get(k).and_then(Value::as_str);
    let (Some(order_id), Some(status_code), Some(gross), Some(sig), Some(status)) = (
        field("order_id"),
        field("status_code"),
        field("gross_amount"),
        field("signature_key"),
        field("transaction_status"),
    ) else {
        return bad_request(
            "order_id, status_code, gross_amount, transaction_status and signature_key are required",
        );
    };
    let expected = notify::signature_key(order_id, status_code, gross, &state.settings.server_key);
    if !notify::constant_time_eq(&sig.to_ascii_lowercase(), &expected) {
        return (403, json!({"error": "invalid signature_key"}));
    }
    let record = OrderRecord {
        transaction_status: status.to_string(),
        fraud_status: field("fraud_status").map(str::to_string),
        status_code: status_code.to_string(),
    };
    state.lock_orders().insert(order_id.to_string(), record);
    (200, json!({"status": "ok"}))
}

/// GET /api/orders/{order_id}: the verified status, from a notification or a get-status call.
pub fn order(state: &AppState, order_id: &str) -> (u16, Value) {
    let record = state.lock_orders().get(order_id).cloned();
    if let Some(r) = record {
        return (
            200,
            json!({
                "order_id": order_id,
                "verified": true,
                "transaction_status": r.transaction_status,
                "fraud_status": r.fraud_status,
                "status_code": r.status_code,
                "source": "notification",
            }),
        );
    }
    let auth = midtrans::basic_auth_header(&state.settings.server_key);
    match midtrans::status(state, Some(&auth), order_id) {
        (200, obj) => {
            let s = |k: &str| obj.get(k).cloned().unwrap_or(Value::Null);
            (
                200,
                json!({
                    "order_id": order_id,
                    "verified": true,
                    "transaction_status": s("transaction_status"),
                    "fraud_status": s("fraud_status"),
                    "status_code": s("status_code"),
                    "source": "get-status",
                }),
            )
        }
        _ => (404, json!({"error": "order not found", "order_id": order_id})),
    }
}

/// An order status the merchant confirmed server-side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedStatus {
    /// `transaction_status`.
    pub transaction_status: String,
    /// `fraud_status`, if any.
    pub fraud_status: Option<String>,
    /// `"get-status"` or `"notification"`.
    pub source: &'static str,
}

/// The status of `order_id` as Midtrans tells the merchant: get-status with the server key
/// (current even if the final notification is still on its way), else the recorded notification.
/// `None` when Midtrans knows no such order.
pub fn verified_status(state: &AppState, order_id: &str) -> Option<VerifiedStatus> {
    let auth = midtrans::basic_auth_header(&state.settings.server_key);
    if let (200, obj) = midtrans::status(state, Some(&auth), order_id) {
        let s = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
        // get-status also answers for a transaction_id: only accept the order that was asked for.
        if s("order_id").as_deref() == Some(order_id) {
            if let Some(transaction_status) = s("transaction_status") {
                return Some(VerifiedStatus {
                    transaction_status,
                    fraud_status: s("fraud_status"),
                    source: "get-status",
                });
            }
        }
    }
    let record = state.lock_orders().get(order_id).cloned()?;
    Some(VerifiedStatus {
        transaction_status: record.transaction_status,
        fraud_status: record.fraud_status,
        source: "notification",
    })
}

/// POST /api/3ds-finish: where Midtrans's 3DS page (`callback_type=form`) POSTs the field
/// `response`, the JSON string of the transaction object. That string comes through the browser,
/// so only its `order_id` is used; the status shown is the one confirmed server-side.
/// Answers an HTML page (HTTP status, document); never panics on bad input.
pub fn three_ds_finish(state: &AppState, content_type: Option<&str>, body: &[u8]) -> (u16, String) {
    let is_form = content_type
        .and_then(|c| c.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"));
    if !is_form {
        return (
            415,
            finish_error_page(
                "unsupported_media_type",
                "Expected an HTML form (application/x-www-form-urlencoded).",
            ),
        );
    }
    let Some(raw) = form_urlencoded::parse(body).find(|(k, _)| k == "response").map(|(_, v)| v) else {
        return (400, finish_error_page("missing_response", "The form has no `response` field."));
    };
    let Ok(claimed @ Value::Object(_)) = serde_json::from_str::<Value>(&raw) else {
        return (400, finish_error_page("malformed_response", "`response` is not a JSON object."));
    };
    let Some(order_id) = claimed.get("order_id").and_then(Value::as_str).filter(|s| !s.trim().is_empty())
    else {
        return (400, finish_error_page("missing_order_id", "`response` has no order_id."));
    };
    let claimed_status = claimed.get("transaction_status").and_then(Value::as_str).unwrap_or("");
    let verified = verified_status(state, order_id);
    let code = if verified.is_some() { 200 } else { 404 };
    (code, finish_page(order_id, claimed_status, verified.as_ref()))
}

/// Title, lead text and tone (`ok`, `wait`, `bad`: a styling hook) for a verified status.
fn finish_headline(v: Option<&VerifiedStatus>) -> (&'static str, &'static str, &'static str) {
    let Some(v) = v else {
        return (
            "We could not confirm this payment",
            "Midtrans does not know this order. If money was taken, contact us with the reference below.",
            "bad",
        );
    };
    match (v.transaction_status.as_str(), v.fraud_status.as_deref()) {
        ("capture", Some("challenge")) => (
            "Payment under review",
            "The payment is being reviewed. We will email you once it is approved.",
            "wait",
        ),
        ("capture" | "settlement" | "authorize", _) => {
            ("Payment received", "Terima kasih! Your coffee is on its way.", "ok")
        }
        ("pending", _) => {
            ("Payment is being verified", "We will email you as soon as your bank confirms.", "wait")
        }
        ("deny", _) => {
            ("Payment declined", "No money was taken. Try another card, or contact your bank.", "bad")
        }
        ("expire", _) => {
            ("The verification page expired", "Please pay again; your card was not charged.", "bad")
        }
        ("cancel", _) => ("Payment cancelled", "Your card was not charged.", "bad"),
        _ => ("Payment status", "This is the status Midtrans reported to the store.", "wait"),
    }
}

const FINISH_SOURCE_TEXT: [(&str, &str); 2] =
    [("get-status", "verified by status check"), ("notification", "verified by notification")];

/// The page after a full-page 3DS. Stable hooks on `[data-testid="finish"]`.
fn finish_page(order_id: &str, claimed_status: &str, verified: Option<&VerifiedStatus>) -> String {
    use crate::pages::html_escape as esc;
    let (title, lead, tone) = finish_headline(verified);
    let status = verified.map(|v| v.transaction_status.as_str()).unwrap_or("");
    let source = verified.map(|v| v.source).unwrap_or("");
    let confirmed = match verified {
        Some(v) => {
            let fraud = v.fraud_status.as_deref().map(|f| format!(" / {f}")).unwrap_or_default();
            let how = FINISH_SOURCE_TEXT.iter().find(|(k, _)| *k == v.source).map(|(_, t)| *t).unwrap_or("");
            format!("{}{} ({how})", esc(&v.transaction_status), esc(&fraud))
        }
        None => "Not confirmed".to_string(),
    };
    let claimed_text = if claimed_status.is_empty() { "(none)" } else { claimed_status };
    let mismatch = match verified {
        Some(v) if !claimed_status.is_empty() && v.transaction_status != claimed_status => {
            "<p class=\"finish-note\" data-testid=\"finish-mismatch\">The bank page reported a different \
status than Midtrans confirmed to the store; the store's status is the one that counts.</p>"
        }
        _ => "",
    };
    let body = format!(
        "<section class=\"finish\" data-testid=\"finish\" data-order-id=\"{oid}\" data-status=\"{st}\" \
data-claimed-status=\"{cl}\" data-verified=\"{vf}\" data-source=\"{src}\" data-tone=\"{tone}\" aria-labelledby=\"finish-title\">\
<h1 id=\"finish-title\">{title}</h1><p class=\"result-lead\">{lead}</p>\
<dl class=\"result-facts\"><dt>Order</dt><dd class=\"mono\">{oid}</dd>\
<dt>Confirmed by the store</dt><dd data-testid=\"finish-verified\">{confirmed}</dd>\
<dt>Reported by the bank page</dt><dd data-testid=\"finish-claimed\">{clt}</dd></dl>{mismatch}\
<p><a class=\"secondary-button\" href=\"/\">Back to the shop</a></p></section>",
        oid = esc(order_id),
        st = esc(status),
        cl = esc(claimed_status),
        vf = verified.is_some(),
        src = source,
        clt = esc(claimed_text),
    );
    finish_document(title, &body)
}

/// The 400/415 page: no order to look up.
fn finish_error_page(reason: &str, message: &str) -> String {
    use crate::pages::html_escape as esc;
    let body = format!(
        "<section class=\"finish\" data-testid=\"finish-error\" data-tone=\"bad\" data-reason=\"{}\">\
<h1>We could not read the payment result</h1><p class=\"result-lead\">{}</p>\
<p><a class=\"secondary-button\" href=\"/\">Back to the shop</a></p></section>",
        esc(reason),
        esc(message),
    );
    finish_document("We could not read the payment result", &body)
}

/// The demo shop's page frame (no inline script or style: `/style.css` only).
fn finish_document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"robots\" content=\"noindex\"><title>{} · Kopi Senja</title>\
<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/style.css\"></head>\
<body><header class=\"site-header\"><div class=\"wrap\"><span class=\"shop-name\">Kopi Senja</span></div></header>\
<main class=\"wrap finish-page\" id=\"main\">{body}</main></body></html>",
        crate::pages::html_escape(title)
    )
}
