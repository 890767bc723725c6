//! The fake Midtrans API: token, card register, charge, status and the 3DS page.
//!
//! The functions here are transport-free (they return an HTTP status and a body) so the demo
//! merchant backend can call them directly, through the same auth checks.

use std::collections::HashMap;

use base64::Engine;
use serde_json::{json, Value};

use crate::card::{self, CardFields};
use crate::clock;
use crate::ids;
use crate::notify;
use crate::pages;
use crate::server::AppState;
use crate::store::{self, Auth, Outcome, TokenError, Transaction};

/// The sandbox OTP that passes 3DS.
pub const SANDBOX_OTP: &str = "112233";

/// Message of the 401 answer on the token / register endpoints.
pub const CLIENT_KEY_401: &str = "Transaction cannot be authorized with the current client/server key.";
/// Message of the 401 answer on server-key endpoints.
pub const SERVER_KEY_401: &str =
    "Access denied due to unauthorized transaction, please check client or server key";
/// Message of every 400 validation answer.
pub const INVALID_PAYLOAD: &str = "One or more parameters in the payload is invalid.";
/// Message of the 411 answer.
pub const TOKEN_411: &str = "Token id is missing, invalid, or timed out";

/// A Midtrans-shaped error: `{status_code, status_message, id}`.
pub fn error(code: &str, message: &str) -> Value {
    json!({"status_code": code, "status_message": message, "id": ids::uuid()})
}

/// A 400 validation error with `validation_messages`.
pub fn validation_error(messages: Vec<String>) -> Value {
    json!({
        "status_code": "400",
        "status_message": INVALID_PAYLOAD,
        "validation_messages": messages,
        "id": ids::uuid(),
    })
}

/// `Basic base64(server_key + ":")`.
pub fn basic_auth_header(server_key: &str) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{server_key}:")))
}

/// True when the `Authorization` header carries the server key as Basic username.
pub fn server_auth_ok(header: Option<&str>, server_key: &str) -> bool {
    let Some(h) = header else { return false };
    let Some((scheme, b64)) = h.trim().split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(b64.trim()) else {
        return false;
    };
    let Ok(text) = String::from_utf8(raw) else {
        return false;
    };
    let user = text.split_once(':').map_or(text.as_str(), |(u, _)| u);
    !server_key.is_empty() && notify::constant_time_eq(user, server_key)
}

/// Parses a query string into a map (first occurrence of a key wins).
pub fn parse_query(raw: Option<&str>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        out.entry(k.into_owned()).or_insert_with(|| v.into_owned());
    }
    out
}

/// GET /v2/token. Returns the HTTP status for a plain-JSON answer and the body.
pub fn token(state: &AppState, q: &HashMap<String, String>) -> (u16, Value) {
    if q.get("client_key").map(String::as_str) != Some(state.settings.client_key.as_str()) {
        return (401, error("401", CLIENT_KEY_401));
    }
    let now = state.now();
    let today = clock::gmt7(now);
    let get = |k: &str| q.get(k).map(String::as_str);
    let card: CardFields = if let (Some(saved_id), None) = (get("token_id"), get("card_number")) {
        // Two-click: saved_token_id + card_cvv -> a fresh single-use token.
        let mut msgs = Vec::new();
        match get("card_cvv").map(str::trim).filter(|s| !s.is_empty()) {
            None => msgs.push("card_cvv is required".to_string()),
            Some(c) if !(3..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()) => {
                msgs.push("card_cvv must be 3 or 4 digits".to_string())
            }
            Some(_) => {}
        }
        let saved = state.lock_store().saved_card(saved_id).cloned();
        match saved {
            None => msgs.push("token_id is invalid or not found".to_string()),
            Some(_) if !msgs.is_empty() => {}
            Some(card) => {
                let (token_id, hash) = state.lock_store().issue_token(card, now);
                return (200, token_success(token_id, hash));
            }
        }
        return (400, validation_error(msgs));
    } else {
        let (msgs, card) = card::validate_card_fields(
            get("card_number"),
            get("card_exp_month"),
            get("card_exp_year"),
            get("card_cvv"),
            true,
            today,
        );
        match card {
            Some(c) => c,
            None => return (400, validation_error(msgs)),
        }
    };
    let (token_id, hash) = state.lock_store().issue_token(card, now);
    (200, token_success(token_id, hash))
}

