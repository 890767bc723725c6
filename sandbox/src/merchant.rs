//! The demo merchant backend (`/api/...`): config for the page, charge, notifications, orders.
//!
//! It is the reference merchants copy, so it trusts the browser with nothing but the card token
//! and the cart:
//! - price, items, order id and 3-D Secure are decided here (a catalogue, its own order ids,
//!   `authentication: true` always);
//! - only one-time `token_id`s from `getCardToken` are charged (a `saved_token_id` never comes
//!   from the browser);
//! - each order's expected amount is stored before the charge; a notification is believed only
//!   when its `signature_key` holds, the order is this shop's and `gross_amount` matches, and then
//!   only after get-status confirms it;
//! - an order's status never moves backwards ([`PRECEDENCE`]): a late `pending` after `capture`,
//!   or a duplicate, changes nothing.
//!
//! Midtrans's guidance on the same rules: <https://docs.midtrans.com/docs/https-notification-webhooks>
//! (verify the signature, handle duplicates and out-of-order notifications, confirm with get-status).

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::midtrans;
use crate::notify;
use crate::server::AppState;
use crate::store::{format_amount, Limits};

/// One product the shop sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// Catalogue id, as the page sends it.
    pub id: &'static str,
    /// Name shown on Midtrans's records.
    pub name: &'static str,
    /// Price in rupiah.
    pub price: i64,
}

/// The shop's catalogue: the only source of prices.
pub const CATALOGUE: &[Product] = &[
    Product { id: "kopi-susu-gula-aren-1l", name: "Kopi Susu Gula Aren 1 L", price: 65_000 },
    Product { id: "kopi-toraja-250g", name: "Kopi Toraja 250 g", price: 85_000 },
];

/// Shipping, added by the shop to every order.
pub const SHIPPING: Product =
    Product { id: "shipping-jaksel", name: "Ongkos kirim (Jakarta Selatan)", price: 15_000 };

/// Most of one product in an order.
pub const MAX_QUANTITY: u64 = 10;
/// Most lines in a cart.
pub const MAX_LINES: usize = 10;

/// A status as Midtrans reported it to the shop (server to server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxStatus {
    /// `transaction_status`.
    pub transaction_status: String,
    /// `fraud_status`, if any.
    pub fraud_status: Option<String>,
    /// `status_code`.
    pub status_code: String,
}

/// Where the shop learnt an order's current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The charge response.
    Charge,
    /// A get-status call.
    GetStatus,
    /// A verified notification (confirmed by get-status).
    Notification,
}

impl Source {
    /// The name used in `/api/orders` and on the finish page.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Charge => "charge",
            Source::GetStatus => "get-status",
            Source::Notification => "notification",
        }
    }
}

/// One of the shop's orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The shop's order id.
    pub order_id: String,
    /// Expected `gross_amount`, as Midtrans formats it (`"145000.00"`).
    pub gross_amount: String,
    /// `(catalogue id, quantity)` lines, shipping excluded.
    pub items: Vec<(String, u64)>,
    /// When the order was created (Unix ms).
    pub created_ms: i64,
    /// The latest status, once Midtrans reported one.
    pub status: Option<TxStatus>,
    /// Where `status` came from.
    pub source: Source,
}

/// The shop's orders, bounded by count and age.
#[derive(Debug, Default)]
pub struct Orders {
    limits: Limits,
    map: HashMap<String, Order>,
}

impl Orders {
    /// No orders yet.
    pub fn new(limits: Limits) -> Self {
        Self { limits, map: HashMap::new() }
    }

    /// Adds an order, dropping old ones first when full.
    pub fn insert(&mut self, order: Order) {
        let now = order.created_ms;
        let (cap, age) = (self.limits.max_orders, self.limits.max_age_ms);
        self.map.retain(|_, o| now - o.created_ms < age);
        if self.map.len() >= cap {
            let mut by_age: Vec<(i64, String)> =
                self.map.values().map(|o| (o.created_ms, o.order_id.clone())).collect();
            by_age.sort_unstable();
            let drop = by_age.len() + 1 - (cap - cap / 10).max(1);
            for (_, id) in by_age.into_iter().take(drop) {
                self.map.remove(&id);
            }
        }
        self.map.insert(order.order_id.clone(), order);
    }

