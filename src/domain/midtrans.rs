//! Interpreting Midtrans: status codes, transaction and fraud statuses, what a charge answer
//! means for the page, which 3DS URLs may be shown, and whether a token answer belongs to the
//! card that was sent. Values Midtrans may add later are kept, not rejected.

#[allow(unused_imports)]
use super::prelude::*;

use super::error::ErrorCode;

/// Midtrans's `status_code`, classified. Parsed leniently from `"200"` or `200`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusCode {
    /// 200: success.
    Ok,
    /// 201: pending (3DS to do, 3DS2 still verifying, or an FDS challenge).
    Pending,
    /// 202: denied by the bank or fraud detection.
    Denied,
    /// 407: expired.
    Expired,
    /// Any other code, kept.
    Other(u16),
    /// Missing or not a number.
    Missing,
}

impl StatusCode {
    /// Parses `"200"`, `" 201 "`, or the digits of a number.
    pub fn parse(s: &str) -> StatusCode {
        let t = super::utf8::trim(s);
        if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return StatusCode::Missing;
        }
        let n = t.bytes().fold(0u16, |a, d| a * 10 + u16::from(d - b'0'));
        match n {
            200 => StatusCode::Ok,
            201 => StatusCode::Pending,
            202 => StatusCode::Denied,
            407 => StatusCode::Expired,
            n => StatusCode::Other(n),
        }
    }

    /// The numeric code, when there is one.
    pub fn number(self) -> Option<u16> {
        match self {
            StatusCode::Ok => Some(200),
            StatusCode::Pending => Some(201),
            StatusCode::Denied => Some(202),
            StatusCode::Expired => Some(407),
            StatusCode::Other(n) => Some(n),
            StatusCode::Missing => None,
        }
    }
}

/// `transaction_status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransactionStatus {
    /// Pre-authorised.
    Authorize,
    /// Captured (success for cards).
    Capture,
    /// Settled.
    Settlement,
    /// Waiting (3DS not done, or 3DS2 verifying).
    Pending,
    /// Denied.
    Deny,
    /// Cancelled.
    Cancel,
    /// Expired.
    Expire,
    /// Unexpected failure.
    Failure,
    /// Refunds, chargebacks, or a value Midtrans adds later.
    Other(String),
}

impl TransactionStatus {
    /// Parses the field's value.
    pub fn parse(s: &str) -> TransactionStatus {
        match s {
            "authorize" => TransactionStatus::Authorize,
            "capture" => TransactionStatus::Capture,
            "settlement" => TransactionStatus::Settlement,
            "pending" => TransactionStatus::Pending,
            "deny" => TransactionStatus::Deny,
            "cancel" => TransactionStatus::Cancel,
            "expire" => TransactionStatus::Expire,
            "failure" => TransactionStatus::Failure,
            other => TransactionStatus::Other(other.to_owned()),
        }
    }
}

/// `fraud_status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FraudStatus {
    /// Accepted.
    Accept,
    /// Needs the merchant's review.
    Challenge,
    /// Denied by fraud detection.
    Deny,
    /// Absent.
    None,
    /// A value Midtrans adds later.
    Other(String),
}

impl FraudStatus {
    /// Parses the field's value (empty = absent).
    pub fn parse(s: &str) -> FraudStatus {
        match s {
            "accept" => FraudStatus::Accept,
            "challenge" => FraudStatus::Challenge,
            "deny" => FraudStatus::Deny,
            "" => FraudStatus::None,
            other => FraudStatus::Other(other.to_owned()),
        }
    }
}

/// The parts of a Midtrans transaction object that decide what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// `status_code`.
    pub status: StatusCode,
    /// `transaction_status`.
    pub transaction: TransactionStatus,
    /// `fraud_status`.
    pub fraud: FraudStatus,
    /// Whether a `redirect_url` came with it.
    pub has_redirect_url: bool,
    /// Whether 3-D Secure authenticated the cardholder: ECI 05/02 (full) or 06/01 (attempted).
    /// ECI 07/00 or none means it did not.
    pub authenticated: bool,
}

