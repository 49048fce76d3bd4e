//! Text files as offices save them: UTF-8 (with or without a byte-order mark), UTF-16 with a
//! mark (Notepad's "Unicode"), or GBK (Notepad's "ANSI" on a Chinese Windows).

use std::borrow::Cow;

/// The encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Gbk,
}

/// Decodes `bytes`, UTF-8 first; `None` when they are none of the encodings above, or hold a
/// NUL (a binary file).
pub fn decode(bytes: &[u8]) -> Option<(Cow<'_, str>, Encoding)> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        return (!bad && !text.contains('\0'))
            .then(|| (Cow::Owned(text.into_owned()), Encoding::Utf16));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((Cow::Borrowed(s), Encoding::Utf8));
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| (Cow::Owned(t.into_owned()), Encoding::Gbk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_utf16_and_gbk() {
        let text = "（一）汇集民智。";
        assert_eq!(
            decode(text.as_bytes()).map(|(t, e)| (t.into_owned(), e)),
            Some((text.into(), Encoding::Utf8))
        );
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).map(|(t, _)| t.into_owned()), Some(text.into()));
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(
            decode(&gbk).map(|(t, e)| (t.into_owned(), e)),
            Some((text.into(), Encoding::Gbk))
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(&utf16).map(|(t, e)| (t.into_owned(), e)),
            Some((text.into(), Encoding::Utf16))
        );
        assert_eq!(decode(b"PK\x03\x04\0\0"), None);
    }
}
