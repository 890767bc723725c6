//! In-memory state: card tokens, saved cards and transactions, with their time-based lifecycle.

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
/// Merchant id reported on every transaction.
pub const MERCHANT_ID: &str = "G000000000";
/// Acquiring bank reported on every transaction.
pub const BANK: &str = "bni";

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
    /// `capture` + `accept`.
    Capture {
        /// ECI value.
        eci: &'static str,
    },
    /// `capture` + `challenge` (FDS).
    Challenge {
        /// ECI value.
        eci: &'static str,
    },
    /// 3DS2 still verifying; becomes `Capture` at `until_ms`.
    PendingVerify {
        /// ECI value.
        eci: &'static str,
        /// When it turns into a capture.
        until_ms: i64,
    },
    /// `deny` by the bank (`fraud_status` `accept`).
    DenyBank {
        /// ECI value.
        eci: &'static str,
        /// Channel response code, e.g. "05".
        code: &'static str,
        /// Channel response message, e.g. "Do not honor".
        message: &'static str,
    },
    /// `deny` by the fraud detection system (`fraud_status` `deny`).
    DenyFds {
        /// ECI value.
        eci: &'static str,
    },
    /// `deny`: 3DS failed ("Card is not authenticated.").
    NotAuthenticated,
    /// 3DS not completed in time.
    Expired,
}

impl Outcome {
    /// `(status_code, status_message, transaction_status, fraud_status)`.
    pub fn summary(&self) -> (&'static str, String, &'static str, Option<&'static str>) {
        match self {
            Outcome::AwaitingAuthentication => {
                ("201", "OK, success do VTDirect transaction".into(), "pending", Some("accept"))
            }
            Outcome::Capture { .. } => {
                ("200", "Success, Credit Card transaction is successful".into(), "capture", Some("accept"))
            }
            Outcome::Challenge { .. } => ("201", "Challenge by FDS".into(), "capture", Some("challenge")),
            Outcome::PendingVerify { .. } => {
                ("201", "Pending after submit OTP 3DS 2.0".into(), "pending", Some("accept"))
            }
            Outcome::DenyBank { code, message, .. } => (
                "202",
                format!(
                    "Deny by Bank [{}] with code [{code}] and message [{message}]",
                    BANK.to_ascii_uppercase()
                ),
                "deny",
                Some("accept"),
            ),
            Outcome::DenyFds { .. } => ("202", "Deny by FDS".into(), "deny", Some("deny")),
            Outcome::NotAuthenticated => ("202", "Card is not authenticated.".into(), "deny", Some("accept")),
            Outcome::Expired => (
                "407",
                "Transaction is expired: 3D Secure authentication was not completed in time".into(),
                "expire",
                None,
            ),
        }
    }

    /// True once nothing more will happen to the transaction by itself.
    pub fn is_terminal(&self) -> bool {
        !matches!(self, Outcome::AwaitingAuthentication | Outcome::PendingVerify { .. })
    }
}

/// Decides the outcome of a card charge (contract §5), given how 3DS went.
pub fn decide(pan: &str, gross_cents: u64, auth: Auth, now_ms: i64) -> Outcome {
    if auth == Auth::OtpWrong {
        return Outcome::NotAuthenticated;
    }
    let full = card::eci_full(pan);
    let attempted = card::eci_attempted(pan);
    let bank_deny = |eci| Outcome::DenyBank { eci, code: "05", message: "Do not honor" };
    let insufficient = Outcome::DenyBank { eci: full, code: "51", message: "Insufficient funds" };
    match card::profile_for(pan) {
        CardProfile::AcceptFull
        | CardProfile::FrictionlessAccept
        | CardProfile::ChallengeAccept
        | CardProfile::Unknown => Outcome::Capture { eci: full },
        CardProfile::AcceptAttempted => Outcome::Capture { eci: attempted },
        CardProfile::DenyBankFull => bank_deny(full),
        CardProfile::DenyBankAttempted => bank_deny(attempted),
        CardProfile::DenyFds => Outcome::DenyFds { eci: attempted },
        CardProfile::ChallengeFds => Outcome::Challenge { eci: attempted },
        CardProfile::FrictionlessDeny
        | CardProfile::ChallengeDeny
        | CardProfile::NotAuthenticated
        | CardProfile::ThreeDs1Only => Outcome::NotAuthenticated,
        CardProfile::PendingThenAccept => {
            Outcome::PendingVerify { eci: full, until_ms: now_ms + PENDING_VERIFY_MS }
        }
        CardProfile::OfflineOnly => {
            Outcome::DenyBank { eci: full, code: "57", message: "Transaction not permitted to cardholder" }
        }
        CardProfile::InsufficientFunds => insufficient,
        CardProfile::InsufficientFundsOver30k if gross_cents > 3_000_000 => insufficient,
        CardProfile::InsufficientFundsOver30k => Outcome::Capture { eci: full },
    }
}

