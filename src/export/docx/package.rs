//! The Word package as it is sent: what docx-rs cannot say, put in once it has written the
//! parts — the document's properties, the header rows that repeat on every page — and every
//! part deflated.

use std::io::{Read, Write};

use super::clean;
use crate::export::Input;

/// What a header row carries until the package is finished (see [`super::HEADER_MARK_TWIPS`]),
/// replaced by `<w:tblHeader />`: docx-rs has no word for a repeated header row.
pub(super) const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const TABLE_HEADER: &str = "<w:tblHeader />";

/// Text for an XML element: the five special characters as entities, the rest as [`clean`].
fn xml_escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `docProps/core.xml`: the document's title, the officer who exported it as its author and
/// last editor, and the export's time as when it was created and last changed (docx-rs would
/// say "unknown" on 1970-01-01, with no title).
pub(super) fn core_properties(input: &Input) -> String {
    let at = input.at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let title = xml_escaped(&input.title());
    let author = xml_escaped(&input.author);
    let language = input.lang.pick("zh-CN", "en");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>{language}</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified></cp:coreProperties>"#
    )
}

/// The package as it is sent: every part deflated (docx-rs stores them uncompressed, which
/// makes a handout several times larger than it needs to be for sending by e-mail), the core
/// properties `core`, and the header rows marked as such.
pub(super) fn finished(stored: Vec<u8>, core: &str) -> zip::result::ZipResult<Vec<u8>> {
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..from.len() {
        let mut part = from.by_index(i)?;
        // A Word package needs no entries for folders.
        if part.is_dir() {
            continue;
        }
        let name = part.name()?.into_owned();
        to.start_file(name.as_str(), options)?;
        match name.as_str() {
            "docProps/core.xml" => to.write_all(core.as_bytes())?,
            "word/document.xml" => {
                let mut xml = String::new();
                part.read_to_string(&mut xml)?;
                to.write_all(xml.replace(HEADER_MARK, TABLE_HEADER).as_bytes())?;
            }
            _ => {
                std::io::copy(&mut part, &mut to)?;
            }
        }
    }
    Ok(to.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::xml_escaped;

    #[test]
    fn document_properties_are_escaped_and_clean() {
        assert_eq!(
            xml_escaped("计划<A&B>\"x\"'y'\u{1}\u{202e}"),
            "计划&lt;A&amp;B&gt;&quot;x&quot;&apos;y&apos;\u{FFFD}"
        );
    }
}
