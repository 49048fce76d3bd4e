//! What every command needs: language, plan, journal store and the as-of date, from the options.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::i18n::{self, Lang};
use crate::journal::Store;
use crate::plan::LoadedPlan;

/// Options shared by every command.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Global {
    /// Plan file to use instead of the embedded 2023 plan (default: `plan` in the settings file).
    #[arg(
        long,
        global = true,
        display_order = 901,
        env = "WORKPLAN_PLAN",
        value_name = "FILE"
    )]
    pub plan: Option<PathBuf>,
    /// Folder that holds the journals, shared or local (default: `data_dir` in the settings
    /// file, else the platform's data folder).
    #[arg(
        long,
        global = true,
        display_order = 902,
        env = "WORKPLAN_DATA_DIR",
        value_name = "DIR"
    )]
    pub data_dir: Option<PathBuf>,
    /// Who is making changes; keep it the same everywhere (default: `user` in the settings
    /// file, else the OS user).
    #[arg(
        long,
        global = true,
        display_order = 903,
        env = "WORKPLAN_USER",
        value_name = "NAME"
    )]
    pub user: Option<String>,
    /// Interface language (default: `lang` in the settings file, else Chinese unless the
    /// locale says otherwise).
    #[arg(
        long,
        global = true,
        display_order = 904,
        value_enum,
        env = "WORKPLAN_LANG",
        ignore_case = true
    )]
    pub lang: Option<Lang>,
    /// Show the plan as it stood at the end of this day (YYYY-MM-DD; default: today): lights
    /// judged on that day, later changes left out of what is shown; the dashboard then makes no
    /// changes.
    #[arg(long, global = true, display_order = 905, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

/// The loaded plan and where its journal lives.
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    pub plan: LoadedPlan,
    pub store: Store,
    pub today: Date,
    /// Set when `--today` names a past day: the end of that day, after which events are left
    /// out of what is shown, so the day is seen as it was.
    pub until: Option<jiff::Timestamp>,
    /// Draw for a terminal that shows ambiguous-width characters two columns wide
    /// (`ambiguous_wide` in the settings, `WORKPLAN_AMBIGUOUS_WIDE`).
    pub ambiguous_wide: bool,
}

/// The end of `day` in this computer's time zone, when `day` is before today: what a view as
/// of that day leaves out comes after it.
pub fn end_of_past_day(day: Date) -> Option<jiff::Timestamp> {
    end_of_past_day_at(day, crate::clock::today())
}

/// The end of `day` in this computer's time zone, when `day` is before `today`.
pub fn end_of_past_day_at(day: Date, today: Date) -> Option<jiff::Timestamp> {
    if day >= today {
        return None;
    }
    let next = day.tomorrow().ok()?;
    let start = next
        .to_zoned_datetime(crate::clock::zone())
        .ok()?
        .timestamp();
    start.checked_sub(jiff::SignedDuration::from_nanos(1)).ok()
}

impl Global {
    /// The language asked for (`--lang`, `WORKPLAN_LANG`), else the settings file's, else the
    /// locale's.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(i18n::lang_unless_given)
    }
}

/// Parses a date as officers type it (see [`crate::typed::date`]; without a year, in `year`),
/// or says in words what is accepted.
pub fn parse_date(lang: Lang, what: &str, s: &str, year: i32) -> Result<Date, String> {
    crate::typed::date(s, year).ok_or_else(|| {
        lang.pick(
            &format!(
                "{what} \"{s}\" 不是有效日期；可写 2023-09-30、2023/9/30、2023年9月30日、9月30日 或 20230930"
            ),
            &format!(
                "{what} \"{s}\" is not a valid date; write 2023-09-30, 2023/9/30, 2023年9月30日, 9月30日 or 20230930"
            ),
        )
        .to_string()
    })
}

/// The OS account name, for journals written without `--user`: the account this process runs
/// as, else `USER`, `USERNAME` or `LOGNAME`; none when there is no such name.
pub fn os_user() -> Option<String> {
    whoami::username()
        .ok()
        .into_iter()
        .chain(
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .filter_map(|v| std::env::var(v).ok()),
        )
        .find(|v| !v.trim().is_empty())
}

