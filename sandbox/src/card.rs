//! Card checks (Luhn, expiry, CVV) and the sandbox test-card behaviour table, after Midtrans's
//! "Testing Payment on Sandbox" page: <https://docs.midtrans.com/docs/testing-payment-on-sandbox>.

use crate::clock::Civil;

/// Strips spaces from a card number; `None` if anything else than digits remains.
pub fn normalise_pan(raw: &str) -> Option<String> {
    let pan: String = raw.chars().filter(|c| *c != ' ').collect();
    if pan.is_empty() || !pan.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(pan)
}

/// True when the digit string passes the Luhn (mod 10) check.
pub fn luhn_ok(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// First 8 digits + `-` + last 4, as in `masked_card` / the token prefix: `48111111-1114`.
pub fn masked(pan: &str) -> String {
    let first = pan.get(..8.min(pan.len())).unwrap_or("");
    let last = pan.get(pan.len().saturating_sub(4)..).unwrap_or("");
    format!("{first}-{last}")
}

/// Validates the card fields of a token / register request. Returns Midtrans-style validation
/// messages (empty when valid). `today` is the current GMT+7 date.
pub fn validate_card_fields(
    number: Option<&str>,
    month: Option<&str>,
    year: Option<&str>,
    cvv: Option<&str>,
    cvv_required: bool,
    today: Civil,
) -> (Vec<String>, Option<CardFields>) {
    let mut msgs = Vec::new();
    let pan = match number.map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            msgs.push("card_number is required".to_string());
            None
        }
        Some(raw) => match normalise_pan(raw) {
            None => {
                msgs.push("card_number must be numeric".to_string());
                None
            }
            Some(pan) if !(12..=19).contains(&pan.len()) => {
                msgs.push("card_number length must be between 12 and 19 digits".to_string());
                None
            }
            Some(pan) if !luhn_ok(&pan) => {
                msgs.push("card_number does not match with luhn algorithm".to_string());
                None
            }
            Some(pan) => Some(pan),
        },
    };
    let m = match month.map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            msgs.push("card_exp_month is required".to_string());
            None
        }
        Some(s) => match parse_small(s, 2).filter(|m| (1..=12).contains(m)) {
            None => {
                msgs.push("card_exp_month must be between 01 and 12".to_string());
                None
            }
            Some(m) => Some(m),
        },
    };
    let y = match year.map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            msgs.push("card_exp_year is required".to_string());
            None
        }
        Some(s) => match (s.len(), parse_small(s, 4)) {
            (2, Some(y)) => Some(2000 + y),
            (4, Some(y)) => Some(y),
            _ => {
                msgs.push("card_exp_year must be in YYYY format".to_string());
                None
            }
        },
    };
    if let Some(y) = y {
        let this_year = u32::try_from(today.year).unwrap_or(0);
        if y < this_year {
            msgs.push("card_exp_year must be greater than this year".to_string());
        } else if let Some(m) = m {
            if y == this_year && m < today.month {
                msgs.push("card_exp_month must be greater than this year's month".to_string());
            }
        }
    }
    match cvv.map(str::trim).filter(|s| !s.is_empty()) {
        None if cvv_required => msgs.push("card_cvv is required".to_string()),
        None => {}
        Some(c) if !(3..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()) => {
            msgs.push("card_cvv must be 3 or 4 digits".to_string())
        }
        Some(_) => {}
    }
    match (pan, m, y) {
        (Some(pan), Some(month), Some(year)) if msgs.is_empty() => {
            (msgs, Some(CardFields { pan, month, year }))
        }
        _ => (msgs, None),
    }
}

/// Parses an all-digit string of at most `max_len` digits.
fn parse_small(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A validated card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardFields {
    /// Digits only.
    pub pan: String,
    /// Expiry month 1..=12.
    pub month: u32,
    /// Expiry year, four digits.
    pub year: u32,
}

/// What a sandbox test card does (Midtrans's sandbox test cards page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardProfile {
    /// Accept, cardholder fully authenticated (ECI 05/02).
    AcceptFull,
    /// Accept, authentication attempted (ECI 06/01).
    AcceptAttempted,
    /// Denied by the bank, full authentication.
    DenyBankFull,
    /// Denied by the bank, attempted authentication.
    DenyBankAttempted,
    /// Denied by the fraud detection system.
    DenyFds,
    /// Challenged by the fraud detection system (capture + challenge).
    ChallengeFds,
    /// 3DS2 frictionless accept.
    FrictionlessAccept,
    /// 3DS2 frictionless deny.
    FrictionlessDeny,
    /// 3DS2 challenge (OTP) accept.
    ChallengeAccept,
    /// 3DS2 challenge deny.
    ChallengeDeny,
    /// 3DS2 pending, becomes accept after about 60 s.
    PendingThenAccept,
    /// 3DS failed / not attempted: deny, "Card is not authenticated."
    NotAuthenticated,
    /// 3DS1-only card, rejected as no longer supported.
    ThreeDs1Only,
    /// Offline-only card: deny.
    OfflineOnly,
    /// RC 51 insufficient funds, any amount.
    InsufficientFunds,
    /// RC 51 insufficient funds only when the amount is above Rp 30,000.
    InsufficientFundsOver30k,
    /// Not a listed test card: behaves like an accepting card.
    Unknown,
}

