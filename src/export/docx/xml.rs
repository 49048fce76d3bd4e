//! `word/document.xml` written as it is made: paragraphs, tables, rows and cells go out as
//! WordprocessingML text into the package's entry, a buffer at a time, so that no object is
//! held per cell and a 台账 of any length costs the memory of one buffer.
//!
//! Every text passes through [`escaped`]: the sanitiser's [`text::disarm`], then the characters
//! XML 1.0 cannot hold left out, then the five special characters as entities.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::text;

/// How much XML is gathered before it goes into the package.
const CHUNK: usize = 64 * 1024;

/// The document's opening, with the namespaces Word expects.
const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 wp14"><w:body>"#;

/// A table's properties after its width: its borders (thin black lines) and fixed columns.
const TABLE_PROPERTIES: &str = r#"<w:jc w:val="left" /><w:tblBorders><w:top w:val="single" w:sz="2" w:space="0" w:color="000000" /><w:left w:val="single" w:sz="2" w:space="0" w:color="000000" /><w:bottom w:val="single" w:sz="2" w:space="0" w:color="000000" /><w:right w:val="single" w:sz="2" w:space="0" w:color="000000" /><w:insideH w:val="single" w:sz="2" w:space="0" w:color="000000" /><w:insideV w:val="single" w:sz="2" w:space="0" w:color="000000" /></w:tblBorders><w:tblLayout w:type="fixed" /></w:tblPr>"#;

/// Where a text's line break goes: the run goes on after a line break.
const LINE_BREAK: &str = r#"</w:t><w:br w:type="textWrapping" /><w:t xml:space="preserve">"#;

/// Whether XML 1.0 can hold `c` in a document: not a C0 control other than tab and line feed,
/// not a non-character U+FFFE or U+FFFF.
fn xml_char(c: char) -> bool {
    (c >= ' ' || c == '\t' || c == '\n') && c != '\u{FFFE}' && c != '\u{FFFF}'
}

/// `s` appended to `out` as XML text: disarmed by the sanitiser, without what XML cannot hold,
/// the five special characters as entities; each line feed as `line_break`.
fn push_escaped(out: &mut String, s: &str, line_break: &str) {
    for c in text::disarm(s).chars().filter(|&c| xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str(line_break),
            c => out.push(c),
        }
    }
}

/// `s` as the text of an XML element or attribute (a line feed stays a line feed).
pub(super) fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s, "\n");
    out
}

/// How a paragraph and its text look.
#[derive(Clone, Copy)]
pub(super) struct Look {
    /// Half-points, when not the document's default.
    pub size: Option<usize>,
    pub bold: bool,
    pub centered: bool,
    /// Kept on the page of the paragraph that follows (a heading with its table).
    pub keep_next: bool,
    pub page_break_before: bool,
}

impl Look {
    pub(super) const PLAIN: Look = Look {
        size: None,
        bold: false,
        centered: false,
        keep_next: false,
        page_break_before: false,
    };
}

/// A page's shape, for a section.
#[derive(Clone, Copy)]
pub(super) struct Page {
    pub width: u32,
    pub height: u32,
    pub landscape: bool,
    pub margin: u32,
}

/// `word/document.xml` on its way into `out`.
pub(super) struct Body<W: Write> {
    out: W,
    buf: String,
    /// The last paragraph's id: each paragraph gets the next one (`w14:paraId`).
    paragraphs: u32,
    /// The first failed write into `out`; what follows it is dropped.
    failed: Option<io::Error>,
}

impl<W: Write> Body<W> {
    /// The document started: its opening written.
    pub(super) fn new(out: W) -> Self {
        let mut buf = String::with_capacity(CHUNK + 4096);
        buf.push_str(HEAD);
        Body {
            out,
            buf,
            paragraphs: 0,
            failed: None,
        }
    }

    /// The buffer into `out` once it holds a chunk.
    fn spill(&mut self) {
        if self.buf.len() >= CHUNK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.failed.is_none()
            && let Err(e) = self.out.write_all(self.buf.as_bytes())
        {
            self.failed = Some(e);
        }
        self.buf.clear();
    }

