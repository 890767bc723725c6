//! The data of the Rust API: the card (zeroed on drop, never printed) and Midtrans's answers,
//! with Midtrans's own field names and every field kept, so a result can be forwarded unchanged.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use core::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::raw::Raw;
use crate::domain::{self, CardInput, FieldValue, Outcome, Transaction};

/// One card field as given: text, absent, or (from JavaScript) a value that is not text.
#[derive(PartialEq, Eq)]
pub(crate) enum Part {
    Absent,
    Text(String),
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
    NotText,
}

impl Part {
    fn value(&self) -> Option<FieldValue<'_>> {
        match self {
            Part::Absent => None,
            Part::Text(s) => Some(FieldValue::Text(s)),
            Part::NotText => Some(FieldValue::NotText),
        }
    }
    fn is_given(&self) -> bool {
        !matches!(self, Part::Absent)
    }
    fn wipe(&mut self) {
        if let Part::Text(s) = self {
            crate::domain::digits::wipe_string(s);
        }
    }
}

/// Card data, as Midtrans names it (`card_number`, `card_exp_month`, `card_exp_year`,
/// `card_cvv`), or a saved card (`token_id` + `card_cvv`) for two-click payments.
///
/// Validated before anything leaves the page. `Debug` never shows the number, expiry or CVV,
/// and dropping the card overwrites their bytes with zeros. It is deliberately neither `Clone`
/// nor `Serialize`: card data goes to Midtrans only, through the token call.
///
/// ```
/// use midtrans_card::Card;
///
/// let card = Card::new("4811 1111 1111 1114", "12", "2030", "123");
/// assert!(!format!("{card:?}").chars().any(|c| c.is_ascii_digit()));
/// let saved = Card::saved("48111111sHfSakAvHvFQFEjTivUV1114", "123");
/// assert!(saved.is_saved());
/// ```
pub struct Card {
    number: Part,
    exp_month: Part,
    exp_year: Part,
    cvv: Part,
    token_id: Part,
    bank_one_time_token: Part,
}

impl Card {
    /// A card from its number (spaces and dashes allowed), expiry month (`"2"`, `"02"`), expiry
    /// year (`"30"`, `"2030"`) and CVV.
    ///
    /// ```
    /// let card = midtrans_card::Card::new("4811111111111114", "02", "2030", "123");
    /// assert!(!card.is_saved());
    /// ```
    pub fn new(
        number: impl Into<String>,
        exp_month: impl Into<String>,
        exp_year: impl Into<String>,
        cvv: impl Into<String>,
    ) -> Card {
        Card {
            number: Part::Text(number.into()),
            exp_month: Part::Text(exp_month.into()),
            exp_year: Part::Text(exp_year.into()),
            cvv: Part::Text(cvv.into()),
            token_id: Part::Absent,
            bank_one_time_token: Part::Absent,
        }
    }

    /// A card to register (`register_card`): Midtrans's card registration takes the number and
    /// expiry only, so no CVV is asked for or sent.
    ///
    /// ```
    /// let card = midtrans_card::Card::without_cvv("4811111111111114", "02", "2030");
    /// # let _ = card;
    /// ```
    pub fn without_cvv(
        number: impl Into<String>,
        exp_month: impl Into<String>,
        exp_year: impl Into<String>,
    ) -> Card {
        Card {
            number: Part::Text(number.into()),
            exp_month: Part::Text(exp_month.into()),
            exp_year: Part::Text(exp_year.into()),
            cvv: Part::Absent,
            token_id: Part::Absent,
            bank_one_time_token: Part::Absent,
        }
    }

    /// A saved card for a two-click payment: the `saved_token_id` from `register_card` or an
    /// earlier charge, with the CVV the customer types again.
    ///
    /// ```
    /// let card = midtrans_card::Card::saved("48111111sHfSakAvHvFQFEjTivUV1114", "123");
    /// assert!(card.is_saved());
    /// ```
    pub fn saved(token_id: impl Into<String>, cvv: impl Into<String>) -> Card {
        Card {
            number: Part::Absent,
            exp_month: Part::Absent,
            exp_year: Part::Absent,
            cvv: Part::Text(cvv.into()),
            token_id: Part::Text(token_id.into()),
            bank_one_time_token: Part::Absent,
        }
    }

