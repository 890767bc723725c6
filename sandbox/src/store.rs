//! In-memory state: card tokens, saved cards and transactions, with their time-based lifecycle.
//!
//! Every map is bounded: entries are purged by age (on the periodic tick) and, when a map reaches
//! its cap, the oldest entries go first ([`Limits`]).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use crate::card::{self, CardFields, CardProfile};
use crate::clock::{self, MINUTE_MS};
use crate::ids;

/// A `token_id` can be charged once, within this many milliseconds of its creation.
pub const TOKEN_TTL_MS: i64 = 10 * MINUTE_MS;
/// A 3DS `redirect_url` (pending transaction) expires this long after the charge.
pub const THREE_DS_TTL_MS: i64 = 10 * MINUTE_MS;
/// A "pending, becomes accept after ~60 s" 3DS2 card settles this long after it went pending.
pub const PENDING_VERIFY_MS: i64 = 60_000;
/// A captured card payment becomes `settlement` this long after the capture (Midtrans: the next
/// day), before `--time-scale`.
pub const SETTLEMENT_MS: i64 = 24 * 60 * MINUTE_MS;
/// Merchant id reported on every transaction.
pub const MERCHANT_ID: &str = "G000000000";
/// Acquiring bank reported on every transaction.
pub const BANK: &str = "bni";

/// Caps and ages that keep the sandbox's memory bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most single-use tokens kept (used ones are kept a while so reuse reads as reuse).
    pub max_tokens: usize,
    /// Most saved cards (`saved_token_id`s) kept.
    pub max_saved_cards: usize,
    /// Most transactions kept.
    pub max_transactions: usize,
    /// Most orders the demo merchant keeps.
    pub max_orders: usize,
    /// Transactions and orders older than this are dropped.
    pub max_age_ms: i64,
    /// Saved cards older than this are dropped.
    pub saved_card_max_age_ms: i64,
    /// Notifications waiting to be sent; more are dropped (and logged).
    pub notification_queue: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_tokens: 10_000,
            max_saved_cards: 10_000,
            max_transactions: 10_000,
            max_orders: 10_000,
            // Longer than a pre-authorization lives (about 7 days), so capture still finds it.
            max_age_ms: 8 * 24 * 60 * MINUTE_MS,
            saved_card_max_age_ms: 30 * 24 * 60 * MINUTE_MS,
            notification_queue: 1024,
        }
    }
}

/// Delays of the sandbox's own lifecycle, after `--time-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Pending 3DS2 verification before it turns into a capture.
    pub pending_verify_ms: i64,
    /// Capture to settlement.
    pub settlement_ms: i64,
}

impl Timing {
    /// The documented delays divided by `scale` (at least 1).
    pub fn scaled(scale: u32) -> Self {
        let s = i64::from(scale.max(1));
        Self { pending_verify_ms: PENDING_VERIFY_MS / s, settlement_ms: SETTLEMENT_MS / s }
    }
}

impl Default for Timing {
    fn default() -> Self {
        Self::scaled(1)
    }
}

/// Drops entries older than `max_age_ms`, then the oldest ones while more than `cap` remain
/// (down to 90 % of `cap`, so a full map is not sorted on every insert). `extra` entries are
/// about to be added.
fn purge_map<V>(
    map: &mut HashMap<String, V>,
    created: impl Fn(&V) -> i64,
    now_ms: i64,
    max_age_ms: i64,
    cap: usize,
    extra: usize,
) {
    map.retain(|_, v| now_ms - created(v) < max_age_ms);
    if map.len() + extra > cap {
        let keep = (cap - cap / 10).min(cap.saturating_sub(extra));
        let mut by_age: Vec<(i64, String)> = map.iter().map(|(k, v)| (created(v), k.clone())).collect();
        by_age.sort_unstable();
        let drop = by_age.len().saturating_sub(keep);
        for (_, k) in by_age.into_iter().take(drop) {
            map.remove(&k);
        }
    }
}

/// A single-use card token.
#[derive(Debug, Clone)]
struct TokenEntry {
    card: CardFields,
    created_ms: i64,
    used: bool,
}

/// Why a token cannot be charged (all map to status 411).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Never issued here.
    Unknown,
    /// Already charged once.
    Used,
    /// Older than [`TOKEN_TTL_MS`].
    Expired,
}

/// What a successful token lookup gives the charge.
#[derive(Debug, Clone)]
pub struct ChargeCard {
    /// The card behind the token.
    pub card: CardFields,
    /// True when the token was a reusable `saved_token_id` (one-click).
    pub saved: bool,
}

