//! Event times as the journal writes them (`2023-04-01T08:00:00Z`, with or without a fraction
//! of a second), read digit by digit: a city's folder holds a million of them, and a general
//! RFC 3339 parse was a tenth of a cold start. Any other spelling is read by jiff, as before.

use jiff::Timestamp;
use serde::Deserializer;

/// The time written as `s`: the journal's own form digit by digit, any other through jiff.
pub fn parse(s: &str) -> Result<Timestamp, jiff::Error> {
    match utc_seconds(s.as_bytes()) {
        Some(t) => Ok(t),
        None => s.parse(),
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fffffffff]Z`, when `b` is exactly that and names a real time.
fn utc_seconds(b: &[u8]) -> Option<Timestamp> {
    let (head, rest) = b.split_first_chunk::<19>()?;
    let (&b'Z', fraction) = rest.split_last()? else {
        return None;
    };
    if [head[4], head[7], head[10], head[13], head[16]] != *b"--T::" {
        return None;
    }
    let digits = |from: usize, to: usize| {
        head[from..to].iter().try_fold(0u32, |n, &c| {
            let d = c.wrapping_sub(b'0');
            (d < 10).then_some(n * 10 + u32::from(d))
        })
    };
    let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    let (hour, minute, second) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    // A leap second (60) and the like go to jiff, which knows what to make of them.
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let nanos = match fraction {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            let mut n = 0i32;
            for &c in digits {
                let d = c.wrapping_sub(b'0');
                if d >= 10 {
                    return None;
                }
                n = n * 10 + i32::from(d);
            }
            n * 10i32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let days = days_from_civil(i64::from(year), month, day);
    let seconds =
        days * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60 + i64::from(second);
    Timestamp::new(seconds, nanos).ok()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (years counted from
/// March, so that the leap day ends a year).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = i64::from((153 * ((month + 9) % 12) + 2) / 5 + day - 1);
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Reads an event's time for serde (`#[serde(deserialize_with)]`).
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
    struct Visit;
    impl serde::de::Visitor<'_> for Visit {
        type Value = Timestamp;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 time such as 2023-04-01T08:00:00Z")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Timestamp, E> {
            parse(s).map_err(E::custom)
        }
    }
    d.deserialize_str(Visit)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn same_as_jiff(s: &str) {
        let ours = parse(s).map_err(|e| e.to_string());
        let theirs = s.parse::<Timestamp>().map_err(|e| e.to_string());
        assert_eq!(ours, theirs, "{s}");
    }

    #[test]
    fn the_journal_form_reads_as_jiff_reads_it() {
        for s in [
            "2023-04-01T00:20:12Z",
            "2023-04-01T00:20:12.5Z",
            "2023-04-01T00:20:12.123456789Z",
            "2024-02-29T23:59:59.000000001Z",
            "2000-02-29T12:00:00Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z",
            "0001-01-01T00:00:00Z",
            "9999-12-30T22:00:00Z",
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            // Not real times, or not the journal's form: jiff answers, error or not.
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2023-04-31T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-00-01T00:00:00Z",
            "2023-04-00T00:00:00Z",
            "2023-04-01T24:00:00Z",
            "2023-04-01T23:60:00Z",
            "2016-12-31T23:59:60Z",
            "2023-04-01T00:20:12.Z",
            "2023-04-01T00:20:12.1234567890Z",
            "2023-04-01T00:20:12,5Z",
            "2023-04-01t00:20:12z",
            "2023-04-01T00:20:12+08:00",
            "2023-04-01 00:20:12Z",
            "2023-04-01T00:20Z",
            "+2023-04-01T00:20:12Z",
            "2023-4-01T00:20:12Z",
            "2023-04-01T00:20:1xZ",
            "",
            "Z",
        ] {
            same_as_jiff(s);
        }
    }

    #[test]
    fn every_day_of_four_centuries_and_many_times_read_as_jiff_reads_them() {
        let mut rng = fastrand::Rng::with_seed(2023);
        let start = Timestamp::from_second(-2_208_988_800).unwrap(); // 1900-01-01
        for day in 0..(400 * 366) {
            let t = start
                + jiff::SignedDuration::new(
                    day * 86_400 + rng.i64(0..86_400),
                    rng.i32(0..1_000_000_000),
                );
            let written = t.to_string();
            assert_eq!(parse(&written).unwrap(), t, "{written}");
            same_as_jiff(&written);
            same_as_jiff(&format!("{}Z", &written[..19]));
        }
    }
}