impl Transaction {
    /// Builds from the raw field values (absent fields as empty strings).
    pub fn from_fields(
        status: &str,
        transaction: &str,
        fraud: &str,
        redirect_url: &str,
        eci: &str,
    ) -> Transaction {
        Transaction {
            status: StatusCode::parse(status),
            transaction: TransactionStatus::parse(transaction),
            fraud: FraudStatus::parse(fraud),
            has_redirect_url: !super::utf8::trim(redirect_url).is_empty(),
            authenticated: matches!(super::utf8::trim(eci), "05" | "02" | "06" | "01"),
        }
    }
}

/// What the page learned: never final (the backend confirms), but what to show.
///
/// ```
/// use midtrans_card::domain::{authentication_result, Outcome, Transaction};
/// let t = Transaction::from_fields("201", "capture", "challenge", "", "05");
/// assert_eq!(authentication_result(&t), Ok(Outcome::Challenge));
/// assert_eq!(Outcome::Challenge.as_str(), "challenge");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Captured, settled or authorised.
    Success,
    /// Still verifying (3DS2 pending); the backend learns the end by notification.
    Pending,
    /// Captured but held for the merchant's review (FDS challenge).
    Challenge,
}

impl Outcome {
    /// `"success"`, `"pending"` or `"challenge"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Pending => "pending",
            Outcome::Challenge => "challenge",
        }
    }
}

/// What a charge answer asks the page to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChargeStep {
    /// Finished without 3DS.
    Done(Outcome),
    /// Show `redirect_url` for 3-D Secure.
    Authenticate,
    /// Failed with this code.
    Fail(ErrorCode),
}

fn settled_outcome(t: &Transaction) -> Option<Outcome> {
    match (&t.transaction, &t.fraud) {
        (TransactionStatus::Capture, FraudStatus::Challenge) => Some(Outcome::Challenge),
        (TransactionStatus::Capture | TransactionStatus::Settlement | TransactionStatus::Authorize, _) => {
            Some(Outcome::Success)
        }
        (TransactionStatus::Pending, _) => Some(Outcome::Pending),
        _ => None,
    }
}

/// Interprets the charge response the merchant backend relayed.
pub fn charge_step(t: &Transaction) -> ChargeStep {
    match t.status {
        StatusCode::Pending if t.has_redirect_url => ChargeStep::Authenticate,
        StatusCode::Ok | StatusCode::Pending => match settled_outcome(t) {
            Some(o) => ChargeStep::Done(o),
            None => ChargeStep::Fail(ErrorCode::PaymentDenied),
        },
        StatusCode::Denied => ChargeStep::Fail(ErrorCode::PaymentDenied),
        StatusCode::Expired => ChargeStep::Fail(ErrorCode::AuthenticationExpired),
        StatusCode::Other(_) | StatusCode::Missing => ChargeStep::Fail(ErrorCode::ChargeFailed),
    }
}

/// Interprets the transaction object the 3DS page posted back (whichever callback it reached).
/// A denial after the cardholder was authenticated (ECI 05/02/06/01), or by fraud detection, is
/// `payment_denied` (the bank or FDS declined: another card may work); a denial without
/// authentication is `authentication_failed` (wrong OTP, not enrolled: the customer may retry).
pub fn authentication_result(t: &Transaction) -> Result<Outcome, ErrorCode> {
    if t.status == StatusCode::Expired || t.transaction == TransactionStatus::Expire {
        return Err(ErrorCode::AuthenticationExpired);
    }
    let denied = || {
        if t.authenticated || t.fraud == FraudStatus::Deny {
            ErrorCode::PaymentDenied
        } else {
            ErrorCode::AuthenticationFailed
        }
    };
    match t.status {
        StatusCode::Ok | StatusCode::Pending => settled_outcome(t).ok_or_else(denied),
        _ => Err(denied()),
    }
}

/// The hosts Midtrans serves 3DS pages from (and their subdomains), over https only.
const MIDTRANS_HOSTS: [&str; 2] = ["midtrans.com", "veritrans.co.id"];

/// Whether `url` may be shown as a 3DS page: https on a Midtrans/Veritrans host (the host itself
/// or a subdomain: `evilmidtrans.com` is not), or an exact origin from `extra_origins`
/// (`scheme://host[:port]`, for tests and the offline sandbox). Rejects credentials in the URL,
/// backslashes, white space and control characters.
pub fn is_allowed_redirect_url(url: &str, extra_origins: &[&str]) -> bool {
    check_redirect_url(url.as_bytes(), extra_origins).unwrap_or(false)
}