/// How 3DS went, as input to [`decide`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// The charge asked for no 3DS.
    None,
    /// 3DS2 frictionless: the issuer authenticated the cardholder without a challenge.
    Frictionless,
    /// The customer entered the right OTP.
    OtpOk,
    /// The customer entered a wrong OTP.
    OtpWrong,
}

/// Where a transaction is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Charged with `authentication: true`, waiting on the 3DS page.
    AwaitingAuthentication,
    /// `authorize` (pre-authorization, `credit_card.type: "authorize"`): waits for a capture.
    Authorize,
    /// `capture` + `accept`.
    Capture,
    /// `capture` + `challenge` (FDS): waits for approve or deny.
    Challenge,
    /// 3DS2 still verifying; becomes `Capture` (or `Authorize`) at `until_ms`.
    PendingVerify {
        /// When it turns into a capture.
        until_ms: i64,
    },
    /// `settlement`: the capture was settled.
    Settlement,
    /// `deny` by the bank (`fraud_status` `accept`).
    DenyBank {
        /// Channel response code, e.g. "05".
        code: &'static str,
        /// Channel response message, e.g. "Do not honor".
        message: &'static str,
    },
    /// `deny` by the fraud detection system (`fraud_status` `deny`), or a challenge denied by the
    /// merchant.
    DenyFds,
    /// `deny`: 3DS failed ("Card is not authenticated.").
    NotAuthenticated,
    /// `expire`: 3DS not completed in time, or expired through the API.
    Expired,
    /// `cancel`: cancelled through the API (before settlement), or a challenge never approved.
    Cancel,
    /// `refund` / `partial_refund` after settlement.
    Refund {
        /// True while less than the whole amount was refunded.
        partial: bool,
    },
}

impl Outcome {
    /// `(status_code, status_message, transaction_status, fraud_status)`.
    pub fn summary(&self) -> (&'static str, String, &'static str, Option<&'static str>) {
        match self {
            Outcome::AwaitingAuthentication => {
                ("201", "OK, success do VTDirect transaction".into(), "pending", Some("accept"))
            }
            Outcome::Authorize => (
                "200",
                "Success, Credit Card authorize transaction is successful".into(),
                "authorize",
                Some("accept"),
            ),
            Outcome::Capture => {
                ("200", "Success, Credit Card transaction is successful".into(), "capture", Some("accept"))
            }
            Outcome::Challenge => ("201", "Challenge by FDS".into(), "capture", Some("challenge")),
            Outcome::PendingVerify { .. } => {
                ("201", "Pending after submit OTP 3DS 2.0".into(), "pending", Some("accept"))
            }
            Outcome::Settlement => {
                ("200", "Success, transaction is settled".into(), "settlement", Some("accept"))
            }
            Outcome::DenyBank { code, message } => (
                "202",
                format!(
                    "Deny by Bank [{}] with code [{code}] and message [{message}]",
                    BANK.to_ascii_uppercase()
                ),
                "deny",
                Some("accept"),
            ),
            Outcome::DenyFds => ("202", "Deny by FDS".into(), "deny", Some("deny")),
            Outcome::NotAuthenticated => ("202", "Card is not authenticated.".into(), "deny", Some("accept")),
            Outcome::Expired => ("407", "Success, transaction is expired".into(), "expire", None),
            Outcome::Cancel => ("200", "Success, transaction is canceled".into(), "cancel", Some("accept")),
            Outcome::Refund { partial } => (
                "200",
                "Success, refund request is approved".into(),
                if *partial { "partial_refund" } else { "refund" },
                Some("accept"),
            ),
        }
    }

    /// True when money is held or taken (approval code, channel response "00").
    pub fn is_approved(&self) -> bool {
        matches!(
            self,
            Outcome::Authorize
                | Outcome::Capture
                | Outcome::Challenge
                | Outcome::Settlement
                | Outcome::Refund { .. }
        )
    }
}