fn token_success(token_id: String, hash: String) -> Value {
    json!({
        "status_code": "200",
        "status_message": "Credit card token is created as Token ID.",
        "token_id": token_id,
        "hash": hash,
    })
}

/// GET /v2/card/register.
pub fn register(state: &AppState, q: &HashMap<String, String>) -> (u16, Value) {
    if q.get("client_key").map(String::as_str) != Some(state.settings.client_key.as_str()) {
        return (401, error("401", CLIENT_KEY_401));
    }
    let get = |k: &str| q.get(k).map(String::as_str);
    let (msgs, card) = card::validate_card_fields(
        get("card_number"),
        get("card_exp_month"),
        get("card_exp_year"),
        get("card_cvv"),
        false,
        clock::gmt7(state.now()),
    );
    let Some(card) = card else {
        return (400, validation_error(msgs));
    };
    let masked = card::masked(&card.pan);
    let saved_token_id = state.lock_store().save_card(card, state.now());
    (
        200,
        json!({
            "status_code": "200",
            "saved_token_id": saved_token_id,
            "transaction_id": ids::uuid(),
            "masked_card": masked,
        }),
    )
}

/// True for a safe JSONP callback name: dotted JavaScript identifiers only.
pub fn valid_callback_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && name.split('.').all(|part| {
            let mut chars = part.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        })
}

/// Parses an amount (JSON number or numeric string, at most 2 decimals) into hundredths.
pub fn parse_amount(v: &Value) -> Option<i64> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = frac.trim_end_matches('0');
    if int.is_empty()
        || int.len() > 13
        || frac.len() > 2
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    let cents: i64 = format!("{frac:0<2}").parse().ok()?;
    let total = whole.checked_mul(100)?.checked_add(cents)?;
    Some(if neg { -total } else { total })
}

/// Reads a JSON boolean, also accepting the strings "true"/"false".
fn as_bool(v: Option<&Value>) -> Result<bool, ()> {
    match v {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s == "true" => Ok(true),
        Some(Value::String(s)) if s == "false" => Ok(false),
        Some(_) => Err(()),
    }
}

/// True when an order id uses Midtrans's allowed characters and length.
fn valid_order_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 50
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~' | b'.'))
}

