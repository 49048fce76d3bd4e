//! The command line as clap reads it, with every word of `--help` (headings, usage, the about
//! of each command and the help of each option) in the chosen language; then parsing with it.

use std::ffi::OsString;

use clap::builder::{Str, StyledStr};
use clap::{Arg, Command, CommandFactory, FromArgMatches};

use super::Cli;
use super::parse_error::Chinese;
use crate::i18n::Lang;

/// The Chinese about of each command, by name; "" is the program itself.
const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "跟踪工作计划：仪表盘、命令行和导出。不带命令时打开仪表盘。",
    ),
    ("status", "显示每个领域、事项和任务的状态。"),
    ("set", "修改一项任务（或一个事项、一个领域下的全部任务）。"),
    ("log", "显示修改记录。"),
    ("undo", "撤销你最近的一次修改（记录仍保留）。"),
    ("meeting", "记录一个会议检查点。"),
    (
        "export",
        "把督办通报（会议材料）和工作台账写入文件（整个写入，不会只写一半）。",
    ),
    ("check", "检查计划文件（默认：正在使用的计划）。"),
    (
        "forget",
        "从本机副本中删去共享文件夹里已不存在的日志文件的记录（警告中会列出文件名）；该文件现有的记录保留。",
    ),
    ("help", "显示本说明，或某个命令的说明"),
    (
        "init",
        "第一次使用：询问姓名、共享文件夹和语言，写入设置文件。",
    ),
    (
        "plan",
        "计划本身：从报告或台账导入、显示、任务的固定键，以及计划调整后让记录跟随任务。",
    ),
    (
        "import",
        "从报告的文字或台账生成计划文件：先显示识别结果供核对，再写入。",
    ),
    (
        "show",
        "显示正在使用的计划（内置计划，或 --plan、设置文件指定的计划）。",
    ),
    (
        "keys",
        "给计划中每项任务加上固定的键，使编号调整、插入、移动或改写后记录仍跟随任务（默认：正在使用的计划；不加 -o 时输出到屏幕）。",
    ),
    (
        "migrate",
        "计划调整后：列出旧计划每项任务在新计划中的位置（按键、相同文字或相近文字），确认后记录下来，使其记录跟随任务。",
    ),
    (
        "where",
        "显示计划、数据文件夹、本人的日志文件、设置文件和本机副本的位置。",
    ),
    (
        "completions",
        "生成命令行补全脚本（bash、zsh、fish、powershell）。",
    ),
];

/// The Chinese help of each option, by command and option id; "" as command: any command.
const HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "plan",
        "计划文件，代替内置的 2023 年计划（默认：设置文件中的 plan）",
    ),
    (
        "",
        "data_dir",
        "存放日志的文件夹，共享或本机（默认：设置文件中的 data_dir，否则为系统的数据文件夹）",
    ),
    (
        "",
        "user",
        "修改人姓名，各处保持一致（默认：设置文件中的 user，否则为系统用户名）",
    ),
    (
        "",
        "lang",
        "界面语言：zh 中文，en 英文（默认：设置文件中的 lang，否则按系统区域设置，一般为中文）",
    ),
    (
        "",
        "today",
        "显示计划在这一天结束时的样子（YYYY-MM-DD；默认：今天）：按这一天判断红黄绿灯，此后的修改不计入；回看时工作台不能修改",
    ),
    ("", "help", "显示帮助"),
    ("", "version", "显示版本"),
    (
        "",
        "format",
        "输出格式：table 为表格（给人看），json 给程序用",
    ),
    ("set", "id", "编号，如 1.1.1"),
    (
        "set",
        "status",
        "状态：未启动|推进中|已完成|受阻，或 not_started|in_progress|done|blocked",
    ),
    ("set", "percent", "完成率，0 到 100 的整数"),
    ("set", "note", "进展情况"),
    ("set", "owner", "责任部门；\"\" 为清空"),
    ("set", "due", "完成时限，如 2023-09-30、2023/9/30、9月30日"),
    ("log", "since", "只列此日期（含）以后的修改（YYYY-MM-DD）"),
    ("log", "since_meeting", "只列上次会议检查点以后的修改"),
    ("log", "id", "只列此编号及其下级的修改"),
    ("meeting", "title", "会议名称"),
    (
        "export",
        "format",
        "格式：md 会议材料，csv 台账（带 BOM 的 UTF-8），xlsx 汇总表和台账（Excel、WPS），html 可打印的一页（A4），docx 督办通报 Word 文档（A4），json 与 status --format json 相同（默认：按输出文件的扩展名，否则为 xlsx）",
    ),
    (
        "export",
        "output",
        "要写入的文件或文件夹，- 为标准输出（默认：“文档”文件夹下的 <计划名称>-督办通报-<截至日期>.xlsx（或 .docx），WORKPLAN_EXPORT_DIR 可另指文件夹；指定 md、csv、html、json 格式时为标准输出）",
    ),
    (
        "export",
        "by_owner",
        "每个责任部门一页，列出其红灯、黄灯任务（md、html、docx、xlsx）",
    ),
    ("check", "file", "要检查的计划文件"),
    ("forget", "file", "日志文件，如 李强.jsonl"),
    ("help", "subcommand", "命令名"),
    (
        "completions",
        "shell",
        "命令行：bash、zsh、fish 或 powershell",
    ),
    (
        "import",
        "file",
        "报告的文字（.txt，UTF-8 或 GBK），或台账（.xlsx、.xls、.ods、.csv）",
    ),
    ("import", "output", "要写入的计划文件"),
    (
        "import",
        "section",
        "读取标题中含有这段文字的部分（默认：唯一的工作安排部分）",
    ),
    (
        "import",
        "id",
        "计划编号，用作日志文件夹的名字（默认：plan-<年份>）",
    ),
    (
        "import",
        "title",
        "计划名称（默认：单位名称加该部分的标题）",
    ),
    (
        "import",
        "year",
        "计划年份（默认：取自标题，或台账的完成时限）",
    ),
    (
        "import",
        "start",
        "计划开始日期（默认：报告日期的次日，否则为 1 月 1 日）",
    ),
    ("import", "due", "计划截止日期（默认：12 月 31 日）"),
    ("import", "dry_run", "只显示核对表，不写文件"),
    ("import", "force", "输出文件已存在时覆盖它"),
    ("init", "name", "你的姓名，修改记录以此署名"),
    ("init", "folder", "共享数据文件夹；不存在时新建"),
    ("init", "language", "界面语言：zh 中文，en 英文"),
    ("keys", "file", "计划文件（默认：正在使用的计划）"),
    ("keys", "output", "写入此文件（默认：输出到屏幕）"),
    ("migrate", "old", "调整前的计划文件"),
    ("migrate", "new", "调整后的计划文件（即今后使用的计划）"),
    ("migrate", "yes", "不再询问，直接记录"),
];

