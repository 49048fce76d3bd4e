//! The 台账 and the meeting handout as Markdown, CSV, XLSX, HTML, Word and JSON.
//!
//! Every writer renders into memory first; a file is then written atomically (a temporary file
//! in the same folder, renamed over the target once complete), so a crash or a full disk never
//! leaves half a file and an older export stays intact until the new one is whole.

mod csv;
mod docx;
mod handout;
mod html;
pub mod json;
mod md;
mod place;
mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::{self, Lang};
use crate::plan::LoadedPlan;
use crate::progress::{Folded, Progress};
use crate::report::meeting::MeetingReport;
use crate::report::{AreaReport, ItemReport, StatusReport, TaskReport};
use crate::storage::{Disk, Storage};

pub use place::{DefaultFolder, FOLDER_VAR, FolderKind, default_file_name, default_folder};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Minutes-ready Markdown
    Md,
    /// The 台账, one row per task (UTF-8 with BOM)
    Csv,
    /// The summary sheet and the 台账, for Excel and WPS
    Xlsx,
    /// One printable page (A4)
    Html,
    /// The 督办通报 as a Word document (A4)
    Docx,
    /// The same object as `status --format json`
    Json,
}

impl Format {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Json => "json",
        }
    }

    /// The format a file name asks for, from its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Md),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The format of an export: the one asked for, else the output file's extension, else
    /// xlsx when no output or a folder is named; `None` for a file whose extension names no
    /// format (or `-`, standard output, without `--format`).
    pub fn choose(asked: Option<Format>, output: Option<&Path>) -> Option<Format> {
        asked.or_else(|| match output {
            None => Some(Format::Xlsx),
            Some(p) if p.is_dir() => Some(Format::Xlsx),
            Some(p) => Format::from_path(p),
        })
    }

    /// Whether the format prints the handout, and so can group it by department.
    pub fn is_handout(self) -> bool {
        !matches!(self, Format::Csv | Format::Json)
    }

    /// Whether the format is a file rather than text for standard output.
    fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }
}

/// How a handout is laid out, and who makes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// One page per 责任部门 with its red and yellow tasks (the 督办单), instead of the meeting
    /// handout. Markdown, HTML, Word and the xlsx summary sheet; CSV and JSON are unchanged.
    pub by_owner: bool,
    /// The officer exporting: the author in the properties of the Word and xlsx files.
    pub author: String,
}

/// Every format, in the order the dashboard offers them.
pub const FORMATS: [Format; 6] = [
    Format::Xlsx,
    Format::Docx,
    Format::Csv,
    Format::Md,
    Format::Html,
    Format::Json,
];

/// An export that could not be built or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The destination is there but is not a regular file (nor a link to one): a FIFO, a socket,
    /// a device, or a link to one of them or to nothing.
    #[error("{0} is not a regular file")]
    NotAFile(PathBuf),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// `--by-owner` asked of a format that is one table (CSV) or the status object (JSON).
    #[error("{0:?} cannot be grouped by owner")]
    NotGrouped(Format),
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("docx: {0}")]
    Docx(String),
    #[error("csv: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// What every writer reads: the status object for the 台账, the meeting report for the minutes.
pub(crate) struct Input<'a> {
    pub lang: Lang,
    pub plan_title: String,
    pub status: StatusReport<'a>,
    pub meeting: MeetingReport,
    /// Grouped per department rather than in the meeting's order.
    pub by_owner: bool,
    /// The handout's sections, in print order.
    pub parts: Vec<handout::Part>,
    /// Who exports, and when: the document's author and its time of making.
    pub author: String,
    pub at: jiff::Timestamp,
}

/// One task of the 台账 with its area and item.
pub(crate) struct LedgerRow<'a> {
    pub area: &'a AreaReport<'a>,
    pub item: &'a ItemReport<'a>,
    pub task: &'a TaskReport<'a>,
}