    /// Drops orders older than the age limit.
    pub fn purge(&mut self, now_ms: i64) {
        let age = self.limits.max_age_ms;
        self.map.retain(|_, o| now_ms - o.created_ms < age);
    }

    /// An order.
    pub fn get(&self, order_id: &str) -> Option<&Order> {
        self.map.get(order_id)
    }

    /// Forgets an order (its charge was refused).
    pub fn remove(&mut self, order_id: &str) {
        self.map.remove(order_id);
    }

    /// How many orders are kept.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no order is kept.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Applies a status Midtrans reported, under [`precedence`]. Returns the verdict (`None`
    /// for an unknown order).
    pub fn apply(&mut self, order_id: &str, status: TxStatus, source: Source) -> Option<Verdict> {
        let order = self.map.get_mut(order_id)?;
        let current =
            order.status.as_ref().map(|s| (s.transaction_status.as_str(), s.fraud_status.as_deref()));
        let verdict = precedence(current, (&status.transaction_status, status.fraud_status.as_deref()));
        match verdict {
            Verdict::Apply => {
                order.status = Some(status);
                order.source = source;
            }
            // A notification confirming what the shop already knows still counts as one.
            Verdict::Same if source == Source::Notification => order.source = source,
            Verdict::Same | Verdict::Ignore => {}
        }
        Some(verdict)
    }
}

/// What [`precedence`] says about a reported status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A move forward: record it.
    Apply,
    /// What the order already has (a duplicate): nothing to do.
    Same,
    /// A move backwards or out of a final status (late or out of order): ignore it.
    Ignore,
}

/// The statuses each status may move to, for card payments (Midtrans's status lifecycle:
/// <https://docs.midtrans.com/reference/transaction-status>). A `capture` held by
/// fraud detection is its own row, `capture/challenge`. A status missing from the table (or an
/// empty row) is final.
pub const PRECEDENCE: &[(&str, &[&str])] = &[
    (
        "pending",
        &["authorize", "capture", "capture/challenge", "settlement", "deny", "cancel", "expire", "failure"],
    ),
    ("authorize", &["capture", "capture/challenge", "settlement", "deny", "cancel", "expire", "failure"]),
    ("capture/challenge", &["capture", "settlement", "deny", "cancel"]),
    ("capture", &["settlement", "cancel", "refund", "partial_refund", "chargeback", "partial_chargeback"]),
    ("settlement", &["refund", "partial_refund", "chargeback", "partial_chargeback"]),
    ("partial_refund", &["refund", "chargeback", "partial_chargeback"]),
    ("partial_chargeback", &["chargeback"]),
    ("deny", &[]),
    ("cancel", &[]),
    ("expire", &[]),
    ("refund", &[]),
    ("chargeback", &[]),
    ("failure", &[]),
];

/// The row name of a status: `capture` with `fraud_status: challenge` is `capture/challenge`.
fn row_key(status: &str, fraud: Option<&str>) -> String {
    if status == "capture" && fraud == Some("challenge") {
        "capture/challenge".to_string()
    } else {
        status.to_string()
    }
}

/// Whether an order whose status is `current` may take `next` (both `(transaction_status,
/// fraud_status)`).
pub fn precedence(current: Option<(&str, Option<&str>)>, next: (&str, Option<&str>)) -> Verdict {
    let next_key = row_key(next.0, next.1);
    if !PRECEDENCE.iter().any(|(k, _)| *k == next_key) {
        return Verdict::Ignore;
    }
    let Some(current) = current else { return Verdict::Apply };
    let current_key = row_key(current.0, current.1);
    if current_key == next_key {
        return Verdict::Same;
    }
    match PRECEDENCE.iter().find(|(k, _)| *k == current_key) {
        Some((_, next_ok)) if next_ok.contains(&next_key.as_str()) => Verdict::Apply,
        _ => Verdict::Ignore,
    }
}