/// POST /v2/charge. `auth` is the raw `Authorization` header.
pub fn charge(state: &AppState, auth: Option<&str>, body: &[u8]) -> (u16, Value) {
    if !server_auth_ok(auth, &state.settings.server_key) {
        return (401, error("401", SERVER_KEY_401));
    }
    let req: Value = match serde_json::from_slice(body) {
        Ok(v @ Value::Object(_)) => v,
        _ => {
            return (
                400,
                error("413", "The request cannot be processed due to malformed syntax in the request body"),
            )
        }
    };
    let mut msgs = Vec::new();
    match req.get("payment_type").and_then(Value::as_str) {
        None => msgs.push("payment_type is required".to_string()),
        Some("credit_card") => {}
        Some(_) => msgs.push("payment_type is not supported by this sandbox: use credit_card".to_string()),
    }
    let td = req.get("transaction_details");
    let order_id = td.and_then(|t| t.get("order_id"));
    let order_id = match order_id {
        None | Some(Value::Null) => {
            msgs.push("transaction_details.order_id is required".to_string());
            None
        }
        Some(Value::String(s)) if valid_order_id(s) => Some(s.clone()),
        Some(_) => {
            msgs.push("transaction_details.order_id must be a string of at most 50 letters, digits, '-', '_', '~' or '.'".to_string());
            None
        }
    };
    let gross = match td.and_then(|t| t.get("gross_amount")) {
        None | Some(Value::Null) => {
            msgs.push("transaction_details.gross_amount is required".to_string());
            None
        }
        Some(v) => match parse_amount(v) {
            Some(c) if c > 0 => Some(c),
            _ => {
                msgs.push("transaction_details.gross_amount must be a number greater than 0".to_string());
                None
            }
        },
    };
    if let Some(items) = req.get("item_details").filter(|v| !v.is_null()) {
        match item_total(items) {
            Err(m) => msgs.extend(m),
            Ok(sum) => {
                if gross.is_some_and(|g| g != sum) {
                    msgs.push(
                        "transaction_details.gross_amount is not equal to the sum of item_details"
                            .to_string(),
                    );
                }
            }
        }
    }
    let cc = req.get("credit_card");
    if !cc.is_some_and(Value::is_object) {
        msgs.push("credit_card is required".to_string());
    }
    let token_id = cc.and_then(|c| c.get("token_id")).and_then(Value::as_str);
    let authentication = as_bool(cc.and_then(|c| c.get("authentication")));
    if authentication.is_err() {
        msgs.push("credit_card.authentication must be a boolean".to_string());
    }
    let save_token_id = as_bool(cc.and_then(|c| c.get("save_token_id")));
    if save_token_id.is_err() {
        msgs.push("credit_card.save_token_id must be a boolean".to_string());
    }
    let preauth = match cc.and_then(|c| c.get("type")) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) if s == "authorize" => true,
        Some(Value::String(s)) if s == "capture" => false,
        Some(_) => {
            msgs.push("credit_card.type must be authorize or capture".to_string());
            false
        }
    };
    let callback_type = match cc.and_then(|c| c.get("callback_type")) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "js_event" || s == "form" => Some(s.clone()),
        Some(_) => {
            msgs.push("credit_card.callback_type must be js_event or form".to_string());
            None
        }
    };
    let (Some(order_id), Some(gross), true) = (order_id, gross, msgs.is_empty()) else {
        return (400, validation_error(msgs));
    };
    let gross = u64::try_from(gross).unwrap_or(0);
    let authentication = authentication.unwrap_or(false);
    let save_token_id = save_token_id.unwrap_or(false);
    let now = state.now();
    let object = {
        let mut store = state.lock_store();
        if store.order_exists(&order_id) {
            return (
                406,
                error(
                    "406",
                    "The request could not be completed due to a conflict with the current state of the target resource: order_id has already been utilized",
                ),
            );
        }
        let Some(token_id) = token_id.filter(|t| !t.is_empty()) else {
            return (411, error("411", TOKEN_411));
        };
        let charge_card = match store.take_token(token_id, now) {
            Ok(c) => c,
            Err(TokenError::Unknown | TokenError::Used | TokenError::Expired) => {
                return (411, error("411", TOKEN_411));
            }
        };
        let transaction_id = ids::uuid();
        let redirect_key = authentication.then(|| {
            if charge_card.saved {
                transaction_id.clone()
            } else {
                token_id.to_string()
            }
        });
        let mut txn = Transaction::new(transaction_id, order_id, gross, charge_card.card, now);
        txn.redirect_key = redirect_key;
        txn.callback_type = callback_type;
        txn.authentication = authentication;
        txn.preauth = preauth;
        txn.save_token = save_token_id;
        txn.saved_token_id = charge_card.saved.then(|| token_id.to_string());
        if !authentication {
            let (outcome, eci) = store::decide(&txn.card.pan, gross, Auth::None, now, state.timing());
            txn.eci = eci;
            txn.set_outcome(preauth_outcome(preauth, outcome), now);
        }
        maybe_save_card(&mut store, &mut txn, now);
        let obj = txn.object(&state.settings.public_api_base);
        store.insert(txn, now);
        obj
    };
    state.notify(&object);
    let code = object.get("status_code").and_then(Value::as_str).and_then(|c| c.parse().ok()).unwrap_or(200);
    (code, object)
}

