//! Sentences and clauses of a paragraph, in full-width or ASCII punctuation, never splitting
//! inside quotes or brackets that close in the same paragraph.

/// Bracket pairs kept together: a sentence mark inside them does not end the sentence.
const PAIRS: [(char, char); 7] = [
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('(', ')'),
    ('《', '》'),
    ('「', '」'),
    ('『', '』'),
];

/// Marks that end a sentence (`.` only between things that are not both letters or figures).
const ENDS: [char; 8] = ['。', '！', '？', '；', '!', '?', ';', '．'];

/// Marks that end a clause.
const CLAUSE_ENDS: [char; 2] = ['，', ','];

/// How deep inside matched quotes and brackets each character is; marks that never close in
/// the paragraph (a typo in the report) count as text. Also says whether there were such.
fn depths(chars: &[char]) -> (Vec<u32>, bool) {
    let mut delta = vec![0i32; chars.len() + 1];
    let mut unmatched = false;
    for (open, close) in PAIRS {
        let mut stack = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if c == open {
                stack.push(i);
            } else if c == close {
                match stack.pop() {
                    Some(o) => {
                        delta[o + 1] += 1;
                        delta[i] -= 1;
                    }
                    None => unmatched = true,
                }
            }
        }
        unmatched |= !stack.is_empty();
    }
    // ASCII double quotes open and close in turn.
    let quotes: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == '"').collect();
    for pair in quotes.chunks(2) {
        match pair {
            [o, c] => {
                delta[o + 1] += 1;
                delta[*c] -= 1;
            }
            _ => unmatched = true,
        }
    }
    let mut depth = 0i32;
    let out = (0..chars.len())
        .map(|i| {
            depth += delta[i];
            depth.max(0).unsigned_abs()
        })
        .collect();
    (out, unmatched)
}

fn is_end(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if c == '.' || c == '．' {
        let alnum = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_ascii_alphanumeric())
        };
        return !(alnum(i.checked_sub(1)) && alnum(Some(i + 1)));
    }
    ENDS.contains(&c)
}

/// Closing marks that stay with the sentence they follow: `。”`, `！）` (after an end mark
/// outside every matched pair, such a mark can only be one that never opened).
fn is_closing(c: char) -> bool {
    PAIRS.iter().any(|&(_, close)| close == c) || c == '"'
}

/// A paragraph cut into sentences, each with its end mark; and whether a quote or bracket in
/// it never closed.
pub fn sentences(text: &str) -> (Vec<String>, bool) {
    let chars: Vec<char> = text.chars().collect();
    let (depth, unmatched) = depths(&chars);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if depth[i] == 0 && is_end(&chars, i) {
            let mut j = i + 1;
            while j < chars.len() && (is_end(&chars, j) || is_closing(chars[j])) {
                j += 1;
            }
            push(&mut out, &chars[start..j]);
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    push(&mut out, &chars[start..]);
    (out, unmatched)
}

fn push(out: &mut Vec<String>, chars: &[char]) {
    let s: String = chars.iter().collect();
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

/// The clause before the first comma outside quotes and brackets, and the rest of the
/// sentence after it; `None` when the sentence has no such comma.
pub fn first_clause(sentence: &str) -> Option<(String, String)> {
    let chars: Vec<char> = sentence.chars().collect();
    let (depth, _) = depths(&chars);
    let at = (0..chars.len()).find(|&i| depth[i] == 0 && CLAUSE_ENDS.contains(&chars[i]))?;
    let head: String = chars[..at].iter().collect();
    let rest: String = chars[at + 1..].iter().collect();
    Some((head.trim().to_string(), rest.trim().to_string()))
}

/// Whether the text has a comma outside quotes and brackets.
pub fn has_clause_mark(sentence: &str) -> bool {
    first_clause(sentence).is_some()
}

/// A sentence without its end marks (`。`, `：`, …), as a title.
pub fn without_end(sentence: &str) -> String {
    sentence
        .trim_end_matches(|c: char| ENDS.contains(&c) || matches!(c, '.' | '：' | ':' | '，' | ','))
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_end_mark_in_either_width() {
        let (s, bad) = sentences("甲。乙！丙？丁；戊;己!庚?辛");
        assert_eq!(
            s,
            ["甲。", "乙！", "丙？", "丁；", "戊;", "己!", "庚?", "辛"]
        );
        assert!(!bad);
    }

    #[test]
    fn quotes_and_brackets_stay_together() {
        let (s, bad) = sentences(
            "制定实施“新江湾城水绿复合共同体“十四五”规划”和“计划”。推进（新址。二期）建设。",
        );
        assert_eq!(
            s,
            [
                "制定实施“新江湾城水绿复合共同体“十四五”规划”和“计划”。",
                "推进（新址。二期）建设。"
            ]
        );
        assert!(!bad);
        let (s, _) = sentences("他说：“好。”然后走了。再来。");
        assert_eq!(s, ["他说：“好。”然后走了。", "再来。"]);
        let (s, _) = sentences("甲\"乙。丙\"丁。戊。");
        assert_eq!(s, ["甲\"乙。丙\"丁。", "戊。"]);
    }

    #[test]
    fn a_quote_that_never_closes_does_not_swallow_the_paragraph() {
        let (s, bad) = sentences("荣获“上海市‘5A’级中心“先进街镇”。帮助企业97家。");
        assert_eq!(s, ["荣获“上海市‘5A’级中心“先进街镇”。", "帮助企业97家。"]);
        assert!(bad);
    }

    #[test]
    fn decimals_and_names_keep_their_dots() {
        let (s, _) = sentences("救助1.57万人次. 建成www.x.cn站点.");
        assert_eq!(s, ["救助1.57万人次.", "建成www.x.cn站点."]);
    }

    #[test]
    fn clauses_and_titles() {
        assert_eq!(
            first_clause("加强学习，提高“能力，水平”。"),
            Some(("加强学习".into(), "提高“能力，水平”。".into()))
        );
        assert_eq!(first_clause("践行全过程人民民主。"), None);
        assert_eq!(without_end("践行全过程人民民主。"), "践行全过程人民民主");
        assert_eq!(without_end("重点做好以下工作:"), "重点做好以下工作");
    }
}
