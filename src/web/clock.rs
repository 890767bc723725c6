//! Today's month from the browser's local clock (the only clock the crate reads).

use crate::domain::YearMonth;

/// The current month in the browser's local time zone, as card-validator and Midtrans's
/// own client-side checks read it.
pub fn today() -> YearMonth {
    let v = super::sys::local_month();
    let (year, month) = (v / 100, v % 100);
    YearMonth {
        year: u16::try_from(year.clamp(1, 9000)).unwrap_or(2026),
        month: u8::try_from(month.clamp(1, 12)).unwrap_or(1),
    }
}