/// The published test cards and their behaviour
/// (<https://docs.midtrans.com/docs/testing-payment-on-sandbox>).
const CARD_TABLE: &[(&str, CardProfile)] = &[
    // General cards
    ("4811111111111114", CardProfile::AcceptFull),
    ("5211111111111117", CardProfile::AcceptFull),
    ("3528203324564357", CardProfile::AcceptFull),
    ("370192169722458", CardProfile::AcceptFull),
    ("6212487892425802", CardProfile::AcceptFull),
    ("4911111111111113", CardProfile::DenyBankFull),
    ("5111111111111118", CardProfile::DenyBankFull),
    ("3528512944932269", CardProfile::DenyBankFull),
    ("374296354400881", CardProfile::DenyBankFull),
    ("6212484129687072", CardProfile::DenyBankFull),
    ("4411111111111118", CardProfile::AcceptAttempted),
    ("5410111111111116", CardProfile::AcceptAttempted),
    ("3528868047864225", CardProfile::AcceptAttempted),
    ("373747726661940", CardProfile::AcceptAttempted),
    ("6212489506621198", CardProfile::AcceptAttempted),
    ("4611111111111116", CardProfile::DenyFds),
    ("5411111111111115", CardProfile::DenyFds),
    ("3528185267171623", CardProfile::DenyFds),
    ("378096218340018", CardProfile::DenyFds),
    ("6212482535178193972", CardProfile::DenyFds),
    ("4711111111111115", CardProfile::DenyBankAttempted),
    ("5511111111111114", CardProfile::DenyBankAttempted),
    ("3528909779837631", CardProfile::DenyBankAttempted),
    ("370356097975856", CardProfile::DenyBankAttempted),
    ("6212484228635865", CardProfile::DenyBankAttempted),
    // Challenge by FDS (listed in the older version of the page)
    ("4511111111111117", CardProfile::ChallengeFds),
    ("5510111111111115", CardProfile::ChallengeFds),
    ("3528673112809398", CardProfile::ChallengeFds),
    ("370665684049309", CardProfile::ChallengeFds),
    // 3D Secure 2 cards
    ("4556557955726624", CardProfile::FrictionlessAccept),
    ("4024007189449340", CardProfile::FrictionlessAccept),
    ("5333259155643223", CardProfile::FrictionlessAccept),
    ("341502098634895", CardProfile::FrictionlessAccept),
    ("4485436455354151", CardProfile::FrictionlessDeny),
    ("5328720384582224", CardProfile::FrictionlessDeny),
    ("345695399207589", CardProfile::FrictionlessDeny),
    ("4916994064252017", CardProfile::ChallengeAccept),
    ("5306889942833340", CardProfile::ChallengeAccept),
    ("348638267931507", CardProfile::ChallengeAccept),
    ("4604633194219929", CardProfile::ChallengeDeny),
    ("5424184049821670", CardProfile::ChallengeDeny),
    ("372021106351394", CardProfile::ChallengeDeny),
    ("4024007176265022", CardProfile::PendingThenAccept),
    ("5487971631330522", CardProfile::PendingThenAccept),
    ("345197771649926", CardProfile::PendingThenAccept),
    ("4716125059847899", CardProfile::NotAuthenticated),
    ("5250548692069390", CardProfile::NotAuthenticated),
    ("3794521996036850", CardProfile::NotAuthenticated),
    // 3DS1-only, offline-only and response-code cards
    ("4723249479082225", CardProfile::ThreeDs1Only),
    ("5555666677771111", CardProfile::ThreeDs1Only),
    ("3528927894502153", CardProfile::ThreeDs1Only),
    ("3419184532253540", CardProfile::ThreeDs1Only),
    ("4705859510984866", CardProfile::OfflineOnly),
    ("5597518926561951", CardProfile::OfflineOnly),
    ("4472429869996670", CardProfile::InsufficientFunds),
    ("4806000000000081", CardProfile::InsufficientFundsOver30k),
    // Bank-specific cards: accepted with full (ECI 05/02) or attempted (ECI 06/01) authentication
    ("4617006959746656", CardProfile::AcceptFull), // Mandiri credit
    ("5573381072196900", CardProfile::AcceptFull),
    ("4617001741942101", CardProfile::AcceptAttempted),
    ("5573381999825417", CardProfile::AcceptAttempted),
    ("4097661111111113", CardProfile::AcceptFull), // Mandiri debit
    ("4097661111111139", CardProfile::AcceptAttempted),
    ("4599207887122414", CardProfile::AcceptFull), // CIMB
    ("5481169818832479", CardProfile::AcceptFull),
    ("4599203997052898", CardProfile::AcceptAttempted),
    ("5481167121032563", CardProfile::AcceptAttempted),
    ("4105058689481467", CardProfile::AcceptFull), // BNI
    ("5264221038874659", CardProfile::AcceptFull),
    ("4105052541512148", CardProfile::AcceptAttempted),
    ("5264224971761016", CardProfile::AcceptAttempted),
    ("1946415981487684", CardProfile::AcceptFull), // BNI private label
    ("4773776057051650", CardProfile::AcceptFull), // BCA
    ("5229903136853172", CardProfile::AcceptFull),
    ("4773773810981190", CardProfile::AcceptAttempted),
    ("5229907364303610", CardProfile::AcceptAttempted),
    ("4365026335737199", CardProfile::AcceptFull), // BRI
    ("5520029870899100", CardProfile::AcceptFull),
    ("4365027867232690", CardProfile::AcceptAttempted),
    ("5520025486468439", CardProfile::AcceptAttempted),
    ("4201910000000009", CardProfile::AcceptFull), // Mega
    ("5221030000000009", CardProfile::AcceptFull),
    ("4201910000000017", CardProfile::AcceptAttempted),
    ("5221030000000017", CardProfile::AcceptAttempted),
    ("4055772026036004", CardProfile::AcceptFull), // Maybank
    ("5520086752102334", CardProfile::AcceptFull),
    ("4055771335144012", CardProfile::AcceptAttempted),
    ("5520086774908452", CardProfile::AcceptAttempted),
    // Bank-specific denied cards
    ("4617008560831760", CardProfile::DenyBankFull), // Mandiri
    ("5573384043224447", CardProfile::DenyBankFull),
    ("4097667672178631", CardProfile::DenyBankFull), // Mandiri debit
    ("4599206009733090", CardProfile::DenyBankFull), // CIMB
    ("5481169191782739", CardProfile::DenyBankFull),
    ("4105054148541363", CardProfile::DenyBankFull), // BNI
    ("5264223530131711", CardProfile::DenyBankFull),
    ("1946410271931269", CardProfile::DenyBankFull), // BNI private label
    ("4773775202011809", CardProfile::DenyBankFull), // BCA
    ("5229903405423830", CardProfile::DenyBankFull),
    ("4365028662512583", CardProfile::DenyBankFull), // BRI
    ("5520021909203008", CardProfile::DenyBankFull),
    ("4201910000000025", CardProfile::DenyBankFull), // Mega
    ("5221030000000025", CardProfile::DenyBankFull),
    ("4055779628460474", CardProfile::DenyBankFull), // Maybank
    ("5520088314653770", CardProfile::DenyBankFull),
];

