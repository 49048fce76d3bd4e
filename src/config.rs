//! The settings file: `config.toml` in the platform's config folder (or `WORKPLAN_CONFIG_DIR`),
//! so that every officer's computer can point at the office's shared folder once:
//!
//! ```toml
//! data_dir = '\\server\share\workplan'
//! user = "张华"
//! lang = "zh"
//! ambiguous_wide = true  # the terminal draws “ ” … and box lines two columns wide
//! ```
//!
//! Options and environment variables win over the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::Lang;

/// The name of the settings file in the config folder.
pub const FILE_NAME: &str = "config.toml";

/// What the settings file may say; each line is optional.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The folder of the journals; relative paths start at the settings file's folder.
    pub data_dir: Option<PathBuf>,
    /// Who is making changes on this computer.
    pub user: Option<String>,
    /// A plan file to use instead of the embedded 2023 plan.
    pub plan: Option<PathBuf>,
    /// Where the dashboard last wrote an export; offered for the next one.
    pub export_dir: Option<PathBuf>,
    /// The terminal draws ambiguous-width characters (box drawing, “ ”, …) two columns wide, as
    /// the Windows console on code page 936 does.
    pub ambiguous_wide: Option<bool>,
    /// The interface language, `zh` or `en`, unless `--lang` or `WORKPLAN_LANG` says otherwise.
    pub lang: Option<Lang>,
}

/// Where the settings file is looked for.
pub fn path() -> Option<PathBuf> {
    let dir = match std::env::var_os("WORKPLAN_CONFIG_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => directories::ProjectDirs::from("", "", "workplan")?
            .config_dir()
            .to_path_buf(),
    };
    Some(dir.join(FILE_NAME))
}

/// Reads the settings file; no file means no settings. A bad file is an error that names the
/// file, line and column and what was expected.
pub fn load(lang: Lang) -> Result<Config, String> {
    match path() {
        Some(p) => load_from(&p, lang),
        None => Ok(Config::default()),
    }
}

/// The `lang` of the settings file, read before anything else so that even `--help` and the
/// settings file's own errors are in it; a file that cannot be read or parsed says nothing here
/// (its errors are reported by [`load`]).
pub fn lang_setting() -> Option<Lang> {
    let text = read_text(&path()?).ok()??.text;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table
        .get("lang")?
        .as_str()
        .and_then(crate::i18n::parse_lang)
}

/// A settings file's text, and the encoding it was in when that was not UTF-8.
#[derive(Debug)]
struct Text {
    text: String,
    legacy: Option<&'static encoding_rs::Encoding>,
}

/// Why a settings file could not be read.
#[derive(Debug)]
enum Unread {
    Io(std::io::Error),
    /// Neither UTF-8, UTF-16 with its mark, nor GBK.
    NotText,
}

/// Reads a settings file as Notepad may have saved it: UTF-8 (with or without its byte-order
/// mark), "Unicode" (UTF-16 with its mark), or "ANSI", which on a Chinese Windows is GBK. `None`:
/// there is no file.
fn read_text(path: &Path) -> Result<Option<Text>, Unread> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Unread::Io(e)),
    };
    decode(&bytes).map(Some)
}

