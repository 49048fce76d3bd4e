//! clap's mistakes in the command line (an unknown option, a missing value, a value not
//! accepted, …) said in Chinese, with the Chinese usage line and where to read more.

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};

/// Formats clap's errors in Chinese.
pub struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(error: &Error<Self>) -> StyledStr {
        let mut out = StyledStr::new();
        // "错误: " as every other error of the program begins.
        let _ = write!(out, "错误: {}", what(error));
        if let Some(ContextValue::String(s)) = error.get(ContextKind::SuggestedArg) {
            let _ = write!(out, "\n\n  提示：是否想用 '{s}'？");
        }
        if let Some(ContextValue::Strings(s)) = error.get(ContextKind::SuggestedSubcommand) {
            let _ = write!(out, "\n\n  提示：是否想用命令 '{}'？", s.join("' 或 '"));
        }
        if let Some(ContextValue::String(s)) = error.get(ContextKind::SuggestedValue) {
            let _ = write!(out, "\n\n  提示：是否想写 '{s}'？");
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.trim();
            let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
            let _ = write!(out, "\n\n用法：{usage}");
        }
        out.push_str("\n\n更多说明请加 --help 查看。\n");
        out
    }
}

/// A context value as text, "" when there is none.
fn get(error: &Error<Chinese>, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

/// What is wrong, in one Chinese sentence (clap's English appended where clap says more).
fn what(error: &Error<Chinese>) -> String {
    let arg = get(error, ContextKind::InvalidArg);
    let value = get(error, ContextKind::InvalidValue);
    let valid = get(error, ContextKind::ValidValue);
    let accepted = if valid.is_empty() {
        String::new()
    } else {
        format!("；可用：{valid}")
    };
    match error.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的选项或参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "没有名为 '{}' 的命令",
            get(error, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 后面缺少值{accepted}"),
        ErrorKind::InvalidValue => {
            let from_variable = arg.starts_with("--lang")
                && std::env::var(crate::i18n::LANG_VAR).is_ok_and(|v| v == value);
            let from = if from_variable {
                format!("（来自环境变量 {}）", crate::i18n::LANG_VAR)
            } else {
                String::new()
            };
            format!("'{value}'{from} 不是 {arg} 可用的值{accepted}")
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(|e| format!("：{e}"))
                .unwrap_or_default();
            format!("'{value}' 不是 {arg} 可用的值{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必须给出的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "缺少命令或参数".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = get(error, ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                format!("{arg} 只能给一次")
            } else {
                format!("{arg} 不能与 {prior} 同时使用")
            }
        }
        ErrorKind::TooManyValues => format!("{arg} 多了一个值 '{value}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("{arg} 的值要用等号给出，如 {arg}=…"),
        ErrorKind::InvalidUtf8 => "参数中有不是 UTF-8 的字节".to_string(),
        _ => format!("命令行有误（{}）", error.kind()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::ffi::OsString;

    use crate::cli::help::parse_from;
    use crate::i18n::Lang;

    fn error(args: &[&str]) -> String {
        let args = std::iter::once("workplan").chain(args.iter().copied());
        let e = parse_from(Lang::Zh, args.map(OsString::from).collect()).unwrap_err();
        e.apply::<super::Chinese>().render().to_string()
    }

    #[test]
    fn mistakes_are_said_in_chinese_with_the_usage_line() {
        let e = error(&["status", "--fromat", "json"]);
        assert!(
            e.starts_with("错误: 无法识别的选项或参数 '--fromat'"),
            "{e}"
        );
        assert!(e.contains("提示：是否想用 '--format'？"), "{e}");
        assert!(e.contains("用法：workplan status [选项]"), "{e}");
        let e = error(&["status", "--format", "xml"]);
        assert!(
            e.starts_with("错误: 'xml' 不是 --format <格式> 可用的值；可用：table、json"),
            "{e}"
        );
        let e = error(&["set"]);
        assert!(e.starts_with("错误: 缺少必须给出的参数：<编号>"), "{e}");
        let e = error(&["set", "1.1.1", "--note"]);
        assert!(e.starts_with("错误: --note <进展> 后面缺少值"), "{e}");
        let e = error(&["stauts"]);
        assert!(e.starts_with("错误: 没有名为 'stauts' 的命令"), "{e}");
        assert!(e.contains("'status'"), "{e}");
        let e = error(&["log", "--since", "2023-01-01", "--since-meeting"]);
        assert!(e.contains("不能与"), "{e}");
    }
}