/// True when nothing can change the status any more (no get-status refresh needed).
pub fn is_final(status: &TxStatus) -> bool {
    let key = row_key(&status.transaction_status, status.fraud_status.as_deref());
    PRECEDENCE.iter().any(|(k, next)| *k == key && next.is_empty())
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

/// True for a one-time `token_id` as `getCardToken` issues them: the card's first 6 or 8 digits,
/// `-`, its last 4, `-`, a UUID (<https://docs.midtrans.com/reference/get-token>). A
/// `saved_token_id` (32 letters and digits, no dashes) is not one.
pub fn is_one_time_token(token: &str) -> bool {
    let mut parts = token.splitn(3, '-');
    let (Some(bin), Some(last4), Some(uuid)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (bin.len() == 6 || bin.len() == 8)
        && digits(bin)
        && last4.len() == 4
        && digits(last4)
        && uuid.len() == 36
        && uuid.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

/// A cart priced from the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedCart {
    /// `(catalogue id, quantity)` lines.
    pub lines: Vec<(String, u64)>,
    /// Midtrans `item_details`, shipping included.
    pub item_details: Vec<Value>,
    /// Total in rupiah.
    pub total: i64,
}

/// Reads the cart, `[{id, quantity}]`, against the catalogue.
pub fn price_cart(items: &Value) -> Result<PricedCart, String> {
    let Some(items) = items.as_array() else {
        return Err("items must be an array of {id, quantity}".into());
    };
    if items.is_empty() || items.len() > MAX_LINES {
        return Err(format!("items must have 1 to {MAX_LINES} lines"));
    }
    let mut lines: Vec<(String, u64)> = Vec::new();
    let mut details = Vec::new();
    let mut total: i64 = 0;
    for item in items {
        let Some(obj) = item.as_object() else {
            return Err("each item must be an object {id, quantity}".into());
        };
        if let Some(k) = obj.keys().find(|k| *k != "id" && *k != "quantity") {
            return Err(format!(
                "item field `{k}` is not accepted: the shop's catalogue sets names and prices"
            ));
        }
        let id = obj.get("id").and_then(Value::as_str).unwrap_or("");
        let Some(product) = CATALOGUE.iter().find(|p| p.id == id) else {
            return Err(format!("unknown product id: {id:?}"));
        };
        let Some(quantity) =
            obj.get("quantity").and_then(Value::as_u64).filter(|q| (1..=MAX_QUANTITY).contains(q))
        else {
            return Err(format!("quantity must be an integer from 1 to {MAX_QUANTITY}"));
        };
        if lines.iter().any(|(l, _)| l == id) {
            return Err(format!("product {id} is listed twice"));
        }
        lines.push((id.to_string(), quantity));
        total += product.price * i64::try_from(quantity).unwrap_or(0);
        details.push(
            json!({"id": product.id, "name": product.name, "price": product.price, "quantity": quantity}),
        );
    }
    details.push(json!({"id": SHIPPING.id, "name": SHIPPING.name, "price": SHIPPING.price, "quantity": 1}));
    total += SHIPPING.price;
    Ok(PricedCart { lines, item_details: details, total })
}

/// The status fields of a Midtrans transaction object, if it is one for `order_id`.
fn status_of(obj: &Value, order_id: &str) -> Option<TxStatus> {
    let s = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    if s("order_id").as_deref() != Some(order_id) {
        return None;
    }
    Some(TxStatus {
        transaction_status: s("transaction_status")?,
        fraud_status: s("fraud_status"),
        status_code: s("status_code")?,
    })
}

/// POST /api/charge `{token_id, items: [{id, quantity}]}`: prices the cart from the catalogue,
/// creates the order, and charges it through Midtrans with the server key and 3-D Secure.
pub fn charge(state: &AppState, body: &[u8]) -> (u16, Value) {
    let Ok(Value::Object(req)) = serde_json::from_slice::<Value>(body) else {
        return bad_request("body must be a JSON object");
    };
    if let Some(k) = req.keys().find(|k| *k != "token_id" && *k != "items") {
        return bad_request(&format!(
            "field `{k}` is not accepted: the shop decides the amount, the order id and 3-D Secure"
        ));
    }
    let Some(token_id) = req.get("token_id").and_then(Value::as_str).filter(|s| !s.is_empty()) else {
        return bad_request("token_id is required");
    };
    if !is_one_time_token(token_id) {
        return bad_request("token_id must be a one-time token from getCardToken");
    }
    let PricedCart { lines, item_details, total } = match price_cart(req.get("items").unwrap_or(&Value::Null))
    {
        Ok(c) => c,
        Err(e) => return bad_request(&e),
    };
    let now = state.now();
    let order_id = format!("kopi-{now}-{}", crate::ids::digits(6));
    let gross_amount = format_amount(u64::try_from(total).unwrap_or(0) * 100);
    state.lock_orders().insert(Order {
        order_id: order_id.clone(),
        gross_amount,
        items: lines,
        created_ms: now,
        status: None,
        source: Source::Charge,
    });
    let charge = json!({
        "payment_type": "credit_card",
        "transaction_details": {"order_id": order_id, "gross_amount": total},
        "item_details": item_details,
        "credit_card": {"token_id": token_id, "authentication": true},
    });
    let auth = midtrans::basic_auth_header(&state.settings.server_key);
    let (_, mut response) = midtrans::charge(state, Some(&auth), charge.to_string().as_bytes());
    let ok = response.get("status_code").and_then(Value::as_str).is_some_and(|c| c.starts_with('2'));
    match status_of(&response, &order_id) {
        Some(status) if ok => {
            state.lock_orders().apply(&order_id, status, Source::Charge);
        }
        _ => state.lock_orders().remove(&order_id),
    }
    if let Some(m) = response.as_object_mut() {
        // Saved-card tokens stay on the server (none are asked for here, but never relay one).
        m.remove("saved_token_id");
        m.remove("saved_token_id_expired_at");
    }
    (if ok { 200 } else { 502 }, response)
}

/// Asks Midtrans (get-status) for an order's status and records it under [`precedence`].
/// `Err` when Midtrans could not be asked or answered for another order or amount.
fn confirm(state: &AppState, order_id: &str, source: Source) -> Result<Option<Verdict>, &'static str> {
    let expected =
        state.lock_orders().get(order_id).map(|o| o.gross_amount.clone()).ok_or("unknown order")?;
    let auth = midtrans::basic_auth_header(&state.settings.server_key);
    let (code, obj) = midtrans::status(state, Some(&auth), order_id);
    if code != 200 {
        return Err("get-status failed");
    }
    if obj.get("gross_amount").and_then(Value::as_str) != Some(expected.as_str()) {
        return Err("get-status reports another amount");
    }
    let status = status_of(&obj, order_id).ok_or("get-status answered for another order")?;
    Ok(state.lock_orders().apply(order_id, status, source))
}

/// POST /api/notifications: believed only when signed, for one of the shop's orders, at its
/// amount; then confirmed with get-status, and recorded only if it moves the order forward.
pub fn notification(state: &AppState, body: &[u8]) -> (u16, Value) {
    let Ok(n @ Value::Object(_)) = serde_json::from_slice::<Value>(body) else {
        return bad_request("body must be a JSON object");
    };
    let field = |k: &str| n.get(k).and_then(Value::as_str);
    let (Some(order_id), Some(status_code), Some(gross), Some(sig)) =
        (field("order_id"), field("status_code"), field("gross_amount"), field("signature_key"))
    else {
        return bad_request("order_id, status_code, gross_amount and signature_key are required");
    };
    let expected = notify::signature_key(order_id, status_code, gross, &state.settings.server_key);
    if !notify::constant_time_eq(&sig.to_ascii_lowercase(), &expected) {
        return (403, json!({"error": "invalid signature_key"}));
    }
    let Some(expected_gross) = state.lock_orders().get(order_id).map(|o| o.gross_amount.clone()) else {
        return (404, json!({"error": "not an order of this shop", "order_id": order_id}));
    };
    if gross != expected_gross {
        return bad_request("gross_amount does not match the order");
    }
    match confirm(state, order_id, Source::Notification) {
        Ok(verdict) => {
            let order = state.lock_orders().get(order_id).cloned();
            let current = order.and_then(|o| o.status).map(|s| s.transaction_status);
            (
                200,
                json!({"status": "ok", "applied": verdict == Some(Verdict::Apply), "transaction_status": current}),
            )
        }
        // Answer 503 so Midtrans tries again later (its retry schedule).
        Err(e) => (503, json!({"error": e})),
    }
}

/// The shop's view of an order, after a get-status refresh unless its status is final. `None`
/// for an order that is not the shop's.
pub fn order_view(state: &AppState, order_id: &str) -> Option<Order> {
    let order = state.lock_orders().get(order_id).cloned()?;
    if !order.status.as_ref().is_some_and(is_final) {
        // Best effort: when Midtrans cannot be asked, the recorded status stands.
        let _ = confirm(state, order_id, Source::GetStatus);
    }
    state.lock_orders().get(order_id).cloned()
}

/// GET /api/orders/{order_id}: the status the shop recorded (charge, get-status, notification).
pub fn order(state: &AppState, order_id: &str) -> (u16, Value) {
    let Some(order) = order_view(state, order_id) else {
        return (404, json!({"error": "order not found", "order_id": order_id}));
    };
    let status = order.status.as_ref();
    (
        200,
        json!({
            "order_id": order.order_id,
            "gross_amount": order.gross_amount,
            "verified": status.is_some(),
            "transaction_status": status.map(|s| s.transaction_status.clone()),
            "fraud_status": status.and_then(|s| s.fraud_status.clone()),
            "status_code": status.map(|s| s.status_code.clone()),
            "source": order.source.as_str(),
        }),
    )
}

/// An order status the merchant confirmed server-side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedStatus {
    /// `transaction_status`.
    pub transaction_status: String,
    /// `fraud_status`, if any.
    pub fraud_status: Option<String>,
    /// `"charge"`, `"get-status"` or `"notification"`.
    pub source: &'static str,
}