/// Decides the outcome of a card charge (Midtrans's sandbox test cards, see [`card::profile_for`]),
/// given how 3DS went. Returns the outcome and the ECI: none without 3DS (Midtrans sends `eci`
/// only for 3DS charges).
pub fn decide(
    pan: &str,
    gross_cents: u64,
    auth: Auth,
    now_ms: i64,
    timing: Timing,
) -> (Outcome, Option<&'static str>) {
    let profile = card::profile_for(pan);
    let three_ds = auth != Auth::None;
    let eci = |e: &'static str| three_ds.then_some(e);
    if auth == Auth::OtpWrong {
        return (Outcome::NotAuthenticated, eci(card::eci_none(pan)));
    }
    let full = eci(card::eci_full(pan));
    let attempted = eci(card::eci_attempted(pan));
    let bank_deny = Outcome::DenyBank { code: "05", message: "Do not honor" };
    let insufficient = Outcome::DenyBank { code: "51", message: "Insufficient funds" };
    match profile {
        CardProfile::AcceptFull
        | CardProfile::FrictionlessAccept
        | CardProfile::ChallengeAccept
        | CardProfile::Unknown => (Outcome::Capture, full),
        CardProfile::AcceptAttempted => (Outcome::Capture, attempted),
        CardProfile::DenyBankFull => (bank_deny, full),
        CardProfile::DenyBankAttempted => (bank_deny, attempted),
        CardProfile::DenyFds => (Outcome::DenyFds, attempted),
        CardProfile::ChallengeFds => (Outcome::Challenge, attempted),
        CardProfile::FrictionlessDeny
        | CardProfile::ChallengeDeny
        | CardProfile::NotAuthenticated
        | CardProfile::ThreeDs1Only => (Outcome::NotAuthenticated, eci(card::eci_none(pan))),
        CardProfile::PendingThenAccept => {
            (Outcome::PendingVerify { until_ms: now_ms + timing.pending_verify_ms }, full)
        }
        CardProfile::OfflineOnly => {
            (Outcome::DenyBank { code: "57", message: "Transaction not permitted to cardholder" }, full)
        }
        CardProfile::InsufficientFunds => (insufficient, full),
        CardProfile::InsufficientFundsOver30k if gross_cents > 3_000_000 => (insufficient, full),
        CardProfile::InsufficientFundsOver30k => (Outcome::Capture, full),
    }
}

/// One charge.
#[derive(Debug, Clone)]
pub struct Transaction {
    /// UUID.
    pub transaction_id: String,
    /// Merchant order id.
    pub order_id: String,
    /// Amount in hundredths of a rupiah (the captured amount once a pre-authorization is captured).
    pub gross_cents: u64,
    /// The card charged.
    pub card: CardFields,
    /// When the charge was made (Unix ms).
    pub created_ms: i64,
    /// Current state.
    pub outcome: Outcome,
    /// ECI, for 3DS charges only.
    pub eci: Option<&'static str>,
    /// Key of the 3DS page URL, when `authentication` was requested.
    pub redirect_key: Option<String>,
    /// `credit_card.callback_type` from the charge (`js_event` or `form`).
    pub callback_type: Option<String>,
    /// Whether the charge asked for 3DS.
    pub authentication: bool,
    /// `credit_card.type: "authorize"`: a pre-authorization, captured later.
    pub preauth: bool,
    /// Whether the charge asked to save the card.
    pub save_token: bool,
    /// Saved card token, once issued.
    pub saved_token_id: Option<String>,
    /// Approval code, once approved.
    pub approval_code: Option<String>,
    /// When it became `capture` (or `capture` + `challenge`).
    pub captured_ms: Option<i64>,
    /// When it became `settlement`.
    pub settled_ms: Option<i64>,
    /// Refunded so far, in hundredths.
    pub refunded_cents: u64,
}