/// Byte-level check (no `str` slicing, so no panic path): `None` means malformed.
// `iter().any` rather than `contains`: `slice::contains` links a general byte search, which cost
// the full npm entry 176 B of gzip for this one use (measured).
#[allow(clippy::manual_contains)]
fn check_redirect_url(url: &[u8], extra_origins: &[&str]) -> Option<bool> {
    if url.is_empty() || url.len() > 4096 || url.iter().any(|&b| b <= b' ' || b == 0x7f || b == b'\\') {
        return Some(false);
    }
    // Non-ASCII white space and controls (NBSP, U+2028...) are rejected too.
    if super::utf8::chars(super::utf8::text(url)?).any(|(_, c)| c.is_control() || super::utf8::is_space(c)) {
        return Some(false);
    }
    let scheme_end = url.windows(3).position(|w| w == b"://")?;
    let scheme = url.get(..scheme_end)?;
    let rest = url.get(scheme_end + 3..)?;
    let authority_end = rest.iter().position(|&b| b == b'/' || b == b'?' || b == b'#').unwrap_or(rest.len());
    let authority = rest.get(..authority_end)?;
    if authority.is_empty() || authority.iter().any(|&b| b == b'@') {
        return Some(false);
    }
    let origin = url.get(..scheme_end + 3 + authority_end)?;
    if extra_origins.iter().any(|o| {
        let o = o.as_bytes();
        let o = o.strip_suffix(b"/").unwrap_or(o);
        o.eq_ignore_ascii_case(origin)
    }) {
        return Some(true);
    }
    if !scheme.eq_ignore_ascii_case(b"https") {
        return Some(false);
    }
    let host = match authority.iter().rposition(|&b| b == b':') {
        Some(i) => {
            let port = authority.get(i + 1..)?;
            if port.is_empty() || !port.iter().all(u8::is_ascii_digit) {
                return Some(false);
            }
            authority.get(..i)?
        }
        None => authority,
    };
    let host = host.strip_suffix(b".").unwrap_or(host);
    Some(MIDTRANS_HOSTS.iter().any(|allowed| {
        let allowed = allowed.as_bytes();
        host.eq_ignore_ascii_case(allowed)
            || (host.len() > allowed.len() + 1
                && host
                    .get(host.len() - allowed.len()..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(allowed))
                && host.get(host.len() - allowed.len() - 1) == Some(&b'.'))
    }))
}

/// What may be kept of a card number, as PCI DSS allows it to be displayed: the first 6 and last
/// 4 digits of a number under 16 digits, the first 8 and last 4 from 16 digits up (Midtrans's
/// own `masked_card` shape). Used to tell whether a token answer belongs to the card that was
/// sent; the number itself is not kept.
///
/// ```
/// use midtrans_card::domain::Truncated;
/// let t = Truncated::of("4811111111111114").unwrap();
/// assert_eq!((t.bin(), t.last4()), ("48111111", "1114"));
/// let maestro = Truncated::of("501800000009").unwrap(); // 12 digits: 6 + 4, never all 12
/// assert_eq!((maestro.bin(), maestro.last4()), ("501800", "0009"));
/// assert!(Truncated::of("4811111111").is_none()); // shorter than any card number
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Truncated {
    digits: [u8; 12],
    bin_len: u8,
}

impl Truncated {
    /// The truncation of a digits-only card number (`None` under 12 digits, shorter than any
    /// card number, or for non-digits).
    pub fn of(number: &str) -> Option<Truncated> {
        let n = number.as_bytes();
        if n.len() < 12 || !n.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let bin_len = if n.len() >= 16 { 8 } else { 6 };
        let mut digits = [0u8; 12];
        let (head, tail) = (n.get(..bin_len)?, n.get(n.len() - 4..)?);
        for (d, s) in digits.iter_mut().zip(head.iter().chain(tail)) {
            *d = *s;
        }
        Some(Truncated { digits, bin_len: bin_len as u8 })
    }