    /// With the one-time token of an Indonesian domestic (KKI) card, sent as
    /// `bank_one_time_token`.
    ///
    /// ```
    /// let card = midtrans_card::Card::new("4811111111111114", "02", "2030", "123")
    ///     .with_bank_one_time_token("12345678");
    /// # let _ = card;
    /// ```
    pub fn with_bank_one_time_token(mut self, token: impl Into<String>) -> Card {
        self.bank_one_time_token = Part::Text(token.into());
        self
    }

    /// Whether this is a saved card (a `token_id` and no number).
    ///
    /// ```
    /// assert!(!midtrans_card::Card::new("4811111111111114", "02", "2030", "123").is_saved());
    /// ```
    pub fn is_saved(&self) -> bool {
        domain::card::is_two_click(&self.input())
    }

    /// A card from fields read off a JavaScript object (the npm package's adapter).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn from_parts(
        number: Part,
        exp_month: Part,
        exp_year: Part,
        cvv: Part,
        token_id: Part,
    ) -> Card {
        Card { number, exp_month, exp_year, cvv, token_id, bank_one_time_token: Part::Absent }
    }

    /// Sets the KKI one-time token from a JavaScript value.
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn set_bank_one_time_token(&mut self, token: Part) {
        self.bank_one_time_token = token;
    }

    /// The fields for validation.
    pub(crate) fn input(&self) -> CardInput<'_> {
        CardInput {
            number: self.number.value(),
            exp_month: self.exp_month.value(),
            exp_year: self.exp_year.value(),
            cvv: self.cvv.value(),
            token_id: self.token_id.value(),
        }
    }

    /// The KKI one-time token, when given as text.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn bank_one_time_token(&self) -> Option<&str> {
        match &self.bank_one_time_token {
            Part::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// What `Debug` prints in place of card data.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Card");
        for (name, part) in [
            ("number", &self.number),
            ("exp_month", &self.exp_month),
            ("exp_year", &self.exp_year),
            ("cvv", &self.cvv),
            ("token_id", &self.token_id),
            ("bank_one_time_token", &self.bank_one_time_token),
        ] {
            if part.is_given() {
                s.field(name, &Redacted);
            }
        }
        s.finish()
    }
}

impl Drop for Card {
    fn drop(&mut self) {
        for part in [
            &mut self.number,
            &mut self.exp_month,
            &mut self.exp_year,
            &mut self.cvv,
            &mut self.token_id,
            &mut self.bank_one_time_token,
        ] {
            part.wipe();
        }
    }
}

/// The keys a response type reads into its own fields.
const TOKEN_KEYS: [&str; 4] = ["status_code", "status_message", "token_id", "hash"];
const REGISTER_KEYS: [&str; 4] = ["status_code", "saved_token_id", "masked_card", "transaction_id"];
const TRANSACTION_KEYS: [&str; 8] = [
    "outcome",
    "status_code",
    "status_message",
    "transaction_status",
    "fraud_status",
    "order_id",
    "transaction_id",
    "gross_amount",
];

/// Every field of `raw` but `keys`, as JSON.
fn extra_of(raw: &Raw, keys: &[&str]) -> Map<String, Value> {
    let mut m = match raw.to_json() {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    for k in keys {
        m.remove(*k);
    }
    m
}

fn put(m: &mut Map<String, Value>, key: &str, v: &Option<String>) {
    if let Some(v) = v {
        m.insert(key.to_owned(), Value::String(v.clone()));
    }
}

/// Serde through the JSON map (typed fields over the received object), and equality by it.
macro_rules! serde_via_map {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.to_map().serialize(serializer)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let map = Map::<String, Value>::deserialize(deserializer)?;
                <$t>::from_raw(Raw::from_json(&Value::Object(map))).map_err(D::Error::custom)
            }
        }
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                self.to_map() == other.to_map()
            }
        }
    };
}

/// `getCardToken`'s answer: forward `token_id` to your backend's charge.
///
/// ```
/// use midtrans_card::TokenResponse;
/// let json = r#"{"status_code":"200","status_message":"Credit card token is created as Token ID.",
///   "token_id":"48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae","hash":"48111111-1114-xxxx","x":1}"#;
/// let t: TokenResponse = serde_json::from_str(json).unwrap();
/// assert_eq!(t.token_id, "48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae");
/// assert_eq!(t.extra()["x"], 1);
/// assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::from_str::<serde_json::Value>(json).unwrap());
/// ```
#[derive(Clone, Debug)]
pub struct TokenResponse {
    /// `"200"`.
    pub status_code: String,
    /// `status_message`.
    pub status_message: Option<String>,
    /// The single-use token (`48111111-1114-<uuid>`).
    pub token_id: String,
    /// `hash`.
    pub hash: Option<String>,
    raw: Raw,
}

