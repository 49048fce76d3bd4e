//! Dates and times as the kept files (the folded snapshot, the kept plan) hold them: as
//! integers, which read back without parsing text, where a city's files hold a hundred
//! thousand of each.

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date as (year, month, day).
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        (d.year(), d.month(), d.day()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let (y, m, day) = <(i16, i8, i8)>::deserialize(d)?;
        Date::new(y, m, day).map_err(D::Error::custom)
    }
}

/// When and by whom, the time in nanoseconds.
pub mod changed {
    use super::*;

    pub fn serialize<S: Serializer>(
        c: &Option<(Timestamp, CompactString)>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        c.as_ref()
            .map(|(at, user)| (at.as_nanosecond(), user.as_str()))
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<(Timestamp, CompactString)>, D::Error> {
        let Some((at, user)) = Option::<(i128, CompactString)>::deserialize(d)? else {
            return Ok(None);
        };
        let at = Timestamp::from_nanosecond(at).map_err(D::Error::custom)?;
        Ok(Some((at, user)))
    }
}