/// A pre-authorization that the card accepts stays `authorize` until captured.
fn preauth_outcome(preauth: bool, outcome: Outcome) -> Outcome {
    if preauth && outcome == Outcome::Capture {
        Outcome::Authorize
    } else {
        outcome
    }
}

/// Issues the `saved_token_id` once a `save_token_id` charge succeeds.
fn maybe_save_card(store: &mut store::Store, txn: &mut Transaction, now_ms: i64) {
    let success = txn.outcome.is_approved() || matches!(txn.outcome, Outcome::PendingVerify { .. });
    if txn.save_token && success && txn.saved_token_id.is_none() {
        txn.saved_token_id = Some(store.save_card(txn.card.clone(), now_ms));
    }
}

/// Sum of `item_details` price × quantity, in hundredths.
fn item_total(items: &Value) -> Result<i64, Vec<String>> {
    let Some(items) = items.as_array() else {
        return Err(vec!["item_details must be an array".to_string()]);
    };
    let mut msgs = Vec::new();
    let mut sum: i64 = 0;
    for (i, item) in items.iter().enumerate() {
        let price = item.get("price").and_then(parse_amount);
        let qty = match item.get("quantity") {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
        .filter(|q| *q >= 1);
        match (price, qty) {
            (Some(p), Some(q)) => sum = sum.saturating_add(p.saturating_mul(q)),
            (None, _) => msgs.push(format!("item_details[{i}].price is required and must be a number")),
            (_, None) => msgs.push(format!("item_details[{i}].quantity must be an integer of at least 1")),
        }
    }
    if msgs.is_empty() {
        Ok(sum)
    } else {
        Err(msgs)
    }
}

/// GET /v2/{id}/status. The answer carries `signature_key`, as Midtrans's does.
pub fn status(state: &AppState, auth: Option<&str>, id: &str) -> (u16, Value) {
    if !server_auth_ok(auth, &state.settings.server_key) {
        return (401, error("401", SERVER_KEY_401));
    }
    let now = state.now();
    let (obj, changed) = {
        let mut store = state.lock_store();
        let Some(txn) = store.find_mut(id) else {
            return (404, error("404", "Transaction doesn't exist."));
        };
        let changed = txn.advance(now, state.timing());
        (txn.object(&state.settings.public_api_base), changed)
    };
    if changed {
        state.notify(&obj);
    }
    let mut obj = notify::with_signature(obj, &state.settings.server_key);
    if let Some(m) = obj.as_object_mut() {
        m.insert("status_message".into(), Value::String("Success, transaction is found".into()));
    }
    (200, obj)
}

/// The state changes a merchant can ask for after the charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `POST /v2/{id}/approve`: a `capture` + `challenge` is accepted.
    Approve,
    /// `POST /v2/{id}/deny`: a `capture` + `challenge` is denied.
    Deny,
    /// `POST /v2/{id}/cancel`: before settlement.
    Cancel,
    /// `POST /v2/{id}/expire`: a pending transaction.
    Expire,
    /// `POST /v2/{id}/refund`: after settlement, whole or partial (`{"amount"}`).
    Refund,
}

impl Action {
    /// The action named in the URL.
    pub fn from_path(name: &str) -> Option<Self> {
        Some(match name {
            "approve" => Action::Approve,
            "deny" => Action::Deny,
            "cancel" => Action::Cancel,
            "expire" => Action::Expire,
            "refund" => Action::Refund,
            _ => return None,
        })
    }
}

/// Answer when a transaction is not in a state the action applies to.
pub const CANNOT_UPDATE_412: &str = "Transaction status cannot be updated.";