/// Formats hundredths as Midtrans does: `"145000.00"`.
pub fn format_amount(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

impl Transaction {
    /// A new transaction in [`Outcome::AwaitingAuthentication`]; callers then [`Self::set_outcome`].
    pub fn new(
        transaction_id: String,
        order_id: String,
        gross_cents: u64,
        card: CardFields,
        now_ms: i64,
    ) -> Self {
        Self {
            transaction_id,
            order_id,
            gross_cents,
            card,
            created_ms: now_ms,
            outcome: Outcome::AwaitingAuthentication,
            eci: None,
            redirect_key: None,
            callback_type: None,
            authentication: false,
            preauth: false,
            save_token: false,
            saved_token_id: None,
            approval_code: None,
            captured_ms: None,
            settled_ms: None,
            refunded_cents: 0,
        }
    }

    /// The Midtrans transaction object (all values strings, except `on_us` and
    /// `challenge_completion`). `public_api_base` builds the `redirect_url`.
    pub fn object(&self, public_api_base: &str) -> Value {
        let (code, message, status, fraud) = self.outcome.summary();
        let mut m = Map::new();
        let mut put = |k: &str, v: Value| {
            m.insert(k.to_string(), v);
        };
        put("status_code", json!(code));
        put("status_message", json!(message));
        put("transaction_id", json!(self.transaction_id));
        put("order_id", json!(self.order_id));
        put("merchant_id", json!(MERCHANT_ID));
        put("gross_amount", json!(format_amount(self.gross_cents)));
        put("currency", json!("IDR"));
        put("payment_type", json!("credit_card"));
        put("transaction_time", json!(clock::format_gmt7(self.created_ms)));
        put("transaction_status", json!(status));
        if let Some(f) = fraud {
            put("fraud_status", json!(f));
        }
        put("masked_card", json!(card::masked(&self.card.pan)));
        put("bank", json!(BANK));
        put("card_type", json!("credit"));
        if self.authentication {
            put("three_ds_version", json!("2"));
        }
        put("on_us", json!(false));
        if let Some(eci) = self.eci {
            put("eci", json!(eci));
        }
        match &self.outcome {
            Outcome::AwaitingAuthentication => {
                if let Some(key) = &self.redirect_key {
                    put("redirect_url", json!(format!("{public_api_base}/v2/token/rba/redirect/{key}")));
                }
                put("expiry_time", json!(clock::format_gmt7(self.created_ms + THREE_DS_TTL_MS)));
            }
            Outcome::DenyBank { code, message } => {
                put("channel_response_code", json!(code));
                put("channel_response_message", json!(message));
            }
            o if o.is_approved() || (*o == Outcome::Cancel && self.approval_code.is_some()) => {
                put("channel_response_code", json!("00"));
                put("channel_response_message", json!("Approved"));
                if let Some(a) = &self.approval_code {
                    put("approval_code", json!(a));
                }
            }
            _ => {}
        }
        if let Some(t) = self.settled_ms {
            put("settlement_time", json!(clock::format_gmt7(t)));
        }
        if self.refunded_cents > 0 {
            put("refund_amount", json!(format_amount(self.refunded_cents)));
        }
        if self.authentication {
            match &self.outcome {
                Outcome::Capture | Outcome::Challenge | Outcome::Authorize => {
                    put("challenge_completion", json!(true))
                }
                Outcome::PendingVerify { .. } => put("challenge_completion", json!(false)),
                _ => {}
            }
        }
        if let Some(saved) = &self.saved_token_id {
            put("saved_token_id", json!(saved));
            put("saved_token_id_expired_at", json!(saved_token_expiry(&self.card)));
        }
        Value::Object(m)
    }

    /// Applies time-based transitions (3DS expiry, pending → capture, capture → settlement, an
    /// unapproved challenge → cancel). Returns true if the state changed.
    pub fn advance(&mut self, now_ms: i64, timing: Timing) -> bool {
        let settle_due = self.captured_ms.is_some_and(|t| now_ms >= t + timing.settlement_ms);
        match self.outcome {
            Outcome::AwaitingAuthentication if now_ms >= self.created_ms + THREE_DS_TTL_MS => {
                self.outcome = Outcome::Expired;
                true
            }
            Outcome::PendingVerify { until_ms } if now_ms >= until_ms => {
                self.set_outcome(if self.preauth { Outcome::Authorize } else { Outcome::Capture }, now_ms);
                true
            }
            Outcome::Capture if settle_due => {
                self.outcome = Outcome::Settlement;
                self.settled_ms = Some(now_ms);
                true
            }
            Outcome::Challenge if settle_due => {
                self.outcome = Outcome::Cancel;
                true
            }
            _ => false,
        }
    }

    /// Sets the outcome, issuing an approval code when approved and noting the capture time.
    pub fn set_outcome(&mut self, outcome: Outcome, now_ms: i64) {
        if outcome.is_approved() && self.approval_code.is_none() {
            self.approval_code = Some(ids::digits(6));
        }
        if matches!(outcome, Outcome::Capture | Outcome::Challenge) && self.captured_ms.is_none() {
            self.captured_ms = Some(now_ms);
        }
        self.outcome = outcome;
    }
}

/// `saved_token_id_expired_at` for a card: the last day of its expiry month.
pub fn saved_token_expiry(card: &CardFields) -> String {
    let last = clock::days_in_month(i64::from(card.year), card.month);
    format!("{:04}-{:02}-{:02} 07:00:00", card.year, card.month, last)
}

/// A saved card (`saved_token_id`).
#[derive(Debug, Clone)]
struct SavedCard {
    card: CardFields,
    created_ms: i64,
}

/// How many entries each map holds (for the bounded-memory checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StoreSizes {
    /// Single-use tokens.
    pub tokens: usize,
    /// Saved cards.
    pub saved_cards: usize,
    /// Transactions.
    pub transactions: usize,
    /// order id → transaction id index.
    pub order_index: usize,
    /// 3DS page key → transaction id index.
    pub redirect_index: usize,
}