impl<'a> Input<'a> {
    fn new(
        plan: &'a LoadedPlan,
        folded: &'a Folded,
        progress: &Progress,
        lang: Lang,
        options: &Options,
    ) -> Self {
        let meeting = MeetingReport::new(plan, progress, lang);
        let parts = handout::parts(plan, lang, &meeting, options.by_owner);
        Self {
            lang,
            plan_title: plan.plan.title.clone(),
            status: StatusReport::new(plan, folded, lang),
            meeting,
            by_owner: options.by_owner,
            parts,
            author: options.author.clone(),
            at: crate::clock::now(),
        }
    }

    /// Every task in plan order.
    pub fn ledger(&self) -> impl Iterator<Item = LedgerRow<'_>> {
        self.ledger_areas().flat_map(|(_, rows)| rows)
    }

    /// The 台账 one area at a time, in plan order: each area that has tasks, with their rows.
    pub fn ledger_areas(&self) -> impl Iterator<Item = (&AreaReport<'_>, Vec<LedgerRow<'_>>)> {
        self.status.areas.iter().filter_map(|area| {
            let rows: Vec<LedgerRow> = area
                .items
                .iter()
                .flat_map(|item| {
                    item.tasks
                        .iter()
                        .map(move |task| LedgerRow { area, item, task })
                })
                .collect();
            (!rows.is_empty()).then_some((area, rows))
        })
    }

    /// The 台账's headers without the area, for tables that have one per area.
    pub fn ledger_headers_by_area(&self) -> Vec<&'static str> {
        let mut headers = i18n::ledger_headers(self.lang).to_vec();
        headers.remove(1);
        headers
    }

    /// The cells of one 台账 row as text, in the order of [`i18n::ledger_headers`].
    pub fn ledger_cells(&self, row: &LedgerRow) -> [String; 12] {
        let t = row.task;
        let lang = self.lang;
        [
            t.id.to_string(),
            row.area.title.to_string(),
            row.item.title.to_string(),
            t.text.to_string(),
            i18n::status(lang, t.status).to_string(),
            format!("{}%", i18n::format_percent(t.percent)),
            i18n::light(lang, t.light).to_string(),
            t.owner.unwrap_or_default().to_string(),
            t.due.to_string(),
            t.note.unwrap_or_default().to_string(),
            t.updated_at
                .map(crate::report::Time::local)
                .unwrap_or_default(),
            t.updated_by.unwrap_or_default().to_string(),
        ]
    }

    /// The heading of the changes list, naming the checkpoint they count from.
    pub fn changes_heading(&self) -> String {
        let m = &self.meeting;
        let head = match &m.last_meeting {
            Some((title, at)) => format!(
                "{}{}",
                i18n::term(self.lang, i18n::Term::Changes),
                i18n::since_checkpoint(self.lang, title.as_deref(), at)
            ),
            None => i18n::term(self.lang, i18n::Term::AllChanges).to_string(),
        };
        format!(
            "{head}{}",
            i18n::changed_count(self.lang, m.changes.len(), m.restored.len(), m.untouched)
        )
    }
}

/// Whether a spreadsheet would run `s` as a formula (or strip a leading control character):
/// text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Renders the export in memory, as the meeting's handout; see [`render_with`].
pub fn render(
    format: Format,
    plan: &LoadedPlan,
    progress: &Progress,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    render_with(format, plan, progress, lang, Options::default())
}

/// Renders the export in memory. Markdown, CSV and HTML pass whole through the sanitiser, so
/// that no control character or bidi override from a note reaches the document (or a terminal
/// when written to standard output); line breaks are kept, so a note's lines stay lines (inside
/// a quoted CSV cell, or as `<br>` in a Markdown table). JSON keeps the text exact; XLSX and
/// Word show C1, bidi and invisible characters as `�`, and Word leaves out the C0 control
/// characters that XML cannot hold (XLSX writes them in Excel's own `_xHHHH_` form).
pub fn render_with(
    format: Format,
    plan: &LoadedPlan,
    progress: &Progress,
    lang: Lang,
    options: Options,
) -> Result<Vec<u8>, ExportError> {
    let folded = Folded::of(plan, progress);
    let input = Input::new(plan, &folded, progress, lang, &options);
    Ok(match format {
        Format::Md => shown(&md::render(&input)),
        Format::Csv => shown(&String::from_utf8_lossy(&csv::render(&input)?)),
        Format::Xlsx => xlsx::render(&input)?,
        Format::Html => shown(&html::render(&input)),
        Format::Docx => docx::render(&input)?,
        Format::Json => json::to_string(&input.status)?.into_bytes(),
    })
}

