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

/// A text kept as bytes and checked as UTF-8 with SIMD when read back: a city's digest holds
/// 100,000 notes of Chinese, which the plain check takes a byte at a time.
pub mod text {
    use std::borrow::Cow;

    use super::*;

    pub fn serialize<S: Serializer>(t: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_some(serde_bytes::Bytes::new(t.as_bytes())),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let bytes: Option<Cow<'de, [u8]>> = serde_bytes::deserialize(d)?;
        bytes
            .map(|b| {
                simdutf8::basic::from_utf8(&b)
                    .map(str::to_string)
                    .map_err(|_| D::Error::custom("a text that is not UTF-8"))
            })
            .transpose()
    }
}