/// The Chinese for the placeholders of values.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("FILE", "文件"),
    ("DIR", "文件夹"),
    ("NAME", "姓名"),
    ("LANG", "语言"),
    ("FORMAT", "格式"),
    ("ID", "编号"),
    ("STATUS", "状态"),
    ("PERCENT", "完成率"),
    ("NOTE", "进展"),
    ("OWNER", "责任部门"),
    ("DUE", "完成时限"),
    ("SINCE", "日期"),
    ("TITLE", "名称"),
    ("COMMAND", "命令"),
    ("SUBCOMMAND", "命令"),
];

/// The heading of the options.
const OPTIONS: &str = "选项";

/// The heading of the positional arguments.
const ARGUMENTS: &str = "参数";

/// The layout of a Chinese `--help`.
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command line in `lang`: clap's own English for English, else every heading, usage line
/// and help text in Chinese.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    // Reworded before clap builds it, so that clap sees no long help to offer (a `--help` laid out
    // like `-h`); then again once built, for the `--help`, `--version` and `help` clap adds and
    // for the usage lines, which clap makes then.
    cmd = localize(cmd, "", false);
    cmd.build();
    localize(cmd, "", true)
}

/// Parses `args` (the program name first) with the command line in `lang`.
pub fn parse_from(lang: Lang, args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let matches = command(lang).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// Parses the program's arguments in `lang`, or prints help, the version or what is wrong with
/// them (in `lang`) and exits as clap does: 0 for help and version, 2 for a mistake.
pub fn parse_or_exit(lang: Lang, args: Vec<OsString>) -> Cli {
    match parse_from(lang, args) {
        Ok(cli) => cli,
        Err(e) => match lang {
            Lang::Zh => e.apply::<Chinese>().exit(),
            Lang::En => e.exit(),
        },
    }
}

/// Rewords `cmd` (named `name`, "" for the program) and its subcommands in Chinese; once
/// `built`, their usage lines too. Rewording twice changes nothing more.
fn localize(cmd: Command, name: &str, built: bool) -> Command {
    let about = ABOUT.iter().find(|(n, _)| *n == name).map(|(_, a)| *a);
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .mut_args(|arg| localize_arg(arg, name));
    if let Some(about) = about {
        cmd = cmd.about(about).long_about(None);
    }
    if built {
        let usage = chinese_usage(&cmd.render_usage());
        cmd = cmd.override_usage(usage);
    }
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        localize(sub, &name, built)
    })
}