    /// `<w:p>` with its id.
    fn open_paragraph(&mut self) {
        self.paragraphs += 1;
        let _ = write!(self.buf, r#"<w:p w14:paraId="{:08x}">"#, self.paragraphs);
    }

    /// A paragraph of `text` (its lines kept as line breaks) that looks as `look` says.
    pub(super) fn paragraph(&mut self, text: &str, look: Look) {
        self.open_paragraph();
        self.buf.push_str("<w:pPr><w:rPr />");
        if look.centered {
            self.buf.push_str(r#"<w:jc w:val="center" />"#);
        }
        if look.keep_next {
            self.buf.push_str("<w:keepNext />");
        }
        if look.page_break_before {
            self.buf.push_str("<w:pageBreakBefore />");
        }
        self.buf.push_str("</w:pPr><w:r>");
        match (look.size, look.bold) {
            (None, false) => self.buf.push_str("<w:rPr />"),
            (size, bold) => {
                self.buf.push_str("<w:rPr>");
                if let Some(s) = size {
                    let _ = write!(self.buf, r#"<w:sz w:val="{s}" /><w:szCs w:val="{s}" />"#);
                }
                if bold {
                    self.buf.push_str("<w:b /><w:bCs />");
                }
                self.buf.push_str("</w:rPr>");
            }
        }
        self.buf.push_str(r#"<w:t xml:space="preserve">"#);
        push_escaped(&mut self.buf, text, LINE_BREAK);
        self.buf.push_str("</w:t></w:r></w:p>");
        self.spill();
    }

    /// A table's start: its columns `widths` twips wide (fixed), its borders.
    pub(super) fn open_table(&mut self, widths: &[usize]) {
        let total: usize = widths.iter().sum();
        let _ = write!(
            self.buf,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa" />{TABLE_PROPERTIES}<w:tblGrid>"#
        );
        for w in widths {
            let _ = write!(self.buf, r#"<w:gridCol w:w="{w}" w:type="dxa" />"#);
        }
        self.buf.push_str("</w:tblGrid>");
    }

    pub(super) fn close_table(&mut self) {
        self.buf.push_str("</w:tbl>");
        self.spill();
    }

    /// A row's start; a row is never split across pages, and a header row repeats on every
    /// page the table runs onto.
    pub(super) fn open_row(&mut self, header: bool) {
        self.buf.push_str("<w:tr><w:trPr><w:cantSplit />");
        if header {
            self.buf.push_str("<w:tblHeader />");
        }
        self.buf.push_str("</w:trPr>");
    }

    pub(super) fn close_row(&mut self) {
        self.buf.push_str("</w:tr>");
        self.spill();
    }

    /// A cell `width` twips wide holding `text`, shaded with the colour `fill` (`RRGGBB`) when
    /// given.
    pub(super) fn cell(&mut self, text: &str, width: usize, fill: Option<&str>, bold: bool) {
        let _ = write!(
            self.buf,
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" />"#
        );
        if let Some(f) = fill {
            let _ = write!(
                self.buf,
                r#"<w:shd w:val="clear" w:color="auto" w:fill="{f}" />"#
            );
        }
        self.buf.push_str("</w:tcPr>");
        let look = Look {
            bold,
            ..Look::PLAIN
        };
        self.paragraph(text, look);
        self.buf.push_str("</w:tc>");
    }

    /// A section's properties: its page and margins.
    fn section(&mut self, page: Page) {
        let Page {
            width,
            height,
            landscape,
            margin: m,
        } = page;
        let orient = if landscape {
            r#" w:orient="landscape""#
        } else {
            ""
        };
        let _ = write!(
            self.buf,
            r#"<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"{orient} /><w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="851" w:footer="992" w:gutter="0" /><w:cols w:space="425" w:num="1" /></w:sectPr>"#
        );
    }

    /// The end of a section on `page`: what follows starts a new section on a new page.
    pub(super) fn end_section(&mut self, page: Page) {
        self.open_paragraph();
        self.buf.push_str("<w:pPr>");
        self.section(page);
        self.buf.push_str("</w:pPr></w:p>");
    }

    /// The document ended, its last section on `page`, and everything written into `out`.
    pub(super) fn finish(mut self, page: Page) -> io::Result<W> {
        self.section(page);
        self.buf.push_str("</w:body></w:document>");
        self.flush();
        match self.failed {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Body, Look, Page, escaped};

    const A4: Page = Page {
        width: 11_906,
        height: 16_838,
        landscape: false,
        margin: 1_134,
    };

    #[test]
    fn text_is_escaped_and_clean() {
        assert_eq!(
            escaped("计划<A&B>\"x\"'y'\u{1}\u{202e}"),
            "计划&lt;A&amp;B&gt;&quot;x&quot;&apos;y&apos;\u{FFFD}"
        );
        assert_eq!(escaped("a\u{0}b\u{1b}[31mc\u{7}"), "ab[31mc");
        assert_eq!(escaped("第一行\n\t第二行\u{FFFF}"), "第一行\n\t第二行");
        assert_eq!(escaped("《居民公约》"), "《居民公约》");
    }

    #[test]
    fn a_paragraph_keeps_its_lines_as_line_breaks() {
        let mut body = Body::new(Vec::new());
        body.paragraph("一\n二", Look::PLAIN);
        let xml = String::from_utf8(body.finish(A4).unwrap_or_default()).unwrap_or_default();
        assert!(xml.contains(
            r#"<w:t xml:space="preserve">一</w:t><w:br w:type="textWrapping" /><w:t xml:space="preserve">二</w:t>"#
        ));
    }

    #[test]
    fn a_failed_write_is_reported_at_the_end() {
        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut body = Body::new(Full);
        for _ in 0..10_000 {
            body.paragraph("居民公约", Look::PLAIN);
        }
        assert!(body.finish(A4).is_err());
    }
}