fn json_body(body: &[u8]) -> Result<Value, (u16, Value)> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    match serde_json::from_slice(body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err((
            400,
            error("413", "The request cannot be processed due to malformed syntax in the request body"),
        )),
    }
}

/// `POST /v2/{id}/approve|deny|cancel|expire|refund`.
pub fn action(state: &AppState, auth: Option<&str>, id: &str, action: Action, body: &[u8]) -> (u16, Value) {
    if !server_auth_ok(auth, &state.settings.server_key) {
        return (401, error("401", SERVER_KEY_401));
    }
    let req = match json_body(body) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let now = state.now();
    let timing = state.timing();
    let (obj, message, refund) = {
        let mut store = state.lock_store();
        let Some(txn) = store.find_mut(id) else {
            return (404, error("404", "Transaction doesn't exist."));
        };
        txn.advance(now, timing);
        let mut refund = None;
        let message = match (action, &txn.outcome) {
            (Action::Approve, Outcome::Challenge) => {
                txn.set_outcome(Outcome::Capture, now);
                "Success, transaction is approved"
            }
            (Action::Deny, Outcome::Challenge) => {
                txn.set_outcome(Outcome::DenyFds, now);
                "Success, transaction is denied"
            }
            (
                Action::Cancel,
                Outcome::AwaitingAuthentication
                | Outcome::PendingVerify { .. }
                | Outcome::Authorize
                | Outcome::Capture
                | Outcome::Challenge,
            ) => {
                txn.set_outcome(Outcome::Cancel, now);
                "Success, transaction is canceled"
            }
            (Action::Expire, Outcome::AwaitingAuthentication | Outcome::PendingVerify { .. }) => {
                txn.set_outcome(Outcome::Expired, now);
                "Success, transaction is expired"
            }
            (Action::Refund, Outcome::Settlement | Outcome::Refund { partial: true }) => {
                let left = txn.gross_cents - txn.refunded_cents;
                let amount = match req.get("amount") {
                    None | Some(Value::Null) => Some(i64::try_from(left).unwrap_or(0)),
                    Some(v) => parse_amount(v),
                };
                let Some(amount) =
                    amount.and_then(|a| u64::try_from(a).ok()).filter(|a| *a > 0 && *a <= left)
                else {
                    return (
                        412,
                        error(
                            "412",
                            "Refund amount must be greater than 0 and at most the amount not yet refunded.",
                        ),
                    );
                };
                txn.refunded_cents += amount;
                txn.set_outcome(Outcome::Refund { partial: txn.refunded_cents < txn.gross_cents }, now);
                refund = Some((amount, req.get("refund_key").and_then(Value::as_str).map(str::to_string)));
                "Success, refund request is approved"
            }
            _ => return (412, error("412", CANNOT_UPDATE_412)),
        };
        (txn.object(&state.settings.public_api_base), message, refund)
    };
    state.notify(&obj);
    let mut answer = obj;
    if let Some(m) = answer.as_object_mut() {
        m.insert("status_message".into(), json!(message));
        if action != Action::Expire {
            m.insert("status_code".into(), json!("200"));
        }
        if let Some((amount, key)) = refund {
            m.insert("refund_amount".into(), json!(store::format_amount(amount)));
            if let Some(k) = key {
                m.insert("refund_key".into(), json!(k));
            }
        }
    }
    let code = answer.get("status_code").and_then(Value::as_str).and_then(|c| c.parse().ok()).unwrap_or(200);
    (code, answer)
}

