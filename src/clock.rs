//! The one clock the program stamps changes with and measures "today" by: the system's, unless
//! `WORKPLAN_NOW` names a moment (RFC 3339, e.g. `2023-09-01T10:00:00+08:00`) for a
//! demonstration or a test that replays a day of the plan.

use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The moment `WORKPLAN_NOW` fixes, read once; `None` when it is unset or not a moment.
fn fixed() -> Option<Timestamp> {
    static FIXED: OnceLock<Option<Timestamp>> = OnceLock::new();
    *FIXED.get_or_init(|| {
        std::env::var("WORKPLAN_NOW")
            .ok()
            .and_then(|s| s.trim().parse::<Timestamp>().ok())
    })
}

/// Now.
pub fn now() -> Timestamp {
    fixed().unwrap_or_else(Timestamp::now)
}

/// Today's date in this computer's time zone.
pub fn today() -> Date {
    now().to_zoned_datetime(TimeZone::system()).date()
}
