//! A plan file in words: `check`'s summary, and what the JSON parser found wrong explained in
//! plain Chinese (the parser's own words are English).

use super::Lang;

/// `check`'s line for a good plan: how many areas, items and tasks it has.
pub fn plan_checked(lang: Lang, areas: usize, items: usize, tasks: usize) -> String {
    match lang {
        Lang::Zh => format!("计划无误：{areas} 个领域、{items} 个事项、{tasks} 项任务"),
        Lang::En => format!("ok: {areas} areas, {items} items, {tasks} tasks"),
    }
}

/// Why a plan file could not be read, in plain Chinese; the system's own words for the rarer
/// reasons.
pub fn io_problem_zh(kind: std::io::ErrorKind, message: &str) -> String {
    use std::io::ErrorKind;
    match kind {
        ErrorKind::NotFound => "文件不存在，请检查路径和文件名".to_string(),
        ErrorKind::PermissionDenied => "没有读取这个文件的权限".to_string(),
        ErrorKind::IsADirectory => "这是一个文件夹，应为计划文件（.json）".to_string(),
        _ => format!("无法读取：{message}"),
    }
}

/// What serde_json said about a plan file, in plain Chinese; words it does not know are kept
/// after "格式不符：".
pub fn json_problem_zh(m: &str) -> String {
    if let Some(field) = quoted(m, "missing field `") {
        return format!("缺少必填字段 \"{field}\"");
    }
    if let Some(field) = quoted(m, "duplicate field `") {
        return format!("字段 \"{field}\" 写了两次，每个字段只能写一次");
    }
    if let Some(field) = quoted(m, "unknown field `") {
        return format!(
            "不认识的字段 \"{field}\"（可能拼错了）；{}",
            expected_names(m, "可用字段")
        );
    }
    if let Some(value) = quoted(m, "unknown variant `") {
        return format!("不认识的取值 \"{value}\"；{}", expected_names(m, "可用"));
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "类型不对：这里写的是{}，应为{}",
            unexpected(found),
            expected_kind(expected)
        );
    }
    if let Some(rest) = m.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "值不对：这里写的是{}，应为{}",
            unexpected(found),
            expected_kind(expected)
        );
    }
    if m.starts_with("failed to parse") {
        return "不是有效的日期；应为 YYYY-MM-DD 形式的真实日期，如 \"2023-09-30\"".to_string();
    }
    let plain = match m {
        "expected `,` or `}`" => "这里应为逗号 , 或右花括号 }：可能上一项后面少了逗号，或少了 }",
        "expected `,` or `]`" => "这里应为逗号 , 或右方括号 ]：可能上一项后面少了逗号，或少了 ]",
        "expected `:`" => "这里应为冒号 :（字段名后面要跟冒号）",
        "expected value" => "这里应为一个值（文字要加英文双引号，如 \"任务\"）",
        "expected ident" => "这里应为 true、false 或 null（文字要加英文双引号）",
        "trailing comma" => "多了一个逗号：最后一项后面不能有逗号",
        "trailing characters" => "计划结束后还有多余的内容（可能多了括号，或粘贴了两份计划）",
        "key must be a string" => "字段名必须用英文双引号括起来，如 \"id\"",
        "invalid escape" => "文字中有无效的反斜杠 \\ 转义；反斜杠本身要写成 \\\\",
        "invalid number" => "数字的写法不对",
        "number out of range" => "数字超出范围",
        "EOF while parsing an object" => "文件在对象结束前就结束了（少了右花括号 }）",
        "EOF while parsing a list" => "文件在列表结束前就结束了（少了右方括号 ]）",
        "EOF while parsing a string" => "文件在文字结束前就结束了（少了右双引号 \"）",
        "EOF while parsing a value" => "文件在应有内容的地方结束了（文件是空的或被截断了）",
        "recursion limit exceeded" => "嵌套的层数太多",
        _ if m.starts_with("control character") => "文字中有换行或其他控制字符；换行要写成 \\n",
        _ if m.contains("unicode") || m.contains("surrogate") || m.contains("hex escape") => {
            "文字中有无效的 \\u 转义"
        }
        _ => return format!("格式不符：{m}"),
    };
    plain.to_string()
}