    /// The first 6 or 8 digits.
    pub fn bin(&self) -> &str {
        super::utf8::text(self.digits.get(..usize::from(self.bin_len)).unwrap_or(&[])).unwrap_or("")
    }

    /// The last 4 digits.
    pub fn last4(&self) -> &str {
        let start = usize::from(self.bin_len);
        super::utf8::text(self.digits.get(start..start + 4).unwrap_or(&[])).unwrap_or("")
    }

    /// Whether a token answer belongs to this card: Midtrans's `token_id` starts with the card's
    /// first 6 or 8 digits, a dash, and its last 4 (`48111111-1114-<uuid>`); the digits both
    /// sides know are compared. A late answer to an earlier, timed-out call (the library has one
    /// shared callback slot) fails this check. Token formats this does not recognise are
    /// accepted.
    pub fn matches_token(&self, token_id: &str) -> bool {
        // The text before the first dash and between it and the second, on bytes (a dash is
        // ASCII, so these are the `str` splits without the general pattern search).
        let t = token_id.as_bytes();
        let dash = |s: &[u8]| s.iter().position(|&b| b == b'-');
        let Some(i) = dash(t) else { return true };
        let rest = t.get(i + 1..).unwrap_or_default();
        let Some(j) = dash(rest) else { return true };
        let (bin, last4) = (t.get(..i).unwrap_or_default(), rest.get(..j).unwrap_or_default());
        let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
        if !(digits(bin) && digits(last4) && (bin.len() == 6 || bin.len() == 8) && last4.len() == 4) {
            return true;
        }
        let known = bin.len().min(usize::from(self.bin_len));
        bin.get(..known) == self.bin().as_bytes().get(..known) && last4 == self.last4().as_bytes()
    }
}