/// One charge.
#[derive(Debug, Clone)]
pub struct Transaction {
    /// UUID.
    pub transaction_id: String,
    /// Merchant order id.
    pub order_id: String,
    /// Amount in hundredths of a rupiah.
    pub gross_cents: u64,
    /// The card charged.
    pub card: CardFields,
    /// When the charge was made (Unix ms).
    pub created_ms: i64,
    /// Current state.
    pub outcome: Outcome,
    /// Key of the 3DS page URL, when `authentication` was requested.
    pub redirect_key: Option<String>,
    /// `credit_card.callback_type` from the charge (`js_event` or `form`).
    pub callback_type: Option<String>,
    /// Whether the charge asked for 3DS.
    pub authentication: bool,
    /// Whether the charge asked to save the card.
    pub save_token: bool,
    /// Saved card token, once issued.
    pub saved_token_id: Option<String>,
    /// Approval code, once captured.
    pub approval_code: Option<String>,
}

/// Formats hundredths as Midtrans does: `"145000.00"`.
pub fn format_amount(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

impl Transaction {
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
        put("three_ds_version", json!("2"));
        put("on_us", json!(false));
        match &self.outcome {
            Outcome::AwaitingAuthentication => {
                if let Some(key) = &self.redirect_key {
                    put("redirect_url", json!(format!("{public_api_base}/v2/token/rba/redirect/{key}")));
                }
                put("expiry_time", json!(clock::format_gmt7(self.created_ms + THREE_DS_TTL_MS)));
            }
            Outcome::Capture { eci } | Outcome::Challenge { eci } => {
                put("eci", json!(eci));
                put("channel_response_code", json!("00"));
                put("channel_response_message", json!("Approved"));
                if let Some(a) = &self.approval_code {
                    put("approval_code", json!(a));
                }
            }
            Outcome::PendingVerify { eci, .. } => {
                put("eci", json!(eci));
            }
            Outcome::DenyBank { eci, code, message } => {
                put("eci", json!(eci));
                put("channel_response_code", json!(code));
                put("channel_response_message", json!(message));
            }
            Outcome::DenyFds { eci } => {
                put("eci", json!(eci));
            }
            Outcome::NotAuthenticated => {
                put("eci", json!("07"));
            }
            Outcome::Expired => {}
        }
        if self.authentication {
            match &self.outcome {
                Outcome::Capture { .. } | Outcome::Challenge { .. } => {
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

    /// Applies time-based transitions (3DS expiry, pending → capture). Returns true if the
    /// state changed.
    pub fn advance(&mut self, now_ms: i64) -> bool {
        match self.outcome {
            Outcome::AwaitingAuthentication if now_ms >= self.created_ms + THREE_DS_TTL_MS => {
                self.outcome = Outcome::Expired;
                true
            }
            Outcome::PendingVerify { eci, until_ms } if now_ms >= until_ms => {
                self.set_outcome(Outcome::Capture { eci });
                true
            }
            _ => false,
        }
    }

    /// Sets the outcome, issuing an approval code on capture.
    pub fn set_outcome(&mut self, outcome: Outcome) {
        if matches!(outcome, Outcome::Capture { .. } | Outcome::Challenge { .. })
            && self.approval_code.is_none()
        {
            self.approval_code = Some(ids::digits(6));
        }
        self.outcome = outcome;
    }
}

/// `saved_token_id_expired_at` for a card: the last day of its expiry month.
pub fn saved_token_expiry(card: &CardFields) -> String {
    let last = clock::days_in_month(i64::from(card.year), card.month);
    format!("{:04}-{:02}-{:02} 07:00:00", card.year, card.month, last)
}

/// All in-memory sandbox state.
#[derive(Debug, Default)]
pub struct Store {
    tokens: HashMap<String, TokenEntry>,
    saved: HashMap<String, CardFields>,
    txns: HashMap<String, Transaction>,
    orders: HashMap<String, String>,
    redirects: HashMap<String, String>,
}

impl Store {
    /// Issues a single-use token for a validated card. Returns `(token_id, hash)`.
    pub fn issue_token(&mut self, card: CardFields, now_ms: i64) -> (String, String) {
        self.purge(now_ms);
        let prefix = card::masked(&card.pan);
        let token_id = format!("{prefix}-{}", ids::uuid());
        let hash = format!("{prefix}-xxxx");
        self.tokens.insert(token_id.clone(), TokenEntry { card, created_ms: now_ms, used: false });
        (token_id, hash)
    }

    /// Saves a card and returns its `saved_token_id` (first 8 + 20 random + last 4).
    pub fn save_card(&mut self, card: CardFields) -> String {
        let pan = &card.pan;
        let first = pan.get(..8.min(pan.len())).unwrap_or("");
        let last = pan.get(pan.len().saturating_sub(4)..).unwrap_or("");
        let id = format!("{first}{}{last}", ids::alnum(20));
        self.saved.insert(id.clone(), card);
        id
    }

    /// The card behind a `saved_token_id`.
    pub fn saved_card(&self, saved_token_id: &str) -> Option<&CardFields> {
        self.saved.get(saved_token_id)
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
            Some(card) => Ok(ChargeCard { card: card.clone(), saved: true }),
            None => Err(TokenError::Unknown),
        }
    }

    /// Drops tokens that can no longer be used (keeps used ones for a while so reuse is
    /// reported as such).
    fn purge(&mut self, now_ms: i64) {
        if self.tokens.len() > 10_000 {
            self.tokens.retain(|_, t| now_ms - t.created_ms < 2 * TOKEN_TTL_MS);
        }
    }

    /// True if a transaction already uses this order id.
    pub fn order_exists(&self, order_id: &str) -> bool {
        self.orders.contains_key(order_id)
    }

    /// Stores a new transaction.
    pub fn insert(&mut self, txn: Transaction) {
        self.orders.insert(txn.order_id.clone(), txn.transaction_id.clone());
        if let Some(key) = &txn.redirect_key {
            self.redirects.insert(key.clone(), txn.transaction_id.clone());
        }
        self.txns.insert(txn.transaction_id.clone(), txn);
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
    pub fn advance_all(&mut self, now_ms: i64) -> Vec<String> {
        self.txns.values_mut().filter_map(|t| t.advance(now_ms).then(|| t.transaction_id.clone())).collect()
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
        let id = s.save_card(card("4811111111111114"));
        assert_eq!(id.len(), 32);
        assert!(id.starts_with("48111111") && id.ends_with("1114"));
        assert!(s.take_token(&id, 0).map(|c| c.saved).unwrap_or(false));
        assert!(s.take_token(&id, 10 * TOKEN_TTL_MS).is_ok());
    }

    #[test]
    fn outcome_table() {
        let now = 0;
        let cases: &[(&str, Auth, &str, &str, Option<&str>)] = &[
            ("4811111111111114", Auth::None, "200", "capture", Some("accept")),
            ("4811111111111114", Auth::OtpOk, "200", "capture", Some("accept")),
            ("4811111111111114", Auth::OtpWrong, "202", "deny", Some("accept")),
            ("4411111111111118", Auth::None, "200", "capture", Some("accept")),
            ("4556557955726624", Auth::OtpOk, "200", "capture", Some("accept")),
            ("4916994064252017", Auth::OtpOk, "200", "capture", Some("accept")),
            ("4911111111111113", Auth::None, "202", "deny", Some("accept")),
            ("4611111111111116", Auth::None, "202", "deny", Some("deny")),
            ("4511111111111117", Auth::None, "201", "capture", Some("challenge")),
            ("5510111111111115", Auth::OtpOk, "201", "capture", Some("challenge")),
            ("4024007176265022", Auth::OtpOk, "201", "pending", Some("accept")),
            ("4604633194219929", Auth::OtpOk, "202", "deny", Some("accept")),
            ("4716125059847899", Auth::OtpOk, "202", "deny", Some("accept")),
            ("4472429869996670", Auth::None, "202", "deny", Some("accept")),
            ("4242424242424242", Auth::None, "200", "capture", Some("accept")),
        ];
        for (pan, auth, code, status, fraud) in cases {
            let (c, _, s, f) = decide(pan, 14_500_000, *auth, now).summary();
            assert_eq!((c, s, f), (*code, *status, *fraud), "{pan} {auth:?}");
        }
        let deny = decide("4911111111111113", 100, Auth::None, now).summary().1;
        assert_eq!(deny, "Deny by Bank [BNI] with code [05] and message [Do not honor]");
        let not_auth = decide("4811111111111114", 100, Auth::OtpWrong, now).summary().1;
        assert_eq!(not_auth, "Card is not authenticated.");
        // RC 51 only above Rp 30,000
        assert_eq!(decide("4806000000000081", 3_000_000, Auth::None, now).summary().0, "200");
        assert_eq!(decide("4806000000000081", 3_000_100, Auth::None, now).summary().0, "202");
    }

    fn txn(outcome: Outcome) -> Transaction {
        Transaction {
            transaction_id: "t1".into(),
            order_id: "o1".into(),
            gross_cents: 14_500_000,
            card: card("4024007176265022"),
            created_ms: 0,
            outcome,
            redirect_key: Some("k".into()),
            callback_type: None,
            authentication: true,
            save_token: false,
            saved_token_id: None,
            approval_code: None,
        }
    }

    #[test]
    fn pending_becomes_capture_after_sixty_seconds() {
        let mut t = txn(decide("4024007176265022", 100, Auth::OtpOk, 1_000));
        assert!(!t.advance(1_000 + PENDING_VERIFY_MS - 1));
        assert!(t.advance(1_000 + PENDING_VERIFY_MS));
        assert_eq!(t.outcome, Outcome::Capture { eci: "05" });
        assert!(t.approval_code.is_some());
        assert!(!t.advance(1_000 + 2 * PENDING_VERIFY_MS));
    }

    #[test]
    fn awaiting_3ds_expires_after_ten_minutes() {
        let mut t = txn(Outcome::AwaitingAuthentication);
        let o = t.object("http://api.sandbox.midtrans.localhost:1");
        assert_eq!(o["redirect_url"], "http://api.sandbox.midtrans.localhost:1/v2/token/rba/redirect/k");
        assert_eq!(o["expiry_time"], "1970-01-01 07:10:00");
        assert!(!t.advance(THREE_DS_TTL_MS - 1));
        assert!(t.advance(THREE_DS_TTL_MS));
        let o = t.object("x");
        assert_eq!(o["status_code"], "407");
        assert_eq!(o["transaction_status"], "expire");
    }

    #[test]
    fn object_fields() {
        let mut t = txn(Outcome::AwaitingAuthentication);
        t.card = card("4811111111111114");
        t.saved_token_id = Some("48111111abcdefghijabcdefghij1114".into());
        t.set_outcome(Outcome::Capture { eci: "05" });
        let o = t.object("x");
        assert_eq!(o["gross_amount"], "145000.00");
        assert_eq!(o["currency"], "IDR");
        assert_eq!(o["masked_card"], "48111111-1114");
        assert_eq!(o["merchant_id"], MERCHANT_ID);
        assert_eq!(o["transaction_time"], "1970-01-01 07:00:00");
        assert_eq!(o["on_us"], false);
        assert_eq!(o["challenge_completion"], true);
        assert_eq!(o["three_ds_version"], "2");
        assert_eq!(o["saved_token_id_expired_at"], "2030-12-31 07:00:00");
        assert!(o.get("redirect_url").is_none());
        assert_eq!(format_amount(1), "0.01");
    }
}