/// The text between `prefix` (at the start of `m`) and the next backquote.
fn quoted<'a>(m: &'a str, prefix: &str) -> Option<&'a str> {
    m.strip_prefix(prefix)?.split('`').next()
}

/// The names serde lists after "expected" (`a`, `b`), as "可用字段：a、b".
fn expected_names(m: &str, lead: &str) -> String {
    let Some((_, list)) = m.split_once("expected ") else {
        return "这里不能有任何字段".to_string();
    };
    let names: Vec<&str> = list
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|n| !n.is_empty())
        .collect();
    format!("{lead}：{}", names.join("、"))
}

/// serde's description of what was found (`integer `5``, `string "x"`, `map`, …) in Chinese.
fn unexpected(found: &str) -> String {
    let tick = |s: &str| s.trim_matches('`').to_string();
    if let Some(n) = found.strip_prefix("integer ") {
        format!("整数 {}", tick(n))
    } else if let Some(n) = found.strip_prefix("floating point ") {
        format!("小数 {}", tick(n))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        format!("布尔值 {}", tick(b))
    } else if let Some(s) = found.strip_prefix("string ") {
        format!("文字 {s}")
    } else {
        match found {
            "null" => "空值 null".to_string(),
            "sequence" => "列表 [ … ]".to_string(),
            "map" => "对象 { … }".to_string(),
            other => other.to_string(),
        }
    }
}

/// serde's description of what was expected in Chinese.
fn expected_kind(expected: &str) -> String {
    match expected {
        "a string" => "加英文双引号的文字，如 \"任务\"".to_string(),
        "a sequence" => "列表 [ … ]".to_string(),
        "a date string" => "日期文字，如 \"2023-09-30\"".to_string(),
        "path string" => "加单引号的路径，如 'Z:\\workplan'".to_string(),
        "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            "范围内的整数，如 2023".to_string()
        }
        e if e.starts_with("struct ") => "对象 { … }".to_string(),
        e if e.starts_with("a boolean") => "true 或 false".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_s_words_become_plain_chinese() {
        let cases = [
            ("missing field `text`", "缺少必填字段 \"text\""),
            (
                "duplicate field `id`",
                "字段 \"id\" 写了两次，每个字段只能写一次",
            ),
            (
                "unknown field `color`, expected one of `id`, `text`, `owner`",
                "不认识的字段 \"color\"（可能拼错了）；可用字段：id、text、owner",
            ),
            (
                "invalid type: integer `1`, expected a string",
                "类型不对：这里写的是整数 1，应为加英文双引号的文字，如 \"任务\"",
            ),
            (
                "invalid type: string \"二〇二三\", expected i32",
                "类型不对：这里写的是文字 \"二〇二三\"，应为范围内的整数，如 2023",
            ),
            (
                "invalid type: map, expected a sequence",
                "类型不对：这里写的是对象 { … }，应为列表 [ … ]",
            ),
            (
                "failed to parse two digit integer as month: parameter 'month' is not in the required range of 1..=12",
                "不是有效的日期；应为 YYYY-MM-DD 形式的真实日期，如 \"2023-09-30\"",
            ),
            ("trailing comma", "多了一个逗号：最后一项后面不能有逗号"),
            ("something new", "格式不符：something new"),
        ];
        for (en, zh) in cases {
            assert_eq!(json_problem_zh(en), zh, "{en}");
        }
    }

    #[test]
    fn a_file_that_cannot_be_read_is_said_plainly() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(
            io_problem_zh(missing.kind(), &missing.to_string()),
            "文件不存在，请检查路径和文件名"
        );
    }

    #[test]
    fn the_check_summary_is_in_the_language() {
        assert_eq!(
            plan_checked(Lang::Zh, 6, 19, 62),
            "计划无误：6 个领域、19 个事项、62 项任务"
        );
        assert_eq!(
            plan_checked(Lang::En, 1, 1, 2),
            "ok: 1 areas, 1 items, 2 tasks"
        );
    }
}