/// The behaviour of a card number (digits only).
pub fn profile_for(pan: &str) -> CardProfile {
    CARD_TABLE.iter().find(|(p, _)| *p == pan).map(|(_, profile)| *profile).unwrap_or(CardProfile::Unknown)
}

/// Mastercard (51-55, 2221-2720) uses ECI 02/01/00 instead of 05/06/07.
pub fn is_mastercard(pan: &str) -> bool {
    let p2: u32 = pan.get(..2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let p4: u32 = pan.get(..4).and_then(|s| s.parse().ok()).unwrap_or(0);
    (51..=55).contains(&p2) || (2221..=2720).contains(&p4)
}

/// ECI for a fully authenticated cardholder.
pub fn eci_full(pan: &str) -> &'static str {
    if is_mastercard(pan) {
        "02"
    } else {
        "05"
    }
}

/// ECI when authentication failed or was not done (07 / Mastercard 00).
pub fn eci_none(pan: &str) -> &'static str {
    if is_mastercard(pan) {
        "00"
    } else {
        "07"
    }
}

/// True for the 3DS2 cards the issuer authenticates without a challenge (no OTP page).
pub fn is_frictionless(pan: &str) -> bool {
    matches!(profile_for(pan), CardProfile::FrictionlessAccept | CardProfile::FrictionlessDeny)
}