/// The status of one of the shop's orders, refreshed with get-status. `None` when the order is
/// not the shop's or Midtrans reported nothing yet.
pub fn verified_status(state: &AppState, order_id: &str) -> Option<VerifiedStatus> {
    let order = order_view(state, order_id)?;
    let status = order.status?;
    Some(VerifiedStatus {
        transaction_status: status.transaction_status,
        fraud_status: status.fraud_status,
        source: order.source.as_str(),
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
            "This is not an order we know. If money was taken, contact us with the reference below.",
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

const FINISH_SOURCE_TEXT: [(&str, &str); 3] = [
    ("get-status", "verified by status check"),
    ("notification", "verified by notification"),
    ("charge", "reported by the charge"),
];

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every status the table knows, plus one it does not.
    const ALL: &[&str] = &[
        "pending",
        "authorize",
        "capture/challenge",
        "capture",
        "settlement",
        "partial_refund",
        "partial_chargeback",
        "deny",
        "cancel",
        "expire",
        "refund",
        "chargeback",
        "failure",
        "made_up",
    ];

    fn split(key: &str) -> (&str, Option<&str>) {
        match key {
            "capture/challenge" => ("capture", Some("challenge")),
            "capture" => ("capture", Some("accept")),
            k => (k, None),
        }
    }

    /// From `from`, exactly `forward` apply, `from` itself is a duplicate, all else is ignored.
    fn row(from: &str, forward: &[&str]) {
        for to in ALL {
            let want = if *to == from {
                Verdict::Same
            } else if forward.contains(to) {
                Verdict::Apply
            } else {
                Verdict::Ignore
            };
            assert_eq!(precedence(Some(split(from)), split(to)), want, "{from} -> {to}");
        }
    }

    #[test]
    fn row_nothing_yet() {
        for to in ALL {
            let want = if *to == "made_up" { Verdict::Ignore } else { Verdict::Apply };
            assert_eq!(precedence(None, split(to)), want, "none -> {to}");
        }
    }

    #[test]
    fn row_pending() {
        row(
            "pending",
            &[
                "authorize",
                "capture",
                "capture/challenge",
                "settlement",
                "deny",
                "cancel",
                "expire",
                "failure",
            ],
        );
    }

    #[test]
    fn row_authorize() {
        row(
            "authorize",
            &["capture", "capture/challenge", "settlement", "deny", "cancel", "expire", "failure"],
        );
    }

    #[test]
    fn row_capture_challenge() {
        row("capture/challenge", &["capture", "settlement", "deny", "cancel"]);
    }

    #[test]
    fn row_capture() {
        // A late `pending`, `deny` or `authorize` never takes a paid order back.
        row(
            "capture",
            &["settlement", "cancel", "refund", "partial_refund", "chargeback", "partial_chargeback"],
        );
    }

    #[test]
    fn row_settlement() {
        row("settlement", &["refund", "partial_refund", "chargeback", "partial_chargeback"]);
    }

    #[test]
    fn row_partial_refund() {
        row("partial_refund", &["refund", "chargeback", "partial_chargeback"]);
    }

    #[test]
    fn row_partial_chargeback() {
        row("partial_chargeback", &["chargeback"]);
    }

    #[test]
    fn rows_final() {
        for from in ["deny", "cancel", "expire", "refund", "chargeback", "failure"] {
            row(from, &[]);
            assert!(is_final(&TxStatus {
                transaction_status: from.into(),
                fraud_status: None,
                status_code: "200".into()
            }));
        }
        assert!(!is_final(&TxStatus {
            transaction_status: "capture".into(),
            fraud_status: Some("accept".into()),
            status_code: "200".into()
        }));
    }

    #[test]
    fn table_rows_are_all_tested() {
        // Each row of PRECEDENCE has a test above; a new row needs one too.
        let tested = ALL.iter().filter(|s| **s != "made_up").count();
        assert_eq!(PRECEDENCE.len(), tested);
    }

    #[test]
    fn one_time_tokens_only() {
        assert!(is_one_time_token("48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"));
        assert!(is_one_time_token("481111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"));
        assert!(!is_one_time_token("48111111sHfSakAvHvFQFEjTivUV1114"), "saved_token_id");
        assert!(!is_one_time_token("48111111-1114-not-a-uuid"));
        assert!(!is_one_time_token("4811111a-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"));
        assert!(!is_one_time_token(""));
    }

    #[test]
    fn cart_is_priced_from_the_catalogue() {
        let PricedCart { lines, item_details: details, total } =
            price_cart(&json!([{"id": "kopi-susu-gula-aren-1l", "quantity": 2}])).expect("priced");
        assert_eq!(total, 145_000);
        assert_eq!(lines, vec![("kopi-susu-gula-aren-1l".to_string(), 2)]);
        assert_eq!(details.len(), 2, "plus shipping");
        for bad in [
            json!([{"id": "kopi-susu-gula-aren-1l", "quantity": 2, "price": 1}]),
            json!([{"id": "nope", "quantity": 1}]),
            json!([{"id": "kopi-susu-gula-aren-1l", "quantity": 0}]),
            json!([{"id": "kopi-susu-gula-aren-1l", "quantity": 11}]),
            json!([{"id": "kopi-susu-gula-aren-1l", "quantity": 1.5}]),
            json!([{"id": "kopi-susu-gula-aren-1l", "quantity": 1}, {"id": "kopi-susu-gula-aren-1l", "quantity": 1}]),
            json!([]),
            json!({"id": "kopi-susu-gula-aren-1l"}),
        ] {
            assert!(price_cart(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn orders_are_bounded() {
        let limits = Limits { max_orders: 10, max_age_ms: 1_000, ..Limits::default() };
        let mut o = Orders::new(limits);
        for i in 0..100 {
            o.insert(Order {
                order_id: format!("o{i}"),
                gross_amount: "1.00".into(),
                items: vec![],
                created_ms: i,
                status: None,
                source: Source::Charge,
            });
            assert!(o.len() <= 10);
        }
        assert!(o.get("o99").is_some() && o.get("o0").is_none());
        o.purge(10_000);
        assert!(o.is_empty());
    }
}
