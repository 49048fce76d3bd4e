//! Numbers and dates as officers type them: full-width digits and signs (`５０％`), a percent sign,
//! and dates written `2023-09-30`, `2023/9/30`, `2023.9.30`, `2023年9月30日`, `9月30日` (in the
//! plan's year) or `20230930`.

use jiff::civil::Date;

/// `s` with full-width digits, letters and signs made their ASCII selves, trimmed.
pub fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            // The full-width forms U+FF01–U+FF5E mirror ASCII 0x21–0x7E.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A whole number, with or without a percent sign: `50`, `50%`, `５０％`.
pub fn percent(s: &str) -> Option<u32> {
    normalize(s).trim_end_matches('%').trim().parse().ok()
}

/// A negative whole number as typed for a percent (`-5`, `－５%`): its size, for saying that it
/// is out of range.
pub fn negative(s: &str) -> Option<u32> {
    let s = normalize(s);
    let size = s.strip_prefix('-')?.trim_end_matches('%').trim();
    size.parse().ok().filter(|&n| n > 0)
}

/// A date as officers write it; a date without a year is in `year`.
pub fn date(s: &str, year: i32) -> Option<Date> {
    let s = normalize(s);
    let num = |t: &str| t.trim().parse::<i32>().ok();
    let ymd = |y: i32, m: i32, d: i32| {
        Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()
    };
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(num(&s[..4])?, num(&s[4..6])?, num(&s[6..])?);
    }
    if s.contains('月') {
        let (y, rest) = match s.split_once('年') {
            Some((y, rest)) => (num(y)?, rest),
            None => (year, s.as_str()),
        };
        let (m, d) = rest.split_once('月')?;
        return ymd(y, num(m)?, num(d.trim_end_matches(['日', '号']))?);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    match parts[..] {
        [y, m, d] => ymd(num(y)?, num(m)?, num(d)?),
        [m, d] => ymd(year, num(m)?, num(d)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn percents_as_typed() {
        for s in ["50", "50%", " 50 ", "５０", "５０％", "50％"] {
            assert_eq!(percent(s), Some(50), "{s}");
        }
        for s in ["", "五十", "50.5", "-", "%"] {
            assert_eq!(percent(s), None, "{s}");
        }
    }

    #[test]
    fn dates_as_typed() {
        let want = d(2023, 9, 30);
        for s in [
            "2023-09-30",
            "2023-9-30",
            "2023/9/30",
            "2023.9.30",
            "2023年9月30日",
            "2023年09月30号",
            "9月30日",
            "9/30",
            "20230930",
            "２０２３年９月３０日",
        ] {
            assert_eq!(date(s, 2023), Some(want), "{s}");
        }
        for s in [
            "",
            "2023-02-30",
            "2023-13-01",
            "明天",
            "2023年9月",
            "99999999",
        ] {
            assert_eq!(date(s, 2023), None, "{s}");
        }
    }
}