/// ECI for an attempted authentication.
pub fn eci_attempted(pan: &str) -> &'static str {
    if is_mastercard(pan) {
        "01"
    } else {
        "06"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Civil {
        Civil { year: 2026, month: 6, day: 15, hour: 12, minute: 0, second: 0 }
    }

    #[test]
    fn luhn_vectors() {
        assert!(luhn_ok("4811111111111114"));
        assert!(luhn_ok("370192169722458"));
        assert!(luhn_ok("6212482535178193972"));
        assert!(!luhn_ok("4811111111111115"));
        assert!(!luhn_ok("4811a11111111114"));
        assert!(!luhn_ok(""));
        assert!(luhn_ok("0"));
    }

    #[test]
    fn every_table_card_passes_luhn_and_is_unique() {
        for (i, (pan, _)) in CARD_TABLE.iter().enumerate() {
            assert!(luhn_ok(pan), "{pan} fails luhn");
            assert!(CARD_TABLE[i + 1..].iter().all(|(p, _)| p != pan), "{pan} listed twice");
        }
    }

    #[test]
    fn normalises_spaces_only() {
        assert_eq!(normalise_pan("4811 1111 1111 1114").as_deref(), Some("4811111111111114"));
        assert_eq!(normalise_pan("4811-1111"), None);
        assert_eq!(normalise_pan("   "), None);
    }

    #[test]
    fn masks_with_eight_digit_bin() {
        assert_eq!(masked("4811111111111114"), "48111111-1114");
        assert_eq!(masked("370192169722458"), "37019216-2458");
    }

    #[test]
    fn valid_card_fields() {
        let (msgs, card) = validate_card_fields(
            Some("4811 1111 1111 1114"),
            Some("12"),
            Some("2030"),
            Some("123"),
            true,
            today(),
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        let card = card.expect("valid");
        assert_eq!((card.pan.as_str(), card.month, card.year), ("4811111111111114", 12, 2030));
        // two-digit year and one-digit month accepted
        let (msgs, card) =
            validate_card_fields(Some("4811111111111114"), Some("2"), Some("30"), Some("123"), true, today());
        assert!(msgs.is_empty());
        assert_eq!(card.map(|c| (c.month, c.year)), Some((2, 2030)));
    }

    #[test]
    fn expiry_rules() {
        let t = today();
        let (msgs, _) =
            validate_card_fields(Some("4811111111111114"), Some("12"), Some("2025"), Some("123"), true, t);
        assert_eq!(msgs, vec!["card_exp_year must be greater than this year"]);
        let (msgs, _) =
            validate_card_fields(Some("4811111111111114"), Some("05"), Some("2026"), Some("123"), true, t);
        assert_eq!(msgs, vec!["card_exp_month must be greater than this year's month"]);
        // the current month is still valid
        let (msgs, card) =
            validate_card_fields(Some("4811111111111114"), Some("06"), Some("2026"), Some("123"), true, t);
        assert!(msgs.is_empty() && card.is_some());
        let (msgs, _) =
            validate_card_fields(Some("4811111111111114"), Some("13"), Some("2026"), Some("123"), true, t);
        assert_eq!(msgs, vec!["card_exp_month must be between 01 and 12"]);
        let (msgs, _) =
            validate_card_fields(Some("4811111111111114"), Some("1"), Some("226"), Some("123"), true, t);
        assert_eq!(msgs, vec!["card_exp_year must be in YYYY format"]);
    }

    #[test]
    fn number_and_cvv_rules() {
        let t = today();
        let (msgs, card) =
            validate_card_fields(Some("4811111111111115"), Some("12"), Some("2030"), None, true, t);
        assert_eq!(msgs, vec!["card_number does not match with luhn algorithm", "card_cvv is required"]);
        assert!(card.is_none());
        let (msgs, _) = validate_card_fields(None, None, None, Some("12"), true, t);
        assert_eq!(
            msgs,
            vec![
                "card_number is required",
                "card_exp_month is required",
                "card_exp_year is required",
                "card_cvv must be 3 or 4 digits"
            ]
        );
        // cvv optional for register
        let (msgs, card) =
            validate_card_fields(Some("4811111111111114"), Some("12"), Some("2030"), None, false, t);
        assert!(msgs.is_empty() && card.is_some());
    }

    #[test]
    fn outcome_table_lookup() {
        assert_eq!(profile_for("4811111111111114"), CardProfile::AcceptFull);
        assert_eq!(profile_for("4911111111111113"), CardProfile::DenyBankFull);
        assert_eq!(profile_for("4611111111111116"), CardProfile::DenyFds);
        assert_eq!(profile_for("4511111111111117"), CardProfile::ChallengeFds);
        assert_eq!(profile_for("370665684049309"), CardProfile::ChallengeFds);
        assert_eq!(profile_for("4024007176265022"), CardProfile::PendingThenAccept);
        assert_eq!(profile_for("4716125059847899"), CardProfile::NotAuthenticated);
        assert_eq!(profile_for("4242424242424242"), CardProfile::Unknown);
    }

    #[test]
    fn eci_by_brand() {
        assert_eq!(eci_full("4811111111111114"), "05");
        assert_eq!(eci_full("5211111111111117"), "02");
        assert_eq!(eci_attempted("2221000000000009"), "01");
        assert_eq!(eci_attempted("3528868047864225"), "06");
    }
}
