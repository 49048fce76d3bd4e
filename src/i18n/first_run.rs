//! The words of the first run: `workplan init`'s questions, where things are kept, a data folder
//! that is not there, a writer without a name and a dashboard without a terminal.

use std::path::Path;

use super::Lang;

/// A named data folder that is not there: a drive not connected, or a mistyped name.
pub fn folder_missing(lang: Lang, dir: &Path) -> String {
    match lang {
        Lang::Zh => format!(
            "共享文件夹不存在或未连接：{}（请检查网络盘是否已连接、路径是否写对；新建请用 workplan init）",
            dir.display()
        ),
        Lang::En => format!(
            "the shared folder does not exist or is not connected: {} (check that the drive is connected and the path is right; workplan init makes a new one)",
            dir.display()
        ),
    }
}

/// A named data folder that is a file.
pub fn folder_is_a_file(lang: Lang, dir: &Path) -> String {
    match lang {
        Lang::Zh => format!("共享文件夹不是文件夹，而是一个文件：{}", dir.display()),
        Lang::En => format!(
            "the shared folder is a file, not a folder: {}",
            dir.display()
        ),
    }
}

/// A change refused because no one is known to be making it.
pub fn no_user(lang: Lang) -> &'static str {
    lang.pick(
        "不知道由谁修改：系统没有提供用户名，本次修改未保存；请运行 workplan init 设置姓名，或用 --user 指定，如 --user 张华",
        "who is making this change is not known (the system gives no user name), so it is not saved; run workplan init to set your name, or give --user, e.g. --user zhang.hua",
    )
}

/// What the header and `where` show for a user that is not known.
pub fn user_unknown(lang: Lang) -> &'static str {
    lang.pick("（未设置）", "(not set)")
}

/// The dashboard asked for without a terminal to draw it in.
pub fn no_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "工作台需要在终端窗口中打开（标准输入或输出不是终端）；查看进度可用 workplan status，其他命令见 workplan --help",
        "the dashboard needs a terminal window (standard input or output is not one); use workplan status to see progress, or workplan --help for the other commands",
    )
}

/// The question asked when the dashboard starts without a settings file.
pub fn offer_init(lang: Lang) -> &'static str {
    lang.pick(
        "还没有设置（姓名、共享文件夹、语言）。现在设置吗？[Y/n] ",
        "No settings yet (your name, the shared folder, the language). Set them now? [Y/n] ",
    )
}

/// Said when the officer declines to set things up now.
pub fn init_later(lang: Lang) -> &'static str {
    lang.pick(
        "以后可以用 workplan init 设置。",
        "You can set them later with workplan init.",
    )
}

/// The first line of `workplan init`.
pub fn init_intro(lang: Lang, settings: &Path) -> String {
    match lang {
        Lang::Zh => format!(
            "设置 workplan，保存到 {}（直接回车取方括号里的值）",
            settings.display()
        ),
        Lang::En => format!(
            "Setting up workplan, saved in {} (Enter takes the value in brackets)",
            settings.display()
        ),
    }
}

/// The question for the officer's name.
pub fn ask_name(lang: Lang) -> &'static str {
    lang.pick(
        "您的姓名（同事认得的名字，用作记录文件名）",
        "Your name (as colleagues know you; it names your journal file)",
    )
}

/// The question for the shared folder.
pub fn ask_folder(lang: Lang) -> &'static str {
    lang.pick(
        "共享文件夹（各科室共用的网络盘文件夹，如 Z:\\工作台账）",
        "Shared folder (the office's folder on the network drive, e.g. Z:\\workplan)",
    )
}

/// The question for the shared folder when what Enter takes is this computer's own folder.
pub fn ask_folder_own(lang: Lang) -> &'static str {
    lang.pick(
        "共享文件夹（各科室共用的网络盘文件夹，如 Z:\\工作台账；直接回车则只存在本机，同事看不到）",
        "Shared folder (the office's folder on the network drive, e.g. Z:\\workplan; Enter keeps the data on this computer only, unseen by colleagues)",
    )
}

/// The question for the interface language.
pub fn ask_lang(lang: Lang) -> &'static str {
    lang.pick("界面语言 zh=中文 en=English", "Language zh=中文 en=English")
}

/// The question whether to make a folder that is not there.
pub fn ask_create(lang: Lang, dir: &Path) -> String {
    match lang {
        Lang::Zh => format!("文件夹 {} 不存在，新建吗？[Y/n] ", dir.display()),
        Lang::En => format!(
            "The folder {} does not exist. Make it? [Y/n] ",
            dir.display()
        ),
    }
}