/// `POST /v2/capture` `{transaction_id, gross_amount}`: captures a pre-authorization
/// (`authorize`), for at most the authorized amount.
pub fn capture(state: &AppState, auth: Option<&str>, body: &[u8]) -> (u16, Value) {
    if !server_auth_ok(auth, &state.settings.server_key) {
        return (401, error("401", SERVER_KEY_401));
    }
    let req = match json_body(body) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let Some(id) = req.get("transaction_id").and_then(Value::as_str) else {
        return (400, validation_error(vec!["transaction_id is required".into()]));
    };
    let amount = req.get("gross_amount").and_then(parse_amount);
    let now = state.now();
    let obj = {
        let mut store = state.lock_store();
        let Some(txn) = store.find_mut(id).filter(|t| t.transaction_id == id) else {
            return (404, error("404", "Transaction doesn't exist."));
        };
        txn.advance(now, state.timing());
        if txn.outcome != Outcome::Authorize {
            return (412, error("412", CANNOT_UPDATE_412));
        }
        let authorized = txn.gross_cents;
        let Some(amount) = amount.and_then(|a| u64::try_from(a).ok()).filter(|a| *a > 0 && *a <= authorized)
        else {
            return (
                400,
                validation_error(vec![
                    "gross_amount must be greater than 0 and at most the authorized amount".into(),
                ]),
            );
        };
        txn.gross_cents = amount;
        txn.set_outcome(Outcome::Capture, now);
        txn.object(&state.settings.public_api_base)
    };
    state.notify(&obj);
    let mut answer = obj;
    if let Some(m) = answer.as_object_mut() {
        m.insert("status_message".into(), json!("Success, Credit Card capture transaction is successful"));
    }
    (200, answer)
}

/// Result of the 3DS page handler: HTTP status and HTML.
pub struct Page {
    /// HTTP status.
    pub status: u16,
    /// HTML document.
    pub html: String,
}

/// GET/POST /v2/token/rba/redirect/{key}. `otp` is `Some` on form submission.
pub fn three_ds(state: &AppState, key: &str, q: &HashMap<String, String>, otp: Option<&str>) -> Page {
    let now = state.now();
    let mut notify_obj = None;
    let page = {
        let mut store = state.lock_store();
        let Some(txn) = store.find_by_redirect_mut(key) else {
            return Page {
                status: 404,
                html: pages::error_page(
                    "Transaction not found",
                    "This 3D Secure page does not belong to any pending transaction.",
                ),
            };
        };
        let timing = state.timing();
        if txn.advance(now, timing) {
            notify_obj = Some(txn.object(&state.settings.public_api_base));
        }
        // 3DS2 frictionless cards: the issuer authenticates without a challenge, so the page
        // posts the result at once (no OTP form).
        let submitted = match otp {
            None if txn.outcome == Outcome::AwaitingAuthentication
                && card::is_frictionless(&txn.card.pan) =>
            {
                Some(Auth::Frictionless)
            }
            None => None,
            Some(o) if o.trim() == SANDBOX_OTP => Some(Auth::OtpOk),
            Some(_) => Some(Auth::OtpWrong),
        };
        let callback_type = q.get("callback_type").cloned().or_else(|| txn.callback_type.clone());
        match (&txn.outcome, submitted) {
            (Outcome::Expired, _) => {
                let obj = txn.object(&state.settings.public_api_base);
                deliver(&obj, callback_type.as_deref(), q.get("callback_url").map(String::as_str), 200)
            }
            (Outcome::AwaitingAuthentication, None) => {
                let obj = txn.object(&state.settings.public_api_base);
                let s = |k: &str| obj.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                Page {
                    status: 200,
                    html: pages::otp_page(
                        &s("merchant_id"),
                        &s("gross_amount"),
                        &s("masked_card"),
                        &s("order_id"),
                    ),
                }
            }
            (Outcome::AwaitingAuthentication, Some(auth)) => {
                let (outcome, eci) = store::decide(&txn.card.pan, txn.gross_cents, auth, now, timing);
                txn.eci = eci;
                txn.set_outcome(preauth_outcome(txn.preauth, outcome), now);
                let mut txn_copy = txn.clone();
                maybe_save_card(&mut store, &mut txn_copy, now);
                let obj = txn_copy.object(&state.settings.public_api_base);
                if let Some(t) = store.find_by_redirect_mut(key) {
                    *t = txn_copy;
                }
                notify_obj = Some(obj.clone());
                deliver(&obj, callback_type.as_deref(), q.get("callback_url").map(String::as_str), 200)
            }
            (_, _) => Page {
                status: 409,
                html: pages::error_page(
                    "Transaction already processed",
                    "3D Secure for this transaction has already been completed.",
                ),
            },
        }
    };
    if let Some(obj) = notify_obj {
        state.notify(&obj);
    }
    page
}