fn decode(bytes: &[u8]) -> Result<Text, Unread> {
    use encoding_rs::{GBK, UTF_8};
    if let Some((encoding, mark)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(mark..).unwrap_or_default();
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(Unread::NotText)?;
        return Ok(Text {
            text: text.into_owned(),
            legacy: (encoding != UTF_8).then_some(encoding),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Text {
            text: text.to_string(),
            legacy: None,
        });
    }
    let text = GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(Unread::NotText)?;
    Ok(Text {
        text: text.into_owned(),
        legacy: Some(GBK),
    })
}

/// The settings file's text, in words in `lang` when it cannot be read. A file in an older
/// encoding is saved again as UTF-8, and that is said once, on standard error, the first time
/// it is read (if it cannot be saved, it is read as it is, each time).
fn settings_text(path: &Path, lang: Lang) -> Result<Option<String>, String> {
    let read = match read_text(path) {
        Ok(Some(t)) => t,
        Ok(None) => return Ok(None),
        Err(Unread::Io(e)) => return Err(crate::i18n::settings_unreadable(lang, path, &e)),
        Err(Unread::NotText) => return Err(crate::i18n::settings_not_text(lang, path)),
    };
    if let Some(encoding) = read.legacy {
        let saved = crate::storage::Storage::write_atomic(
            &crate::storage::Disk,
            path,
            read.text.as_bytes(),
        );
        if saved.is_ok() {
            let said = crate::i18n::settings_converted(lang, path, encoding.name());
            let mut err = std::io::stderr();
            let _ = writeln!(err, "{}", crate::text::sanitize(&said));
        }
    }
    Ok(Some(read.text))
}

/// Reads the settings file at `path`.
pub fn load_from(path: &Path, lang: Lang) -> Result<Config, String> {
    let Some(text) = settings_text(path, lang)? else {
        return Ok(Config::default());
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut config: Config = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
        crate::i18n::settings_error(lang, path, line, column, e.message().trim())
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    for p in [
        &mut config.data_dir,
        &mut config.plan,
        &mut config.export_dir,
    ]
    .into_iter()
    .flatten()
    {
        if p.is_relative() {
            *p = base.join(&*p);
        }
    }
    config.user = config.user.filter(|u| !u.trim().is_empty());
    Ok(config)
}

/// Records `value` for `key` in the settings file at `path`, keeping everything else in it as
/// it was written, comments included; the file is replaced whole or not at all.
pub fn remember(path: &Path, key: &str, value: &str) -> std::io::Result<()> {
    remember_all(path, &[(key, value)])
}

/// Records each `(key, value)` in the settings file at `path` at once, as [`remember`] does.
pub fn remember_all(path: &Path, pairs: &[(&str, &str)]) -> std::io::Result<()> {
    let text = match read_text(path) {
        Ok(t) => t.map(|t| t.text).unwrap_or_default(),
        Err(Unread::Io(e)) => return Err(e),
        Err(Unread::NotText) => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not UTF-8 or GBK text",
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(std::io::Error::other)?;
    for &(key, value) in pairs {
        doc[key] = toml_edit::value(value);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::storage::Storage::write_atomic(&crate::storage::Disk, path, doc.to_string().as_bytes())
}

/// The 1-based line and character column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, text).unwrap();
        load_from(&path, Lang::En).map(|mut c| {
            // Relative to the file's folder, which is gone with `dir`: compare the rest.
            if let Some(d) = &c.data_dir {
                c.data_dir = d
                    .strip_prefix(dir.path())
                    .map(Path::to_path_buf)
                    .ok()
                    .or(c.data_dir.clone());
            }
            c
        })
    }

    #[test]
    fn a_shared_folder_and_a_user() {
        let c = load_text("data_dir = '/mnt/share/workplan'\nuser = \"张华\"\n").unwrap();
        assert_eq!(c.data_dir, Some(PathBuf::from("/mnt/share/workplan")));
        assert_eq!(c.user.as_deref(), Some("张华"));
        assert_eq!(load_text("").unwrap(), Config::default());
        // Relative folders start at the settings file's folder.
        let c = load_text("data_dir = 'journals'").unwrap();
        assert_eq!(c.data_dir, Some(PathBuf::from("journals")));
    }

    #[test]
    fn a_remembered_folder_keeps_the_rest_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(FILE_NAME);
        let folder = dir.path().join("会议材料");
        remember(&path, "export_dir", &folder.to_string_lossy()).unwrap();
        assert_eq!(load_from(&path, Lang::Zh).unwrap().export_dir, Some(folder));
        std::fs::write(
            &path,
            "# 本机设置\nuser = \"张华\"  # 姓名\nexport_dir = 'x'\n",
        )
        .unwrap();
        let other = dir.path().join("会议");
        remember(&path, "export_dir", &other.to_string_lossy()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# 本机设置\nuser = \"张华\"  # 姓名\n"),
            "{text}"
        );
        let c = load_from(&path, Lang::Zh).unwrap();
        assert_eq!(c.export_dir, Some(other));
        assert_eq!(c.user.as_deref(), Some("张华"));
    }

    #[test]
    fn the_language_is_kept() {
        assert_eq!(load_text("lang = \"en\"\n").unwrap().lang, Some(Lang::En));
        assert_eq!(load_text("lang = 'zh'").unwrap().lang, Some(Lang::Zh));
        let e = load_text("lang = \"fr\"\n").unwrap_err();
        assert!(e.contains("config.toml:1:8:"), "{e}");
    }

    #[test]
    fn the_hint_names_exactly_the_settings_there_are() {
        // serde lists every field it accepts when it meets one it does not.
        let e = toml::from_str::<Config>("x = 1").unwrap_err();
        let listed: Vec<&str> = e
            .message()
            .split_once("expected ")
            .unwrap()
            .1
            .split('`')
            .skip(1)
            .step_by(2)
            .collect();
        let mut named: Vec<&str> = crate::i18n::settings_keys().collect();
        let mut listed = listed;
        named.sort_unstable();
        listed.sort_unstable();
        assert_eq!(named, listed);
    }

    #[test]
    fn notepad_s_encodings_are_read() {
        let text = "user = \"张华\"\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let read = decode(&gbk).unwrap();
        assert_eq!(read.text, text);
        assert_eq!(read.legacy, Some(encoding_rs::GBK));
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let read = decode(&utf16).unwrap();
        assert_eq!(read.text, text);
        assert_eq!(read.legacy, Some(encoding_rs::UTF_16LE));
        let read = decode(text.as_bytes()).unwrap();
        assert_eq!(read.legacy, None);
        assert!(matches!(decode(b"\xff\xff\xff"), Err(Unread::NotText)));
    }

    #[test]
    fn mistakes_name_the_line_and_column() {
        let e = load_text("user = \"张华\"\ndata_dri = 'x'\n").unwrap_err();
        assert!(e.contains("config.toml:2:1:"), "{e}");
        assert!(e.contains("data_dri"), "{e}");
        let e = load_text("user = 张华\n").unwrap_err();
        assert!(e.contains("config.toml:1:8:"), "{e}");
    }
}