/// A text document as it may be shown: sanitised, line breaks kept. A leading byte-order mark
/// (the CSV's, for Excel) is the writer's own and stays.
fn shown(document: &str) -> Vec<u8> {
    let (bom, text) = match document.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", document),
    };
    let mut out = bom.as_bytes().to_vec();
    out.extend_from_slice(crate::text::sanitize_lines(text).as_bytes());
    out
}

/// Exports the meeting's handout; see [`export_with`].
pub fn export(
    format: Format,
    plan: &LoadedPlan,
    progress: &Progress,
    lang: Lang,
    dest: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<Option<PathBuf>, ExportError> {
    export_with(
        format,
        plan,
        progress,
        lang,
        Options::default(),
        dest,
        stdout,
    )
}

/// Exports `progress` in `format`: to `dest` (a file, or a folder for the default name), or
/// without `dest` to `stdout` (text formats) or the default name in the default folder (xlsx,
/// docx; see [`default_folder`]). Returns the file written, if any. `-` as `dest` means standard output for every
/// format. Only a regular file is replaced; see [`destination`].
pub fn export_with(
    format: Format,
    plan: &LoadedPlan,
    progress: &Progress,
    lang: Lang,
    options: Options,
    dest: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<Option<PathBuf>, ExportError> {
    if options.by_owner && !format.is_handout() {
        return Err(ExportError::NotGrouped(format));
    }
    let name = default_file_name(plan, progress, format, lang, options.by_owner);
    let bytes = render_with(format, plan, progress, lang, options)?;
    let path = match dest {
        Some(p) if p == Path::new("-") => None,
        Some(p) if p.is_dir() => Some(p.join(name)),
        Some(p) => Some(p.to_path_buf()),
        None if format.is_binary() => Some(default_folder().path.join(name)),
        None => None,
    };
    match path {
        Some(path) => {
            let path = destination(&path)?;
            write_atomically(&Disk, &path, &bytes)?;
            Ok(Some(path))
        }
        None => {
            stdout.write_all(&bytes).map_err(ExportError::Stdout)?;
            Ok(None)
        }
    }
}

/// Where an export to `path` goes: `path` itself when nothing is there or a regular file is;
/// the file a link points to when `path` is a link to a regular file (the link stays, and that
/// file keeps its permissions, instead of the link being replaced by a file with the link's
/// 0777); anything else (a FIFO, a socket, a device, a link to one of them or to nothing) is
/// refused, so an export never replaces a device node or blocks on a FIFO.
fn destination(path: &Path) -> Result<PathBuf, ExportError> {
    let failed = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(failed(e)),
    };
    if meta.is_file() {
        return Ok(path.to_path_buf());
    }
    let is_link_to_file =
        meta.file_type().is_symlink() && std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if !is_link_to_file {
        return Err(ExportError::NotAFile(path.to_path_buf()));
    }
    std::fs::canonicalize(path).map_err(failed)
}

/// Writes `bytes` to `path` whole or not at all; the temporary file is removed on failure.
pub fn write_atomically(
    storage: &dyn Storage,
    path: &Path,
    bytes: &[u8],
) -> Result<(), ExportError> {
    storage
        .write_atomic(path, bytes)
        .map_err(|source| ExportError::Write {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_recognised() {
        for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(looks_like_formula(s), "{s:?}");
        }
        for s in ["", "1+1", "完成", " =1", "'=1"] {
            assert!(!looks_like_formula(s), "{s:?}");
        }
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.XLSX")), Some(Format::Xlsx));
        assert_eq!(Format::from_path(Path::new("b.htm")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("b.Docx")), Some(Format::Docx));
        assert_eq!(Format::from_path(Path::new("b.txt")), None);
        assert_eq!(Format::from_path(Path::new("b")), None);
    }

    #[test]
    fn every_dashboard_format_follows_from_its_extension() {
        for f in FORMATS {
            let name = format!("x.{}", f.extension());
            assert_eq!(Format::from_path(Path::new(&name)), Some(f));
        }
    }
}