/// All in-memory sandbox state.
#[derive(Debug, Default)]
pub struct Store {
    limits: Limits,
    tokens: HashMap<String, TokenEntry>,
    saved: HashMap<String, SavedCard>,
    txns: HashMap<String, Transaction>,
    orders: HashMap<String, String>,
    redirects: HashMap<String, String>,
}

impl Store {
    /// An empty store with these limits.
    pub fn new(limits: Limits) -> Self {
        Self { limits, ..Self::default() }
    }

    /// Issues a single-use token for a validated card. Returns `(token_id, hash)`.
    pub fn issue_token(&mut self, card: CardFields, now_ms: i64) -> (String, String) {
        purge_map(&mut self.tokens, |t| t.created_ms, now_ms, 2 * TOKEN_TTL_MS, self.limits.max_tokens, 1);
        let prefix = card::masked(&card.pan);
        let token_id = format!("{prefix}-{}", ids::uuid());
        let hash = format!("{prefix}-xxxx");
        self.tokens.insert(token_id.clone(), TokenEntry { card, created_ms: now_ms, used: false });
        (token_id, hash)
    }

    /// Saves a card and returns its `saved_token_id` (first 8 + 20 random + last 4).
    pub fn save_card(&mut self, card: CardFields, now_ms: i64) -> String {
        let l = self.limits;
        purge_map(&mut self.saved, |c| c.created_ms, now_ms, l.saved_card_max_age_ms, l.max_saved_cards, 1);
        let pan = &card.pan;
        let first = pan.get(..8.min(pan.len())).unwrap_or("");
        let last = pan.get(pan.len().saturating_sub(4)..).unwrap_or("");
        let id = format!("{first}{}{last}", ids::alnum(20));
        self.saved.insert(id.clone(), SavedCard { card, created_ms: now_ms });
        id
    }

    /// The card behind a `saved_token_id`.
    pub fn saved_card(&self, saved_token_id: &str) -> Option<&CardFields> {
        self.saved.get(saved_token_id).map(|s| &s.card)
    }

    /// Consumes a token for a charge: single-use tokens once and within 10 minutes; saved
    /// tokens (one-click) any number of times.
    pub fn take_token(&mut self, token_id: &str, now_ms: i64) -> Result<ChargeCard, TokenError> {
        if let Some(entry) = self.tokens.get_mut(token_id) {
            if entry.used {
                return Err(TokenError::Used);
            }
            if now_ms - entry.created_ms >= TOKEN_TTL_MS {
                return Err(TokenError::Expired);
            }
            entry.used = true;
            return Ok(ChargeCard { card: entry.card.clone(), saved: false });
        }
        match self.saved.get(token_id) {
            Some(s) => Ok(ChargeCard { card: s.card.clone(), saved: true }),
            None => Err(TokenError::Unknown),
        }
    }

    /// True if a transaction already uses this order id.
    pub fn order_exists(&self, order_id: &str) -> bool {
        self.orders.contains_key(order_id)
    }

    /// Stores a new transaction (dropping the oldest ones first when full).
    pub fn insert(&mut self, txn: Transaction, now_ms: i64) {
        if self.txns.len() >= self.limits.max_transactions {
            self.purge_transactions(now_ms, 1);
        }
        self.orders.insert(txn.order_id.clone(), txn.transaction_id.clone());
        if let Some(key) = &txn.redirect_key {
            self.redirects.insert(key.clone(), txn.transaction_id.clone());
        }
        self.txns.insert(txn.transaction_id.clone(), txn);
    }

    fn purge_transactions(&mut self, now_ms: i64, extra: usize) {
        let l = self.limits;
        let before = self.txns.len();
        purge_map(&mut self.txns, |t| t.created_ms, now_ms, l.max_age_ms, l.max_transactions, extra);
        if self.txns.len() != before {
            let txns = &self.txns;
            self.orders.retain(|_, tid| txns.contains_key(tid));
            self.redirects.retain(|_, tid| txns.contains_key(tid));
        }
    }

