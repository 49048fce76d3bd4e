//! The settings file in words: what each line may say, what its parser (TOML) found wrong said
//! in plain Chinese, and a file saved in another encoding than UTF-8.

use std::path::Path;

use super::Lang;

/// Each line the settings file may hold, with what it is for (Chinese, English).
const KEYS: [(&str, &str, &str); 6] = [
    ("data_dir", "数据文件夹", "the data folder"),
    ("user", "姓名", "your name"),
    ("plan", "计划文件", "a plan file"),
    ("export_dir", "导出文件夹", "the export folder"),
    (
        "ambiguous_wide",
        "true 或 false：终端把 “” 和框线画成两格宽时写 true",
        "true or false: true when the terminal draws “” and box lines two columns wide",
    ),
    ("lang", "zh 或 en", "zh or en"),
];

/// The names of the settings, in the order the file's help lists them.
pub fn settings_keys() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|(k, _, _)| *k)
}

/// What the settings file may say, every line named, with an example.
pub fn settings_hint(lang: Lang) -> String {
    let keys: Vec<String> = KEYS
        .iter()
        .map(|(k, zh, en)| match lang {
            Lang::Zh => format!("{k}（{zh}）"),
            Lang::En => format!("{k} ({en})"),
        })
        .collect();
    match lang {
        Lang::Zh => format!(
            "可写的项：{}，每行一项，如 data_dir = 'Z:\\workplan'",
            keys.join("、")
        ),
        Lang::En => format!(
            "it may say {}, one per line, e.g. data_dir = 'Z:\\workplan'",
            keys.join(", ")
        ),
    }
}

/// A settings file that does not parse: where (line and column) and what is wrong, then what
/// the file may say. `what` is the parser's own (English) message.
pub fn settings_error(lang: Lang, path: &Path, line: usize, column: usize, what: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "设置文件 {} 第 {line} 行第 {column} 列有误：{}。{}",
            path.display(),
            settings_problem_zh(what),
            settings_hint(lang)
        ),
        Lang::En => format!(
            "{}:{line}:{column}: bad settings file: {what}{}; {}",
            path.display(),
            if backslash_trouble(what) {
                " (a backslash \\ in double quotes must be written twice; better put a path in single quotes, e.g. data_dir = 'Z:\\workplan')"
            } else {
                ""
            },
            settings_hint(lang)
        ),
    }
}

/// A settings file that could not be read.
pub fn settings_unreadable(lang: Lang, path: &Path, why: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match lang {
        Lang::Zh => {
            let why = match why.kind() {
                ErrorKind::PermissionDenied => "没有读取它的权限".to_string(),
                ErrorKind::IsADirectory => "这是一个文件夹，不是设置文件".to_string(),
                _ => format!("无法读取（{why}）"),
            };
            format!("设置文件 {}：{why}", path.display())
        }
        Lang::En => format!("{}: cannot read the settings file: {why}", path.display()),
    }
}

/// A settings file in no encoding it could be read in, and how to save it in one.
pub fn settings_not_text(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Zh => format!(
            "设置文件 {} 既不是 UTF-8 编码，也不是 GBK（ANSI）编码，无法读取；请用记事本打开它，点“另存为”，“编码”选 UTF-8 后保存",
            path.display()
        ),
        Lang::En => format!(
            "the settings file {} is neither UTF-8 nor GBK (ANSI) text and cannot be read; open it in Notepad, choose Save As, set Encoding to UTF-8 and save",
            path.display()
        ),
    }
}

/// A settings file read in an older encoding and saved again as UTF-8 (said once: the file is
/// UTF-8 from then on). `encoding`: the encoding it was in.
pub fn settings_converted(lang: Lang, path: &Path, encoding: &str) -> String {
    let zh_name = match encoding {
        "GBK" | "gb18030" => "GBK（ANSI）",
        "UTF-16LE" | "UTF-16BE" => "UTF-16（Unicode）",
        other => other,
    };
    match lang {
        Lang::Zh => format!(
            "注意：设置文件 {} 原为 {zh_name}编码，已照此读取，并改存为 UTF-8 编码（内容不变）",
            path.display()
        ),
        Lang::En => format!(
            "note: the settings file {} was in {encoding}; it was read as such and saved again as UTF-8 (same content)",
            path.display()
        ),
    }
}

/// What the settings file's parser (TOML) or its reader (serde) said, in plain Chinese; never
/// the parser's English.
/// Whether the parser's message is about a backslash in double quotes: a Windows path written
/// as `"C:\Users\王敏"` reads `\U` as the start of a unicode escape.
fn backslash_trouble(m: &str) -> bool {
    m.starts_with("missing escaped value")
        || m.starts_with("invalid escape")
        || m.contains("unicode")
        || m.contains("hex")
        || m.contains("escape")
}

