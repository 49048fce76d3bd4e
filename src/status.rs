//! The four states of a task, with their words in English and Chinese.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The state of a task (or the roll-up of several).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

impl Status {
    /// Every status, in the order the dashboard cycles through them.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Blocked,
    ];

    /// The machine word used in files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Blocked => "blocked",
        }
    }

    /// The Chinese word used in the office.
    pub fn zh(self) -> &'static str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "推进中",
            Status::Done => "已完成",
            Status::Blocked => "受阻",
        }
    }

    /// The next status in the cycle.
    pub fn next(self) -> Status {
        let i = Self::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A status word that is neither English nor Chinese for a known status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let word = s.trim();
        let folded = word.to_ascii_lowercase().replace(['-', ' '], "_");
        Status::ALL
            .into_iter()
            .find(|st| st.key() == folded || st.zh() == word)
            .or(match folded.as_str() {
                "todo" | "new" | "未开始" => Some(Status::NotStarted),
                "doing" | "started" | "进行中" => Some(Status::InProgress),
                "complete" | "completed" | "完成" => Some(Status::Done),
                "stuck" | "阻塞" => Some(Status::Blocked),
                _ => None,
            })
            .ok_or_else(|| UnknownStatus(word.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_english_and_chinese_words() {
        assert_eq!("done".parse(), Ok(Status::Done));
        assert_eq!("已完成".parse(), Ok(Status::Done));
        assert_eq!("In-Progress".parse(), Ok(Status::InProgress));
        assert_eq!(" 受阻 ".parse(), Ok(Status::Blocked));
        assert_eq!("未启动".parse(), Ok(Status::NotStarted));
        assert_eq!(
            "finished".parse::<Status>(),
            Err(UnknownStatus("finished".into()))
        );
    }

    #[test]
    fn cycles_through_all_four() {
        let mut s = Status::NotStarted;
        for _ in 0..4 {
            s = s.next();
        }
        assert_eq!(s, Status::NotStarted);
        assert_eq!(Status::NotStarted.next(), Status::InProgress);
    }
}
