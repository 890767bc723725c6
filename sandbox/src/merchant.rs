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
