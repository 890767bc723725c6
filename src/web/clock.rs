//! Today's month from the browser's local clock (the only clock the crate reads).

use crate::domain::YearMonth;

/// The current month in the browser's local time zone, as card-validator and Midtrans's
/// own client-side checks read it.
pub fn today() -> YearMonth {
    from_packed(super::sys::local_month())
}

/// A month packed as `year * 100 + month` (as glue.js and index.js pass it), clamped to sane
/// values.
pub fn from_packed(v: u32) -> YearMonth {
    YearMonth {
        year: u16::try_from((v / 100).clamp(1, 9000)).unwrap_or(2026),
        month: u8::try_from((v % 100).clamp(1, 12)).unwrap_or(1),
    }
}
