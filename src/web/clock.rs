//! Today's month from the browser's local clock, for the expiry check of the flow's validation
//! when the caller injects none (the only clock the Rust API reads). The npm package (`js`)
//! shares the validators' cached month (`glue.js`); a Rust app reads `Date` directly.

use crate::domain::YearMonth;

/// The current month in the browser's local time zone, as card-validator and Midtrans's own
/// client-side checks read it.
pub(crate) fn today() -> YearMonth {
    #[cfg(feature = "js")]
    let (year, month) = {
        let packed = super::sys::local_month();
        (packed / 100, packed % 100)
    };
    #[cfg(not(feature = "js"))]
    let (year, month) = {
        let now = js_sys::Date::new_0();
        (now.get_full_year(), now.get_month() + 1)
    };
    YearMonth::clamped(year, month)
}