pub fn settings_problem_zh(m: &str) -> String {
    let (what, expected) = m.split_once(", expected ").unwrap_or((m, ""));
    let plain = if m.starts_with("string values must be quoted") {
        "文字要加引号，如 user = \"张华\"；路径用单引号，如 data_dir = 'Z:\\workplan'"
    } else if m.starts_with("duplicate key") {
        "同一项写了两次，每项只能写一次"
    } else if m.starts_with("key with no value") {
        "缺少等号 = 和值，如 user = \"张华\""
    } else if backslash_trouble(m) || (what == "invalid basic string" && expected != "`\"`") {
        "双引号里的反斜杠 \\ 要写两次；路径最好用单引号，如 data_dir = 'Z:\\workplan'"
    } else if what == "invalid basic string" || what == "invalid multi-line basic string" {
        "双引号没有配对：文字要在同一行里以英文双引号 \" 结束，如 user = \"张华\""
    } else if what == "invalid literal string" || what == "invalid multi-line literal string" {
        "单引号没有配对：路径要在同一行里以英文单引号 ' 结束，如 data_dir = 'Z:\\workplan'"
    } else if what == "unclosed table" || what == "unclosed array" {
        "方括号 [ 没有配对的 ]；设置文件里一般用不到方括号"
    } else if what == "unclosed inline table" {
        "花括号 { 没有配对的 }；设置文件里一般用不到花括号"
    } else if what.starts_with("unexpected key or value") {
        "一行只能写一项：值后面有多余的内容（说明文字要写在 # 后面）"
    } else if what.starts_with("unquoted keys cannot be empty") {
        "等号 = 前面缺少项名，如 user = \"张华\""
    } else if what.starts_with("invalid") || what.contains("may only") {
        "值的写法不对：文字和路径要加引号，如 user = \"张华\"、data_dir = 'Z:\\workplan'；ambiguous_wide 写 true 或 false"
    } else {
        let serde = super::json_problem_zh(m).replace("如 \"任务\"", "如 \"张华\"");
        if serde.starts_with("格式不符：") {
            "写法不对：每行写成 项名 = 值，文字和路径要加引号，如 user = \"张华\""
        } else {
            return serde;
        }
    };
    plain.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_path_in_double_quotes_gets_the_backslash_hint() {
        let text = "user = \"王敏\"\ndata_dir = \"C:\\Users\\王敏\\Documents\"\n";
        let Err(e) = toml::from_str::<toml::Table>(text) else {
            panic!("a \\U escape parsed");
        };
        let what = e.message();
        assert!(settings_problem_zh(what).contains("反斜杠"), "{what}");
        let en = settings_error(Lang::En, Path::new("c.toml"), 2, 17, what);
        assert!(en.contains("backslash"), "{en}");
    }

    #[test]
    fn the_settings_file_s_mistakes_are_said_plainly() {
        assert_eq!(
            settings_problem_zh("unknown variant `fr`, expected `zh` or `en`"),
            "不认识的取值 \"fr\"；可用：zh、en"
        );
        assert_eq!(
            settings_problem_zh("string values must be quoted, expected literal string"),
            "文字要加引号，如 user = \"张华\"；路径用单引号，如 data_dir = 'Z:\\workplan'"
        );
        // The parser's words, as toml says them: none reaches the officer in English.
        for m in [
            "invalid basic string, expected `\"`",
            "invalid literal string, expected `'`",
            "invalid multi-line basic string, expected `\"`",
            "unclosed table, expected `]`",
            "unclosed array, expected `]`",
            "unclosed inline table, expected `}`",
            "unexpected key or value, expected newline, `#`",
            "unquoted keys cannot be empty, expected letters, numbers, `-`, `_`",
            "invalid time, expected hour",
            "invalid boolean, expected `true`",
            "`_` may only go between digits, expected nothing",
            "invalid basic string, expected non-double-quote visible characters, `\\`",
            "invalid type: map, expected path string",
            "something new",
        ] {
            let zh = settings_problem_zh(m);
            for english in ["expected", "invalid", "`", "string", "map"] {
                assert!(!zh.contains(english), "{m}: {zh}");
            }
        }
    }

    #[test]
    fn the_hint_names_every_setting() {
        for lang in [Lang::Zh, Lang::En] {
            let hint = settings_hint(lang);
            for key in settings_keys() {
                assert!(hint.contains(key), "{key}: {hint}");
            }
        }
    }
}