    /// Drops what is too old (tokens, saved cards, transactions). Runs on every tick.
    pub fn purge(&mut self, now_ms: i64) {
        let l = self.limits;
        purge_map(&mut self.tokens, |t| t.created_ms, now_ms, 2 * TOKEN_TTL_MS, l.max_tokens, 0);
        purge_map(&mut self.saved, |c| c.created_ms, now_ms, l.saved_card_max_age_ms, l.max_saved_cards, 0);
        self.purge_transactions(now_ms, 0);
    }

    /// Entry counts, for the bounded-memory checks.
    pub fn sizes(&self) -> StoreSizes {
        StoreSizes {
            tokens: self.tokens.len(),
            saved_cards: self.saved.len(),
            transactions: self.txns.len(),
            order_index: self.orders.len(),
            redirect_index: self.redirects.len(),
        }
    }

    /// Finds a transaction by order id or transaction id.
    pub fn find_mut(&mut self, id: &str) -> Option<&mut Transaction> {
        let tid = self.orders.get(id).cloned().unwrap_or_else(|| id.to_string());
        self.txns.get_mut(&tid)
    }

    /// Finds a transaction by its 3DS page key.
    pub fn find_by_redirect_mut(&mut self, key: &str) -> Option<&mut Transaction> {
        let tid = self.redirects.get(key)?.clone();
        self.txns.get_mut(&tid)
    }

    /// Applies time-based transitions to every transaction; returns the ids that changed.
    pub fn advance_all(&mut self, now_ms: i64, timing: Timing) -> Vec<String> {
        self.txns
            .values_mut()
            .filter_map(|t| t.advance(now_ms, timing).then(|| t.transaction_id.clone()))
            .collect()
    }