impl TokenResponse {
    /// Every other field Midtrans sent, as sent.
    ///
    /// ```
    /// # let t: midtrans_card::TokenResponse = serde_json::from_str(r#"{"status_code":"200","token_id":"t","id":"x"}"#).unwrap();
    /// assert_eq!(t.extra()["id"], "x");
    /// ```
    pub fn extra(&self) -> Map<String, Value> {
        extra_of(&self.raw, &TOKEN_KEYS)
    }

    pub(crate) fn from_raw(raw: Raw) -> Result<TokenResponse, &'static str> {
        Ok(TokenResponse {
            status_code: raw.text("status_code").ok_or("status_code is missing")?,
            status_message: raw.text("status_message"),
            token_id: raw.text("token_id").filter(|t| !t.is_empty()).ok_or("token_id is missing")?,
            hash: raw.text("hash"),
            raw,
        })
    }

    fn to_map(&self) -> Map<String, Value> {
        let mut m = self.extra();
        m.insert("status_code".into(), Value::String(self.status_code.clone()));
        put(&mut m, "status_message", &self.status_message);
        m.insert("token_id".into(), Value::String(self.token_id.clone()));
        put(&mut m, "hash", &self.hash);
        m
    }

    /// The object as Midtrans sent it (the JS adapter's result).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn to_js(&self) -> wasm_bindgen::JsValue {
        self.raw.to_js()
    }
}
serde_via_map!(TokenResponse);

/// `registerCard`'s answer: store `saved_token_id` for one- and two-click payments.
///
/// ```
/// use midtrans_card::RegisterResponse;
/// let r: RegisterResponse = serde_json::from_str(
///     r#"{"status_code":"200","saved_token_id":"48111111sHfSakAvHvFQFEjTivUV1114","masked_card":"48111111-1114"}"#,
/// ).unwrap();
/// assert_eq!(r.masked_card.as_deref(), Some("48111111-1114"));
/// ```
#[derive(Clone, Debug)]
pub struct RegisterResponse {
    /// `"200"`.
    pub status_code: String,
    /// The token to charge the card again (8 first digits, 20 random, 4 last).
    pub saved_token_id: String,
    /// `48111111-1114`.
    pub masked_card: Option<String>,
    /// `transaction_id`.
    pub transaction_id: Option<String>,
    raw: Raw,
}

impl RegisterResponse {
    /// Every other field Midtrans sent, as sent.
    ///
    /// ```
    /// # let r: midtrans_card::RegisterResponse = serde_json::from_str(r#"{"status_code":"200","saved_token_id":"s"}"#).unwrap();
    /// assert!(r.extra().is_empty());
    /// ```
    pub fn extra(&self) -> Map<String, Value> {
        extra_of(&self.raw, &REGISTER_KEYS)
    }

    pub(crate) fn from_raw(raw: Raw) -> Result<RegisterResponse, &'static str> {
        Ok(RegisterResponse {
            status_code: raw.text("status_code").ok_or("status_code is missing")?,
            saved_token_id: raw
                .text("saved_token_id")
                .filter(|t| !t.is_empty())
                .ok_or("saved_token_id is missing")?,
            masked_card: raw.text("masked_card"),
            transaction_id: raw.text("transaction_id"),
            raw,
        })
    }

    fn to_map(&self) -> Map<String, Value> {
        let mut m = self.extra();
        m.insert("status_code".into(), Value::String(self.status_code.clone()));
        m.insert("saved_token_id".into(), Value::String(self.saved_token_id.clone()));
        put(&mut m, "masked_card", &self.masked_card);
        put(&mut m, "transaction_id", &self.transaction_id);
        m
    }

    /// The object as Midtrans sent it (the JS adapter's result).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn to_js(&self) -> wasm_bindgen::JsValue {
        self.raw.to_js()
    }
}
serde_via_map!(RegisterResponse);