impl core::fmt::Debug for Truncated {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}...{}", self.bin(), self.last4())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(status: &str, tx: &str, fraud: &str, redirect: &str) -> Transaction {
        Transaction::from_fields(status, tx, fraud, redirect, "")
    }

    #[test]
    fn charge_steps() {
        assert_eq!(
            charge_step(&t("201", "pending", "", "https://api.sandbox.midtrans.com/x")),
            ChargeStep::Authenticate
        );
        assert_eq!(charge_step(&t("200", "capture", "accept", "")), ChargeStep::Done(Outcome::Success));
        assert_eq!(charge_step(&t("200", "settlement", "", "")), ChargeStep::Done(Outcome::Success));
        assert_eq!(charge_step(&t("201", "capture", "challenge", "")), ChargeStep::Done(Outcome::Challenge));
        assert_eq!(charge_step(&t("201", "pending", "", "")), ChargeStep::Done(Outcome::Pending));
        assert_eq!(charge_step(&t("202", "deny", "deny", "")), ChargeStep::Fail(ErrorCode::PaymentDenied));
        assert_eq!(charge_step(&t("411", "", "", "")), ChargeStep::Fail(ErrorCode::ChargeFailed));
        assert_eq!(charge_step(&t("406", "", "", "")), ChargeStep::Fail(ErrorCode::ChargeFailed));
        assert_eq!(charge_step(&t("", "", "", "")), ChargeStep::Fail(ErrorCode::ChargeFailed));
        assert_eq!(charge_step(&t("200", "deny", "", "")), ChargeStep::Fail(ErrorCode::PaymentDenied));
    }

    #[test]
    fn authentication_results() {
        assert_eq!(authentication_result(&t("200", "capture", "accept", "")), Ok(Outcome::Success));
        assert_eq!(authentication_result(&t("201", "pending", "", "")), Ok(Outcome::Pending));
        assert_eq!(authentication_result(&t("201", "capture", "challenge", "")), Ok(Outcome::Challenge));
        assert_eq!(
            authentication_result(&t("202", "deny", "accept", "")),
            Err(ErrorCode::AuthenticationFailed)
        );
        assert_eq!(authentication_result(&t("407", "expire", "", "")), Err(ErrorCode::AuthenticationExpired));
        assert_eq!(authentication_result(&t("200", "expire", "", "")), Err(ErrorCode::AuthenticationExpired));
        assert_eq!(authentication_result(&t("500", "", "", "")), Err(ErrorCode::AuthenticationFailed));
        assert_eq!(authentication_result(&t("200", "refund", "", "")), Err(ErrorCode::AuthenticationFailed));
    }

    #[test]
    fn redirect_urls() {
        let ok = [
            "https://api.sandbox.veritrans.co.id/v2/token/rba/redirect/481111-1114-x",
            "https://api.midtrans.com/v2/3ds/redirect/abc",
            "https://API.Sandbox.Midtrans.com:443/x?y=1",
            "https://midtrans.com/",
            "https://api.midtrans.com",
        ];
        for u in ok {
            assert!(is_allowed_redirect_url(u, &[]), "{u}");
        }
        let bad = [
            "http://api.midtrans.com/x",
            "javascript:alert(1)",
            "https://evilmidtrans.example.com/x",
            "https://evilmidtrans.com/x",
            "https://api.midtrans.com.evil.example/x",
            "https://x.midtrans.attacker.example/",
            "https://user@api.midtrans.com/x",
            "https://api.midtrans.com@evil.example/x",
            "https://api.midtrans.com\\@evil.example/",
            " https://api.midtrans.com/",
            "https://api.midtrans.com:x/",
            "//api.midtrans.com/x",
            "",
            "data:text/html,hi",
        ];
        for u in bad {
            assert!(!is_allowed_redirect_url(u, &[]), "{u}");
        }
        let local = ["http://api.sandbox.midtrans.localhost:8080"];
        assert!(is_allowed_redirect_url(
            "http://api.sandbox.midtrans.localhost:8080/v2/token/rba/redirect/x",
            &local
        ));
        assert!(!is_allowed_redirect_url("http://api.sandbox.midtrans.localhost:8081/v2/x", &local));
    }

    #[test]
    fn token_integrity() {
        let card = Truncated::of("4811111111111114").expect("card");
        assert!(card.matches_token("48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"));
        assert!(card.matches_token("481111-1114-80d5df78-be87"));
        assert!(!card.matches_token("52111111-1117-80d5df78-be87"));
        assert!(!card.matches_token("48111111-9999-80d5df78"));
        assert!(!card.matches_token("48111112-1114-80d5df78"), "all 8 known digits compared");
        assert!(card.matches_token("opaque-token"));
        // Two dashes make the format; what follows the second may be empty.
        assert!(!card.matches_token("48111111-9999-"));
        assert!(card.matches_token("48111111-9999"), "one dash: not the format, accepted");
        assert!(card.matches_token("-1114-x") && card.matches_token("48111111--x"));
        assert!(card.matches_token("48111111sHfSakAvHvFQFEjTivUV1114"));
        // Under 16 digits only 6 + 4 are kept (PCI), so an 8-digit BIN is compared on 6.
        let amex = Truncated::of("370192169722458").expect("amex");
        assert_eq!((amex.bin(), amex.last4()), ("370192", "2458"));
        assert!(amex.matches_token("37019216-2458-uuid"));
        assert!(!amex.matches_token("37019316-2458-uuid"));
    }

    #[test]
    fn truncation_never_keeps_more_than_pci_allows() {
        for len in 12..=19usize {
            let number: String = (0..len).map(|i| char::from(b'0' + (i % 10) as u8)).collect();
            let t = Truncated::of(&number).expect("digits");
            let kept = t.bin().len() + t.last4().len();
            assert_eq!(kept, if len >= 16 { 12 } else { 10 }, "{len} digits");
            assert!(kept < len, "{len} digits: the whole number kept");
            assert!(!format!("{t:?}").contains(&number));
        }
        assert!(Truncated::of("4811x11111111114").is_none());
    }

    #[test]
    fn status_codes() {
        assert_eq!(StatusCode::parse("200"), StatusCode::Ok);
        assert_eq!(StatusCode::parse(" 407"), StatusCode::Expired);
        assert_eq!(StatusCode::parse("411"), StatusCode::Other(411));
        assert_eq!(StatusCode::parse("x"), StatusCode::Missing);
        assert_eq!(StatusCode::parse("99999"), StatusCode::Missing);
        assert_eq!(
            TransactionStatus::parse("partial_refund"),
            TransactionStatus::Other("partial_refund".into())
        );
        assert_eq!(FraudStatus::parse(""), FraudStatus::None);
    }
}