/// Builds the result page for the requested callback type.
fn deliver(obj: &Value, callback_type: Option<&str>, callback_url: Option<&str>, status: u16) -> Page {
    let html = if callback_type == Some("form") {
        match callback_url.filter(|u| u.starts_with("http://") || u.starts_with("https://")) {
            Some(url) => pages::result_form_post(obj, url),
            None => pages::result_plain(obj),
        }
    } else {
        pages::result_post_message(obj)
    };
    Page { status, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount(&json!(145000)), Some(14_500_000));
        assert_eq!(parse_amount(&json!("145000.00")), Some(14_500_000));
        assert_eq!(parse_amount(&json!("145000.5")), Some(14_500_050));
        assert_eq!(parse_amount(&json!(10.25)), Some(1025));
        assert_eq!(parse_amount(&json!(-5000)), Some(-500_000));
        assert_eq!(parse_amount(&json!("1.234")), None);
        assert_eq!(parse_amount(&json!("abc")), None);
        assert_eq!(parse_amount(&json!("")), None);
        assert_eq!(parse_amount(&json!(true)), None);
        assert_eq!(parse_amount(&json!("99999999999999999999")), None);
    }

    #[test]
    fn gross_amount_must_match_items() {
        let items = json!([{"price": 50000, "quantity": 2}, {"price": "45000", "quantity": 1}]);
        assert_eq!(item_total(&items), Ok(14_500_000));
        let discount = json!([{"price": 150000, "quantity": 1}, {"price": -5000, "quantity": 1}]);
        assert_eq!(item_total(&discount), Ok(14_500_000));
        assert!(item_total(&json!([{"price": 1, "quantity": 0}])).is_err());
        assert!(item_total(&json!([{"quantity": 1}])).is_err());
        assert!(item_total(&json!({"price": 1})).is_err());
    }

    #[test]
    fn basic_auth() {
        let h = basic_auth_header("SB-Mid-server-x");
        // python3 -c "import base64;print(base64.b64encode(b'SB-Mid-server-x:'))" -> U0ItTWlkLXNlcnZlci14Og==
        assert_eq!(h, "Basic U0ItTWlkLXNlcnZlci14Og==");
        assert!(server_auth_ok(Some(&h), "SB-Mid-server-x"));
        assert!(server_auth_ok(Some("basic U0ItTWlkLXNlcnZlci14Og=="), "SB-Mid-server-x"));
        assert!(!server_auth_ok(Some(&h), "SB-Mid-server-y"));
        assert!(!server_auth_ok(None, "SB-Mid-server-x"));
        assert!(!server_auth_ok(Some("Bearer abc"), "SB-Mid-server-x"));
        assert!(!server_auth_ok(Some("Basic !!!"), "SB-Mid-server-x"));
    }

    #[test]
    fn callback_names() {
        assert!(valid_callback_name("MidtransNew3ds.callback"));
        assert!(valid_callback_name("$jsonp_1"));
        assert!(!valid_callback_name("alert(1)"));
        assert!(!valid_callback_name("a..b"));
        assert!(!valid_callback_name(""));
        assert!(!valid_callback_name("1abc"));
    }

    #[test]
    fn order_ids() {
        assert!(valid_order_id("order-1_a.b~c"));
        assert!(!valid_order_id(""));
        assert!(!valid_order_id("a b"));
        assert!(!valid_order_id(&"x".repeat(51)));
    }
}
