//! `set`'s options as a [`SetRequest`], each refused value said in words with what is accepted.

use super::Failure;
use crate::context::parse_date;
use crate::edit::{self, SetRequest};
use crate::i18n::{self, Lang};
use crate::status::Status;

/// The change that `set`'s options ask for.
pub(super) fn set_request(
    lang: Lang,
    year: i32,
    status: &Option<String>,
    percent: &Option<String>,
    note: &Option<String>,
    owner: &Option<String>,
    due: &Option<String>,
) -> Result<SetRequest, Failure> {
    let status = match status {
        Some(s) => Some(s.parse::<Status>().map_err(|_| {
            Failure(format!(
                "{} \"{s}\"{}{}",
                lang.pick("未知状态", "unknown status"),
                lang.pick("；可用：", "; accepted: "),
                i18n::status_words()
            ))
        })?),
        None => None,
    };
    let percent = match percent {
        Some(p) => {
            // A negative number is a number out of range, said as the one above 100 is.
            if let Some(n) = crate::typed::negative(p) {
                return Err(Failure(i18n::percent_out_of_range(lang, &format!("-{n}"))));
            }
            let n: u32 = crate::typed::percent(p).ok_or_else(|| {
                Failure(
                    lang.pick(
                        &format!("完成率 \"{p}\" 不是整数；应为 0 到 100 的整数"),
                        &format!(
                            "percent \"{p}\" is not a number; expected a whole number from 0 to 100"
                        ),
                    )
                    .to_string(),
                )
            })?;
            let n = u8::try_from(n).ok().filter(|&n| n <= 100).ok_or_else(|| {
                Failure(i18n::edit_error(
                    lang,
                    &edit::EditError::PercentOutOfRange(n),
                ))
            })?;
            Some(n)
        }
        None => None,
    };
    let due = match due {
        Some(d) => Some(parse_date(lang, "--due", d, year).map_err(Failure)?),
        None => None,
    };
    Ok(SetRequest {
        status,
        percent,
        note: note.clone().filter(|n| !n.trim().is_empty()),
        owner: owner.clone(),
        due,
    })
}