/// An empty answer to a question without a default.
pub fn answer_needed(lang: Lang) -> &'static str {
    lang.pick("请填写。", "Please give an answer.")
}

/// A language answer that is neither Chinese nor English.
pub fn bad_lang(lang: Lang, answer: &str) -> String {
    match lang {
        Lang::Zh => format!("\"{answer}\" 不是可选的语言：请填 zh（中文）或 en（English）"),
        Lang::En => {
            format!("\"{answer}\" is not a language offered: give zh (中文) or en (English)")
        }
    }
}

/// The input ended before every question was answered.
pub fn input_ended(lang: Lang) -> &'static str {
    lang.pick(
        "输入已结束，设置未保存",
        "the input ended before every question was answered; nothing is saved",
    )
}

/// No place for the settings file on this computer.
pub fn no_settings_place(lang: Lang) -> &'static str {
    lang.pick(
        "找不到存放设置文件的文件夹；请用 WORKPLAN_CONFIG_DIR 指定",
        "no folder for the settings file found; give one with WORKPLAN_CONFIG_DIR",
    )
}

/// A folder `init` will not use because it is inside the program's own folder.
pub fn folder_in_program(lang: Lang, dir: &Path, program: &Path) -> String {
    match lang {
        Lang::Zh => format!(
            "{} 在程序所在的文件夹 {} 里，升级或删除程序时会一起丢失；请另选一个文件夹",
            dir.display(),
            program.display()
        ),
        Lang::En => format!(
            "{} is inside the program's own folder {}, and would go with it when the program is updated or removed; choose another folder",
            dir.display(),
            program.display()
        ),
    }
}

/// A folder `init` cannot write to, or cannot make.
pub fn folder_not_writable(lang: Lang, dir: &Path, why: &std::io::Error) -> String {
    match lang {
        Lang::Zh => format!("无法在 {} 中写入文件：{why}", dir.display()),
        Lang::En => format!("cannot write a file in {}: {why}", dir.display()),
    }
}

/// A folder whose name cannot be kept in the settings file.
pub fn folder_not_unicode(lang: Lang, dir: &Path) -> String {
    match lang {
        Lang::Zh => format!("文件夹名含无法保存的字符：{}", dir.display()),
        Lang::En => format!(
            "the folder's name holds characters that cannot be saved: {}",
            dir.display()
        ),
    }
}

/// A folder `init` just made.
pub fn folder_made(lang: Lang, dir: &Path) -> String {
    match lang {
        Lang::Zh => format!("已新建文件夹 {}", dir.display()),
        Lang::En => format!("made the folder {}", dir.display()),
    }
}

/// The settings file could not be written.
pub fn settings_not_saved(lang: Lang, path: &Path, why: &std::io::Error) -> String {
    match lang {
        Lang::Zh => format!("无法保存设置文件 {}：{why}", path.display()),
        Lang::En => format!("cannot save the settings file {}: {why}", path.display()),
    }
}

/// The settings `init` saved, and what to do next.
pub fn init_done(lang: Lang, settings: &Path, user: &str, dir: &Path) -> [String; 3] {
    match lang {
        Lang::Zh => [
            format!("已保存设置：{}", settings.display()),
            format!("用户 {user} · 共享文件夹 {} · 语言 中文", dir.display()),
            "输入 workplan 打开工作台；workplan where 显示数据存放在哪里。".to_string(),
        ],
        Lang::En => [
            format!("Settings saved: {}", settings.display()),
            format!(
                "user {user} · shared folder {} · language English",
                dir.display()
            ),
            "Type workplan to open the dashboard; workplan where shows where the data is kept."
                .to_string(),
        ],
    }
}

/// One place that `where` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Plan,
    User,
    DataDir,
    Journal,
    Settings,
    LocalCopy,
}

/// The label of a place.
pub fn place(lang: Lang, p: Place) -> &'static str {
    match p {
        Place::Plan => lang.pick("计划", "plan"),
        Place::User => lang.pick("用户", "user"),
        Place::DataDir => lang.pick("数据文件夹", "data folder"),
        Place::Journal => lang.pick("我的记录文件", "my journal file"),
        Place::Settings => lang.pick("设置文件", "settings file"),
        Place::LocalCopy => lang.pick("本机副本", "local copy"),
    }
}

