//! The Word package: a zip of deflated parts. The document itself is written straight into
//! its entry ([`super::xml::Body`]); the document's properties are made per export; the other
//! parts — relationships, content types, settings, fonts, and the empty comments, numbering
//! and footnotes every Word package of this program has carried — are fixed, in `parts/`.

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::xml::escaped;
use crate::export::Input;

/// The package being written, in memory.
pub(super) type Zip = ZipWriter<Cursor<Vec<u8>>>;

/// The parts before the document, in the package's order.
const BEFORE: [(&str, &str); 3] = [
    (
        "[Content_Types].xml",
        include_str!("parts/Content_Types.xml"),
    ),
    ("_rels/.rels", include_str!("parts/package.rels")),
    ("docProps/app.xml", include_str!("parts/app.xml")),
];

/// The parts between the core properties and the document.
const BETWEEN: [(&str, &str); 2] = [
    ("docProps/custom.xml", include_str!("parts/custom.xml")),
    (
        "word/_rels/document.xml.rels",
        include_str!("parts/document.xml.rels"),
    ),
];

/// The parts after the document and its styles.
const AFTER: [(&str, &str); 6] = [
    ("word/settings.xml", include_str!("parts/settings.xml")),
    ("word/fontTable.xml", include_str!("parts/fontTable.xml")),
    ("word/comments.xml", include_str!("parts/comments.xml")),
    ("word/numbering.xml", include_str!("parts/numbering.xml")),
    (
        "word/commentsExtended.xml",
        include_str!("parts/commentsExtended.xml"),
    ),
    ("word/footnotes.xml", include_str!("parts/footnotes.xml")),
];

/// Every part deflated: a handout small enough to send by e-mail. At a quick level: the XML of
/// a 台账 is so repetitive that it still shrinks about fifteenfold, and the default level would
/// take about three times as long (0.8 s of a 100,000-task export) for a file 15 % smaller.
fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(QUICK))
}

/// The deflate level of every part.
const QUICK: i64 = 3;

/// `docProps/core.xml`: the document's title, the officer who exported it as its author and
/// last editor, and the export's time as when it was created and last changed.
pub(super) fn core_properties(input: &Input) -> String {
    let at = input.at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let title = escaped(&input.title());
    let author = escaped(&input.author);
    let language = input.lang.pick("zh-CN", "en");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>{language}</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified></cp:coreProperties>"#
    )
}

/// `word/styles.xml`: the body text `size` half-points, in 宋体 for Chinese and Times New
/// Roman for Latin letters and digits.
fn styles(size: usize) -> String {
    format!(
        r#"<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="{size}" /><w:szCs w:val="{size}" /><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" /></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:rPr /></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style></w:styles>"#
    )
}

fn put(zip: &mut Zip, parts: &[(&str, &str)]) -> zip::result::ZipResult<()> {
    for (name, text) in parts {
        zip.start_file(*name, deflated())?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// The package with the core properties `core`, body text of `size` half-points, and the
/// document that `document` writes into its entry.
pub(super) fn package(
    core: &str,
    size: usize,
    document: impl FnOnce(&mut Zip) -> std::io::Result<()>,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    put(&mut zip, &BEFORE)?;
    put(&mut zip, &[("docProps/core.xml", core)])?;
    put(&mut zip, &BETWEEN)?;
    zip.start_file("word/document.xml", deflated())?;
    document(&mut zip)?;
    put(&mut zip, &[("word/styles.xml", &styles(size))])?;
    put(&mut zip, &AFTER)?;
    Ok(zip.finish()?.into_inner())
}