/// The name this officer writes under (`--user`, `WORKPLAN_USER`, the settings file, else the
/// OS user), trimmed and checked by [`check_user_name`]; empty when there is none at all, and
/// then nothing can be written.
fn user_name(
    lang: Lang,
    given: Option<String>,
    configured: Option<String>,
) -> Result<String, String> {
    let (name, from) = match (given, configured) {
        (Some(u), _) if std::env::var_os("WORKPLAN_USER").is_some_and(|e| *e == *u) => {
            (u, "WORKPLAN_USER".to_string())
        }
        (Some(u), _) => (u, "--user".to_string()),
        (None, Some(u)) => {
            let file = crate::config::path().unwrap_or_default();
            (u, i18n::settings_file(lang, &file))
        }
        (None, None) => match os_user() {
            Some(u) => (u, i18n::os_user(lang)),
            None => return Ok(String::new()),
        },
    };
    check_user_name(lang, &name, &from)
}

/// `name` trimmed, if it can name a journal file in a folder that may be shared with Windows:
/// a name that is empty, `.` or `..`, holds a path separator, a control, bidi or invisible
/// character or
/// one of `<>:"|?*`, ends in a dot or space, is a Windows device name (CON, PRN, AUX, NUL,
/// COM1–9, LPT1–9, also with an extension) or is too long for a file name is refused in one
/// line that names it and where it came from (`from`).
pub fn check_user_name(lang: Lang, name: &str, from: &str) -> Result<String, String> {
    let trimmed = name.trim();
    let device = trimmed
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let reserved = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || matches!(
            device.as_bytes(),
            [b'C', b'O', b'M', b'1'..=b'9'] | [b'L', b'P', b'T', b'1'..=b'9']
        );
    let unusable = matches!(trimmed, "" | "." | "..")
        || reserved
        || trimmed.ends_with(['.', ' '])
        || trimmed.len() > 200
        || trimmed.contains(['/', '\\', '<', '>', ':', '"', '|', '?', '*'])
        || !crate::text::is_clean(trimmed);
    if unusable {
        return Err(i18n::bad_user_name(lang, name, from));
    }
    Ok(trimmed.to_string())
}

impl Context {
    /// Loads the plan and locates the journal; every failure is one sentence in `lang`. A data
    /// folder that was named (option, variable or settings) but is not there is refused: only
    /// the platform's own folder is made on first use.
    pub fn load(global: &Global) -> Result<Self, String> {
        let ctx = Self::locate(global)?;
        crate::folder::require_folder(ctx.lang, ctx.store.data_dir())?;
        Ok(ctx)
    }

    /// [`Context::load`] without looking whether the data folder is there, to say where things
    /// are kept.
    pub fn locate(global: &Global) -> Result<Self, String> {
        let lang = global.lang();
        let config = crate::config::load(lang)?;
        let plan = match global.plan.as_ref().or(config.plan.as_ref()) {
            Some(path) => crate::plan::kept::load(path, crate::folder::cache_dir().as_deref()),
            None => LoadedPlan::embedded(),
        }
        .map_err(|errors| i18n::plan_errors(lang, &errors))?;
        let data_dir = match global
            .data_dir
            .clone()
            .or(config.data_dir)
            .or_else(crate::folder::default_data_dir)
        {
            Some(d) => d,
            None => {
                return Err(lang
                    .pick(
                        "找不到数据目录；请用 --data-dir 或 WORKPLAN_DATA_DIR 指定",
                        "no data folder found; give one with --data-dir or WORKPLAN_DATA_DIR",
                    )
                    .to_string());
            }
        };
        let user = user_name(lang, global.user.clone(), config.user)?;
        let (today, until) = match &global.today {
            Some(s) => {
                let day = parse_date(lang, "--today", s, plan.plan.year)?;
                (day, end_of_past_day(day))
            }
            None => (crate::clock::today(), None),
        };
        let mut store = Store::new(&data_dir, &plan.plan.id, &user);
        if !crate::folder::is_default(&data_dir) {
            store = store.with_shared_data_dir();
        }
        if let Some(root) = crate::folder::cache_dir() {
            store = store.with_local_copy(&root);
        }
        Ok(Self {
            lang,
            plan,
            store,
            today,
            until,
            ambiguous_wide: crate::text::ambiguous::wanted(config.ambiguous_wide),
        })
    }
}