    /// A transaction by transaction id.
    pub fn get(&self, transaction_id: &str) -> Option<&Transaction> {
        self.txns.get(transaction_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(pan: &str) -> CardFields {
        CardFields { pan: pan.to_string(), month: 12, year: 2030 }
    }

    #[test]
    fn token_format() {
        let mut s = Store::default();
        let (token, hash) = s.issue_token(card("4811111111111114"), 0);
        assert!(token.starts_with("48111111-1114-"), "{token}");
        assert_eq!(token.len(), "48111111-1114-".len() + 36);
        assert_eq!(hash, "48111111-1114-xxxx");
    }

    #[test]
    fn token_is_single_use() {
        let mut s = Store::default();
        let (token, _) = s.issue_token(card("4811111111111114"), 1_000);
        let first = s.take_token(&token, 2_000).expect("first use");
        assert_eq!(first.card.pan, "4811111111111114");
        assert!(!first.saved);
        assert_eq!(s.take_token(&token, 3_000).err(), Some(TokenError::Used));
        assert_eq!(s.take_token("nope", 3_000).err(), Some(TokenError::Unknown));
    }

    #[test]
    fn token_expires_after_ten_minutes() {
        let mut s = Store::default();
        let (a, _) = s.issue_token(card("4811111111111114"), 0);
        let (b, _) = s.issue_token(card("4811111111111114"), 0);
        assert!(s.take_token(&a, TOKEN_TTL_MS - 1).is_ok());
        assert_eq!(s.take_token(&b, TOKEN_TTL_MS).err(), Some(TokenError::Expired));
    }

    #[test]
    fn saved_tokens_are_reusable() {
        let mut s = Store::default();
        let id = s.save_card(card("4811111111111114"), 0);
        assert_eq!(id.len(), 32);
        assert!(id.starts_with("48111111") && id.ends_with("1114"));
        assert!(s.take_token(&id, 0).map(|c| c.saved).unwrap_or(false));
        assert!(s.take_token(&id, 10 * TOKEN_TTL_MS).is_ok());
    }

    #[test]
    fn outcome_table() {
        let now = 0;
        let t = Timing::default();
        // (card, auth, status_code, transaction_status, fraud_status, eci)
        type Case<'a> = (&'a str, Auth, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
        let cases: &[Case] = &[
            ("4811111111111114", Auth::None, "200", "capture", Some("accept"), None),
            ("4811111111111114", Auth::OtpOk, "200", "capture", Some("accept"), Some("05")),
            ("4811111111111114", Auth::OtpWrong, "202", "deny", Some("accept"), Some("07")),
            ("5211111111111117", Auth::OtpOk, "200", "capture", Some("accept"), Some("02")),
            ("5211111111111117", Auth::OtpWrong, "202", "deny", Some("accept"), Some("00")),
            ("4411111111111118", Auth::None, "200", "capture", Some("accept"), None),
            ("4411111111111118", Auth::OtpOk, "200", "capture", Some("accept"), Some("06")),
            ("5410111111111116", Auth::OtpOk, "200", "capture", Some("accept"), Some("01")),
            ("4556557955726624", Auth::Frictionless, "200", "capture", Some("accept"), Some("05")),
            ("4485436455354151", Auth::Frictionless, "202", "deny", Some("accept"), Some("07")),
            ("4916994064252017", Auth::OtpOk, "200", "capture", Some("accept"), Some("05")),
            ("4911111111111113", Auth::None, "202", "deny", Some("accept"), None),
            ("4611111111111116", Auth::None, "202", "deny", Some("deny"), None),
            ("4511111111111117", Auth::None, "201", "capture", Some("challenge"), None),
            ("5510111111111115", Auth::OtpOk, "201", "capture", Some("challenge"), Some("01")),
            ("4024007176265022", Auth::OtpOk, "201", "pending", Some("accept"), Some("05")),
            ("4604633194219929", Auth::OtpOk, "202", "deny", Some("accept"), Some("07")),
            ("4716125059847899", Auth::OtpOk, "202", "deny", Some("accept"), Some("07")),
            ("4472429869996670", Auth::None, "202", "deny", Some("accept"), None),
            // Bank-specific cards: full and attempted authentication, and the denied ones.
            ("4617006959746656", Auth::OtpOk, "200", "capture", Some("accept"), Some("05")),
            ("4617001741942101", Auth::OtpOk, "200", "capture", Some("accept"), Some("06")),
            ("5573381999825417", Auth::OtpOk, "200", "capture", Some("accept"), Some("01")),
            ("4617008560831760", Auth::OtpOk, "202", "deny", Some("accept"), Some("05")),
            ("5229903405423830", Auth::OtpOk, "202", "deny", Some("accept"), Some("02")),
            ("4242424242424242", Auth::None, "200", "capture", Some("accept"), None),
        ];
        for (pan, auth, code, status, fraud, eci) in cases {
            let (o, e) = decide(pan, 14_500_000, *auth, now, t);
            let (c, _, s, f) = o.summary();
            assert_eq!((c, s, f, e), (*code, *status, *fraud, *eci), "{pan} {auth:?}");
        }
        let deny = decide("4911111111111113", 100, Auth::None, now, t).0.summary().1;
        assert_eq!(deny, "Deny by Bank [BNI] with code [05] and message [Do not honor]");
        let not_auth = decide("4811111111111114", 100, Auth::OtpWrong, now, t).0.summary().1;
        assert_eq!(not_auth, "Card is not authenticated.");
        // RC 51 only above Rp 30,000
        assert_eq!(decide("4806000000000081", 3_000_000, Auth::None, now, t).0.summary().0, "200");
        assert_eq!(decide("4806000000000081", 3_000_100, Auth::None, now, t).0.summary().0, "202");
    }

    fn txn(outcome: Outcome) -> Transaction {
        let mut t = Transaction::new("t1".into(), "o1".into(), 14_500_000, card("4024007176265022"), 0);
        t.redirect_key = Some("k".into());
        t.authentication = true;
        t.outcome = outcome;
        t
    }

    #[test]
    fn pending_becomes_capture_after_sixty_seconds() {
        let timing = Timing::default();
        let mut t = txn(decide("4024007176265022", 100, Auth::OtpOk, 1_000, timing).0);
        assert!(!t.advance(1_000 + PENDING_VERIFY_MS - 1, timing));
        assert!(t.advance(1_000 + PENDING_VERIFY_MS, timing));
        assert_eq!(t.outcome, Outcome::Capture);
        assert!(t.approval_code.is_some());
        assert!(!t.advance(1_000 + 2 * PENDING_VERIFY_MS, timing));
        // ... and settles a day after the capture, with a settlement_time.
        let captured = 1_000 + PENDING_VERIFY_MS;
        assert!(!t.advance(captured + SETTLEMENT_MS - 1, timing));
        assert!(t.advance(captured + SETTLEMENT_MS, timing));
        let o = t.object("x");
        assert_eq!(
            (o["transaction_status"].as_str(), o["status_code"].as_str()),
            (Some("settlement"), Some("200"))
        );
        assert_eq!(o["settlement_time"], clock::format_gmt7(captured + SETTLEMENT_MS));
    }

    #[test]
    fn time_scale_shortens_the_lifecycle() {
        let timing = Timing::scaled(1000);
        assert_eq!(timing, Timing { pending_verify_ms: 60, settlement_ms: 86_400 });
        let mut t = txn(Outcome::Capture);
        t.captured_ms = Some(0);
        assert!(t.advance(86_400, timing));
        assert_eq!(t.outcome, Outcome::Settlement);
    }

    #[test]
    fn unapproved_challenge_is_cancelled_at_settlement() {
        let timing = Timing::default();
        let mut t = txn(Outcome::AwaitingAuthentication);
        t.set_outcome(Outcome::Challenge, 5);
        assert!(t.advance(5 + SETTLEMENT_MS, timing));
        assert_eq!(t.outcome.summary().2, "cancel");
    }

    #[test]
    fn awaiting_3ds_expires_after_ten_minutes() {
        let timing = Timing::default();
        let mut t = txn(Outcome::AwaitingAuthentication);
        let o = t.object("http://api.sandbox.midtrans.localhost:1");
        assert_eq!(o["redirect_url"], "http://api.sandbox.midtrans.localhost:1/v2/token/rba/redirect/k");
        assert_eq!(o["expiry_time"], "1970-01-01 07:10:00");
        assert!(!t.advance(THREE_DS_TTL_MS - 1, timing));
        assert!(t.advance(THREE_DS_TTL_MS, timing));
        let o = t.object("x");
        assert_eq!(o["status_code"], "407");
        assert_eq!(o["transaction_status"], "expire");
    }

    #[test]
    fn object_fields() {
        let mut t = txn(Outcome::AwaitingAuthentication);
        t.card = card("4811111111111114");
        t.saved_token_id = Some("48111111abcdefghijabcdefghij1114".into());
        t.eci = Some("05");
        t.set_outcome(Outcome::Capture, 0);
        let o = t.object("x");
        assert_eq!(o["gross_amount"], "145000.00");
        assert_eq!(o["currency"], "IDR");
        assert_eq!(o["masked_card"], "48111111-1114");
        assert_eq!(o["merchant_id"], MERCHANT_ID);
        assert_eq!(o["transaction_time"], "1970-01-01 07:00:00");
        assert_eq!(o["on_us"], false);
        assert_eq!(o["challenge_completion"], true);
        assert_eq!(o["three_ds_version"], "2");
        assert_eq!(o["eci"], "05");
        assert_eq!(o["saved_token_id_expired_at"], "2030-12-31 07:00:00");
        assert!(o.get("redirect_url").is_none());
        assert_eq!(format_amount(1), "0.01");
    }

    #[test]
    fn non_3ds_objects_carry_no_eci_or_three_ds_version() {
        let mut t = Transaction::new("t".into(), "o".into(), 100, card("4811111111111114"), 0);
        let (outcome, eci) = decide("4811111111111114", 100, Auth::None, 0, Timing::default());
        t.eci = eci;
        t.set_outcome(outcome, 0);
        let o = t.object("x");
        assert_eq!(o["transaction_status"], "capture");
        assert!(o.get("eci").is_none() && o.get("three_ds_version").is_none(), "{o}");
        assert!(o.get("challenge_completion").is_none());
    }

    #[test]
    fn stores_are_bounded_by_count_and_age() {
        let limits = Limits {
            max_tokens: 20,
            max_saved_cards: 20,
            max_transactions: 20,
            max_orders: 20,
            max_age_ms: 1_000,
            saved_card_max_age_ms: 1_000,
            notification_queue: 4,
        };
        let mut s = Store::new(limits);
        for i in 0..200 {
            s.issue_token(card("4811111111111114"), i);
            s.save_card(card("4811111111111114"), i);
            let mut t = Transaction::new(format!("t{i}"), format!("o{i}"), 100, card("4811111111111114"), i);
            t.redirect_key = Some(format!("k{i}"));
            s.insert(t, i);
            let z = s.sizes();
            assert!(z.tokens <= 20 && z.saved_cards <= 20 && z.transactions <= 20, "{i}: {z:?}");
            assert!(z.order_index <= 20 && z.redirect_index <= 20, "{i}: {z:?}");
        }
        // The newest stay, the oldest went.
        assert!(s.find_mut("o199").is_some());
        assert!(s.find_mut("o0").is_none());
        // Age: everything is gone once older than the limits.
        s.purge(199 + 2 * TOKEN_TTL_MS + 1);
        assert_eq!(s.sizes(), StoreSizes::default());
    }
}