/// One option's help, heading and placeholder in Chinese, with its default and variable said
/// in Chinese too.
fn localize_arg(arg: Arg, command: &str) -> Arg {
    if matches!(arg.get_help_heading(), Some(OPTIONS | ARGUMENTS)) {
        return arg; // Already reworded.
    }
    let id = arg.get_id().as_str().to_string();
    let text = HELP
        .iter()
        .find(|(c, i, _)| *c == command && *i == id)
        .or_else(|| HELP.iter().find(|(c, i, _)| c.is_empty() && *i == id))
        .map(|(_, _, h)| (*h).to_string())
        .or_else(|| arg.get_help().map(ToString::to_string));
    let mut text = text.unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let takes_values = arg.get_action().takes_values();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        text.push_str(&format!("［默认：{}］", defaults.join("、")));
    }
    if let Some(var) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        text.push_str(&format!("［环境变量：{}］", var.to_string_lossy()));
    }
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let names: Option<Vec<Str>> = arg.get_value_names().map(|names| {
        names
            .iter()
            .map(|n| {
                VALUE_NAMES
                    .iter()
                    .find(|(en, _)| *en == n.as_str())
                    .map_or_else(|| n.clone(), |(_, zh)| Str::from(*zh))
            })
            .collect()
    });
    let mut arg = arg.help(text).long_help(None).help_heading(heading);
    if takes_values {
        arg = arg
            .hide_possible_values(true)
            .hide_default_value(true)
            .hide_env(true);
    }
    match names {
        Some(names) => arg.value_names(names),
        None => arg,
    }
}

/// clap's usage line without its English heading and with its English words in Chinese.
fn chinese_usage(usage: &StyledStr) -> String {
    let plain = usage.to_string();
    let plain = plain.trim();
    let plain = plain.strip_prefix("Usage:").unwrap_or(plain).trim_start();
    plain
        .replace("[OPTIONS]", "[选项]")
        .replace("[COMMAND]", "[命令]")
        .replace("<COMMAND>", "<命令>")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn help(lang: Lang, path: &[&str]) -> String {
        let mut cmd = command(lang);
        cmd.build();
        let mut cmd = &mut cmd;
        for name in path {
            cmd = cmd.find_subcommand_mut(name).unwrap();
        }
        cmd.render_help().to_string()
    }

    #[test]
    fn every_command_and_option_has_chinese_help() {
        let mut cmd = command(Lang::Zh);
        cmd.build();
        let mut all = vec![cmd.clone()];
        let mut next = 0;
        while next < all.len() {
            let subs: Vec<Command> = all[next].get_subcommands().cloned().collect();
            all.extend(subs);
            next += 1;
        }
        for c in &all {
            let help = c.clone().render_help().to_string();
            for english in [
                "Usage",
                "Options",
                "Commands",
                "Arguments",
                "Print help",
                "[env:",
            ] {
                assert!(!help.contains(english), "{}: {help}", c.get_name());
            }
            assert!(help.contains("用法："), "{help}");
            for arg in c.get_arguments() {
                let text = arg.get_help().map(ToString::to_string).unwrap_or_default();
                assert!(
                    text.chars().any(|ch| ch > '\u{2e80}'),
                    "{} {}: {text}",
                    c.get_name(),
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn english_stays_clap_s_own() {
        let help = help(Lang::En, &["set"]);
        assert!(
            help.contains("Usage: workplan set [OPTIONS] <ID>"),
            "{help}"
        );
        let help = help_zh_set();
        assert!(help.contains("用法：workplan set [选项] <编号>"), "{help}");
        assert!(help.contains("\n选项:\n"), "{help}");
        assert!(help.contains("--percent <完成率>"), "{help}");
    }

    #[test]
    fn today_says_it_shows_that_day_and_changes_nothing_in_the_dashboard() {
        let zh = help(Lang::Zh, &["status"]);
        assert!(zh.contains("显示计划在这一天结束时的样子"), "{zh}");
        assert!(zh.contains("回看时工作台不能修改"), "{zh}");
        let en = help(Lang::En, &["status"]);
        assert!(en.contains("as it stood at the end of this day"), "{en}");
        assert!(en.contains("the dashboard then makes no"), "{en}");
    }

    fn help_zh_set() -> String {
        help(Lang::Zh, &["set"])
    }

    #[test]
    fn parsing_with_the_chinese_command_gives_the_same_options() {
        let args = [
            "workplan",
            "--lang",
            "zh",
            "set",
            "1.1.1",
            "--percent",
            "50",
        ];
        let cli = parse_from(Lang::Zh, args.iter().map(OsString::from).collect()).unwrap();
        assert_eq!(cli.global.lang, Some(Lang::Zh));
        assert!(matches!(
            cli.command,
            Some(super::super::Command::Set(ref args))
                if args.id == "1.1.1" && args.percent.as_deref() == Some("50")
        ));
    }
}