/// Midtrans's transaction object (from the 3DS page or the charge), plus what it means for the
/// page: [`outcome`](TransactionResult::outcome). **Not authoritative**: Midtrans requires the
/// backend to confirm the final status (HTTP notification or get-status) before fulfilling.
///
/// Deserializing Midtrans's own object derives `outcome` from its statuses; serializing writes
/// every field back, plus `outcome`.
///
/// ```
/// use midtrans_card::{Outcome, TransactionResult};
/// let t: TransactionResult = serde_json::from_str(
///     r#"{"status_code":"200","transaction_status":"capture","fraud_status":"accept","order_id":"o-1","eci":"05"}"#,
/// ).unwrap();
/// assert_eq!(t.outcome, Outcome::Success);
/// assert_eq!(t.extra()["eci"], "05");
/// ```
#[derive(Clone, Debug)]
pub struct TransactionResult {
    /// Success, pending (3DS2 still verifying) or challenge (held for the merchant's review).
    pub outcome: Outcome,
    /// `status_code` (`"200"`, `"201"`).
    pub status_code: String,
    /// `status_message`.
    pub status_message: Option<String>,
    /// `capture`, `settlement`, `pending`, `authorize`...
    pub transaction_status: Option<String>,
    /// `accept`, `challenge`.
    pub fraud_status: Option<String>,
    /// Your order id.
    pub order_id: Option<String>,
    /// Midtrans's transaction id.
    pub transaction_id: Option<String>,
    /// `"145000.00"`.
    pub gross_amount: Option<String>,
    raw: Raw,
}

/// The statuses of a Midtrans object, for the domain's interpretation.
pub(crate) fn transaction_of(raw: &Raw) -> Transaction {
    let field = |k: &str| raw.text(k).unwrap_or_default();
    Transaction::from_fields(
        &field("status_code"),
        &field("transaction_status"),
        &field("fraud_status"),
        &field("redirect_url"),
        &field("eci"),
    )
}

impl TransactionResult {
    /// Every other field Midtrans sent, as sent (`eci`, `masked_card`, `bank`...).
    ///
    /// ```
    /// # let t: midtrans_card::TransactionResult = serde_json::from_str(r#"{"status_code":"201","transaction_status":"pending","bank":"bni"}"#).unwrap();
    /// assert_eq!(t.extra()["bank"], "bni");
    /// ```
    pub fn extra(&self) -> Map<String, Value> {
        extra_of(&self.raw, &TRANSACTION_KEYS)
    }

    /// A result from a Midtrans object whose outcome is known.
    pub(crate) fn with_outcome(raw: Raw, outcome: Outcome) -> Result<TransactionResult, &'static str> {
        Ok(TransactionResult {
            outcome,
            status_code: raw.text("status_code").ok_or("status_code is missing")?,
            status_message: raw.text("status_message"),
            transaction_status: raw.text("transaction_status"),
            fraud_status: raw.text("fraud_status"),
            order_id: raw.text("order_id"),
            transaction_id: raw.text("transaction_id"),
            gross_amount: raw.text("gross_amount"),
            raw,
        })
    }

    fn from_raw(raw: Raw) -> Result<TransactionResult, &'static str> {
        let outcome = match raw.text("outcome").as_deref() {
            Some("success") => Outcome::Success,
            Some("pending") => Outcome::Pending,
            Some("challenge") => Outcome::Challenge,
            _ => domain::authentication_result(&transaction_of(&raw))
                .map_err(|_| "not a successful, pending or challenged transaction")?,
        };
        TransactionResult::with_outcome(raw, outcome)
    }

    fn to_map(&self) -> Map<String, Value> {
        let mut m = self.extra();
        m.insert("outcome".into(), Value::String(self.outcome.as_str().into()));
        m.insert("status_code".into(), Value::String(self.status_code.clone()));
        put(&mut m, "status_message", &self.status_message);
        put(&mut m, "transaction_status", &self.transaction_status);
        put(&mut m, "fraud_status", &self.fraud_status);
        put(&mut m, "order_id", &self.order_id);
        put(&mut m, "transaction_id", &self.transaction_id);
        put(&mut m, "gross_amount", &self.gross_amount);
        m
    }

    /// A copy of the object as Midtrans sent it, plus `outcome` and `verifiedByBackend: false`
    /// (the JS adapter's result).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn to_js(&self) -> wasm_bindgen::JsValue {
        self.raw.js_with(&[("outcome", self.outcome.as_str())])
    }
}
serde_via_map!(TransactionResult);

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match String::deserialize(deserializer)?.as_str() {
            "success" => Ok(Outcome::Success),
            "pending" => Ok(Outcome::Pending),
            "challenge" => Ok(Outcome::Challenge),
            _ => Err(D::Error::custom("outcome must be success, pending or challenge")),
        }
    }
}