/// What `where` adds after a place that is not (yet) there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// A named data folder that is not there: every command refuses it.
    Missing,
    /// The platform's folder, made on the first change.
    MadeOnFirstChange,
    /// This computer's own folder, in use because no data folder was chosen (no `init`).
    Unshared,
    /// No settings file: `init` writes one.
    NoSettings,
    /// No user is known, so there is no journal file of one's own.
    NoUser,
    /// The local copy is turned off.
    Off,
}

/// The words for a place that is not (yet) there.
pub fn absent(lang: Lang, a: Absent) -> &'static str {
    match a {
        Absent::Missing => lang.pick("（不存在或未连接）", "(missing or not connected)"),
        Absent::MadeOnFirstChange => lang.pick("（首次保存时新建）", "(made on the first change)"),
        Absent::Unshared => lang.pick(
            "（仅本机，同事看不到；要共用请运行 workplan init）",
            "(this computer only, unseen by colleagues; run workplan init to share)",
        ),
        Absent::NoSettings => lang.pick(
            "（还没有；workplan init 会新建）",
            "(none yet; workplan init writes one)",
        ),
        Absent::NoUser => lang.pick(
            "（未设置用户，不能修改；请运行 workplan init）",
            "(no user set, so no changes; run workplan init)",
        ),
        Absent::Off => lang.pick("（已关闭）", "(turned off)"),
    }
}

/// The embedded plan, as `where` names it.
pub fn embedded_plan(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Zh => format!("内置计划（{id}）"),
        Lang::En => format!("the built-in plan ({id})"),
    }
}

/// Said after the first change saved in this computer's own folder before `init`: where it is,
/// that colleagues do not see it, and how to share.
pub fn saved_unshared(lang: Lang, file: &Path) -> String {
    match lang {
        Lang::Zh => format!(
            "注意：这是本机的第一条记录，只保存在本机 {}，同事看不到；要与同事共用，请运行 workplan init 选择共享文件夹，已保存的记录可一并带过去",
            file.display()
        ),
        Lang::En => format!(
            "note: this first change is saved on this computer only, in {}; colleagues won't see it. To share, run workplan init and choose the shared folder; what is saved so far can be carried over",
            file.display()
        ),
    }
}

/// The dashboard's notice for the first change saved in this computer's own folder before
/// `init` (one line: what matters first, the file last).
pub fn saved_unshared_notice(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("已保存，仅在本机（同事看不到；共用请退出后运行 workplan init）：{file}")
        }
        Lang::En => {
            format!("saved here only, colleagues won't see it; to share run workplan init: {file}")
        }
    }
}

/// `init`'s offer to carry what was saved on this computer before into the chosen folder.
pub fn ask_carry(
    lang: Lang,
    n: usize,
    files: &[std::path::PathBuf],
    dir: &Path,
    name: &str,
) -> String {
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    match lang {
        Lang::Zh => format!(
            "本机此前保存的 {n} 条记录（{}）同事看不到。要把它们带到 {}，记在 {name} 名下吗？[Y/n] ",
            files.join("、"),
            dir.display()
        ),
        Lang::En => format!(
            "{} saved on this computer before ({}) colleagues cannot see. Carry them to {}, under {name}? [Y/n] ",
            super::counted(n, "change", "changes"),
            files.join(", "),
            dir.display()
        ),
    }
}

/// The earlier records carried: how many, into which file.
pub fn carried(lang: Lang, n: usize, file: &Path) -> String {
    match lang {
        Lang::Zh => format!(
            "已把本机此前的 {n} 条记录带到 {}（本机原文件保留，未改动）",
            file.display()
        ),
        Lang::En => format!(
            "carried {} saved on this computer before into {} (the files here are kept as they were)",
            super::counted(n, "change", "changes"),
            file.display()
        ),
    }
}

/// The earlier records left where they are.
pub fn not_carried(lang: Lang, local: &Path) -> String {
    match lang {
        Lang::Zh => format!(
            "本机此前的记录仍留在 {}，同事看不到；以后再运行 workplan init 还可以带过去",
            local.display()
        ),
        Lang::En => format!(
            "the changes saved before stay in {}, unseen by colleagues; run workplan init again to carry them over later",
            local.display()
        ),
    }
}

/// The earlier records were carried before (`init` run again): nothing written.
pub fn carried_before(lang: Lang, dir: &Path) -> String {
    match lang {
        Lang::Zh => format!("本机此前的记录已在 {} 中，不再重复写入", dir.display()),
        Lang::En => format!(
            "the changes saved on this computer before are already in {}; nothing written twice",
            dir.display()
        ),
    }
}
