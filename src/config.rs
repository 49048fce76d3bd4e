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
    let text = std::fs::read_to_string(path()?).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let table: toml::Table = toml::from_str(text).ok()?;
    table
        .get("lang")?
        .as_str()
        .and_then(crate::i18n::parse_lang)
}

/// Reads the settings file at `path`.
pub fn load_from(path: &Path, lang: Lang) -> Result<Config, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(lang
                .pick(
                    &format!("{}: 无法读取设置文件：{e}", path.display()),
                    &format!("{}: cannot read the settings file: {e}", path.display()),
                )
                .to_string());
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut config: Config = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map_or((0, 0), |s| line_column(text, s.start));
        let what = e.message().trim();
        lang.pick(
            &format!(
                "{}:{line}:{column}: 设置文件有误：{}（可写 data_dir、user、plan、export_dir、lang，如 data_dir = 'Z:\\workplan'）",
                path.display(),
                crate::i18n::settings_problem_zh(what)
            ),
            &format!(
                "{}:{line}:{column}: bad settings file: {what} (expected data_dir, user, plan, export_dir or lang, e.g. data_dir = 'Z:\\workplan')",
                path.display()
            ),
        )
        .to_string()
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
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
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
    fn mistakes_name_the_line_and_column() {
        let e = load_text("user = \"张华\"\ndata_dri = 'x'\n").unwrap_err();
        assert!(e.contains("config.toml:2:1:"), "{e}");
        assert!(e.contains("data_dri"), "{e}");
        let e = load_text("user = 张华\n").unwrap_err();
        assert!(e.contains("config.toml:1:8:"), "{e}");
    }
}
