//! The one place where keys and the mouse become [`Action`]s; the footer and help read it too.

use std::sync::LazyLock;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;
use crate::app::{Confirm, Mode, input::filter_choices};
use crate::i18n::Lang;
use crate::layout::Regions;
use crate::status::Status;

/// A key: its code and whether Ctrl is held (Shift is part of the character itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One line of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// How the keys are written in the footer and help, e.g. "↑/k". Bindings with no `keys`
    /// only document keys handled by a rule in [`map_key`] (digits, typing in a field).
    pub label: &'static str,
    pub keys: Vec<Key>,
    pub action: Action,
    /// What it does, in Chinese and English.
    pub zh: &'static str,
    pub en: &'static str,
    /// Shown in the footer (the help lists every binding).
    pub footer: bool,
}

impl Binding {
    /// What it does, in `lang`: the footer's hint and the help's row.
    pub fn what(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// Which table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Normal,
    Help,
    Warnings,
    Picker,
    Confirm,
    /// Quit while changes are unsaved: only y quits, any other key stays.
    ConfirmQuit,
    Field,
    Note,
    Meeting,
}

impl Table {
    /// The table for a mode.
    pub fn of(mode: &Mode) -> Table {
        match mode {
            Mode::Normal => Table::Normal,
            Mode::Help { .. } => Table::Help,
            Mode::Warnings { .. } => Table::Warnings,
            Mode::StatusPicker { .. } | Mode::FilterPicker { .. } | Mode::ExportPicker { .. } => {
                Table::Picker
            }
            Mode::Confirm(Confirm::Quit) => Table::ConfirmQuit,
            Mode::Confirm(_) => Table::Confirm,
            Mode::Field(f) if f.multiline() => Table::Note,
            Mode::Field(_) => Table::Field,
            Mode::Meeting { .. } => Table::Meeting,
        }
    }
}

fn b(
    label: &'static str,
    keys: &[Key],
    action: Action,
    zh: &'static str,
    en: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        label,
        keys: keys.to_vec(),
        action,
        zh,
        en,
        footer,
    }
}

#[rustfmt::skip]
static NORMAL: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![
        b("↑/k", &[key(Up), ch('k')], Action::Up, "上移", "up", false),
        b("↓/j", &[key(Down), ch('j')], Action::Down, "下移", "down", false),
        b("PgUp", &[key(PageUp)], Action::PageUp, "上一页", "page up", false),
        b("PgDn", &[key(PageDown)], Action::PageDown, "下一页", "page down", false),
        b("Home/g", &[key(Home), ch('g')], Action::Home, "到顶", "top", false),
        b("End/G", &[key(End), ch('G')], Action::End, "到底", "bottom", false),
        b("←/h", &[key(Left), ch('h')], Action::Collapse, "收起", "collapse", false),
        b("→/l", &[key(Right), ch('l')], Action::Expand, "展开", "expand", false),
        b("Enter", &[key(Enter)], Action::Toggle, "展开/收起", "toggle", false),
        b("Tab", &[key(Tab)], Action::ToggleFocus, "详情/目录切换", "detail/tree", false),
        b("1…6", &[], Action::JumpArea(1), "跳到领域", "jump to area", false),
        b("Space", &[ch(' ')], Action::CycleStatus, "切换状态", "cycle status", true),
        b("s", &[ch('s')], Action::OpenStatusPicker, "选状态", "status", true),
        b("+/-", &[ch('+'), ch('=')], Action::PercentUp, "完成率±10", "percent ±10", true),
        b("-", &[ch('-')], Action::PercentDown, "完成率-10", "percent -10", false),
        b("%", &[ch('%')], Action::OpenPercent, "输入完成率", "type percent", false),
        b("a", &[ch('a')], Action::AddNote, "写进展", "add note", true),
        b("o", &[ch('o')], Action::EditOwner, "责任部门", "owner", false),
        b("d", &[ch('d')], Action::EditDue, "完成时限", "due date", false),
        b("u", &[ch('u')], Action::Undo, "撤销", "undo", true),
        b("Ctrl-R", &[ctrl('r')], Action::Redo, "重做", "redo", false),
        b("/", &[ch('/')], Action::OpenSearch, "搜索", "search", true),
        b("n", &[ch('n')], Action::NextMatch, "下一个", "next match", false),
        b("N", &[ch('N')], Action::PrevMatch, "上一个", "previous match", false),
        b("f", &[ch('f')], Action::OpenFilter, "筛选", "filter", true),
        b("Esc", &[key(Esc)], Action::ClearFilter, "清除搜索/筛选", "clear search/filter", false),
        b("m", &[ch('m')], Action::OpenMeeting, "会议视图", "meeting view", true),
        b("e", &[ch('e')], Action::OpenExport, "导出台账", "export", false),
        b("M", &[ch('M')], Action::Checkpoint, "记录会议检查点", "meeting checkpoint", false),
        b("w", &[ch('w')], Action::ShowWarnings, "查看全部提示", "all warnings", false),
        b("?", &[ch('?')], Action::Help, "帮助", "help", true),
        b("q", &[ch('q'), ctrl('c')], Action::Quit, "退出", "quit", true),
    ]
});

#[rustfmt::skip]
static MEETING: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![
        b("←/→", &[key(Right), ch('l'), ch(' ')], Action::NextPage, "翻页", "page", true),
        b("←", &[key(Left), ch('h')], Action::PrevPage, "上一页", "previous page", false),
        b("Tab", &[key(Tab)], Action::ToggleFocus, "红黄灯/变化列表切换", "red and yellow/changes list", false),
        b("PgUp", &[key(PageUp)], Action::PageUp, "列表上翻", "list page up", false),
        b("PgDn", &[key(PageDown)], Action::PageDown, "列表下翻", "list page down", false),
        b("↑/k", &[key(Up), ch('k')], Action::Up, "列表上移一条", "list up", false),
        b("↓/j", &[key(Down), ch('j')], Action::Down, "列表下移一条", "list down", false),
        b("Home/g", &[key(Home), ch('g')], Action::Home, "列表到顶", "list top", false),
        b("End/G", &[key(End), ch('G')], Action::End, "列表到底", "list bottom", false),
        b("0…6", &[], Action::JumpArea(1), "跳页", "jump", true),
        b("M", &[ch('M')], Action::Checkpoint, "检查点", "checkpoint", true),
        b("[/]", &[ch('[')], Action::EarlierCheckpoint, "回看", "replay", true),
        b("]", &[ch(']')], Action::LaterCheckpoint, "回看下次会议", "replay the next meeting", false),
        b("o", &[ch('o')], Action::GroupByOwner, "按部门", "owners", true),
        b("w", &[ch('w')], Action::ShowWarnings, "全部提示", "all warnings", false),
        b("e", &[ch('e')], Action::OpenExport, "导出", "export", true),
        b("?", &[ch('?')], Action::Help, "帮助", "help", true),
        b("Esc/m", &[key(Esc), ch('m'), ch('q')], Action::Cancel, "返回", "back", true),
    ]
});

#[rustfmt::skip]
static HELP: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![b("Esc/?", &[key(Esc), ch('?'), ch('q'), key(Enter)], Action::Cancel, "关闭帮助", "close help", true)]
});

#[rustfmt::skip]
static WARNINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![b("Esc/w", &[key(Esc), ch('w'), ch('q'), key(Enter)], Action::Cancel, "关闭", "close", true)]
});

#[rustfmt::skip]
static PICKER: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![
        b("↑/↓", &[key(Up), ch('k')], Action::PickerUp, "选择", "move", true),
        b("↓", &[key(Down), ch('j')], Action::PickerDown, "下移", "down", false),
        b("Enter", &[key(Enter)], Action::Submit, "确定", "choose", true),
        b("Esc", &[key(Esc), ch('q')], Action::Cancel, "取消", "cancel", true),
    ]
});

#[rustfmt::skip]
static CONFIRM: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![
        b("y/Enter", &[ch('y'), ch('Y'), key(Enter)], Action::Submit, "确定", "yes", true),
        b("n/Esc", &[ch('n'), ch('N'), key(Esc)], Action::Cancel, "取消", "no", true),
    ]
});

#[rustfmt::skip]
static CONFIRM_QUIT: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![
        b("y", &[ch('y'), ch('Y')], Action::Submit, "仍然退出", "quit anyway", true),
        b("n/Esc", &[ch('n'), ch('N'), key(Esc)], Action::Cancel, "留下（其他键亦可）", "stay (or any other key)", true),
    ]
});

#[rustfmt::skip]
static FIELD: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![
        b("Enter", &[key(Enter), ctrl('s')], Action::Submit, "确定", "OK", true),
        b("Esc", &[key(Esc)], Action::Cancel, "取消", "cancel", true),
        b("↑", &[key(Up)], Action::PickerUp, "上一个建议", "previous suggestion", false),
        b("↓", &[key(Down)], Action::PickerDown, "选已有部门", "pick one already used", false),
    ]
});

#[rustfmt::skip]
static NOTE: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use KeyCode::*;
    vec![
        b("Ctrl-S", &[ctrl('s')], Action::Submit, "保存", "save", true),
        b("Enter", &[], Action::Cancel, "换行", "new line", true),
        b("Esc", &[key(Esc)], Action::Cancel, "取消", "cancel", true),
    ]
});

/// The bindings of a table.
pub fn bindings(table: Table) -> &'static [Binding] {
    match table {
        Table::Normal => &NORMAL,
        Table::Help => &HELP,
        Table::Warnings => &WARNINGS,
        Table::Picker => &PICKER,
        Table::Confirm => &CONFIRM,
        Table::ConfirmQuit => &CONFIRM_QUIT,
        Table::Meeting => &MEETING,
        Table::Field => &FIELD,
        Table::Note => &NOTE,
    }
}

/// The footer's hints for a mode: (keys, what they do).
pub fn hints(mode: &Mode, lang: Lang) -> Vec<(&'static str, &'static str)> {
    bindings(Table::of(mode))
        .iter()
        .filter(|b| b.footer)
        .map(|b| (b.label, b.what(lang)))
        .collect()
}

/// The action for a terminal event in the current mode, if any.
pub fn map_event(mode: &Mode, regions: &Regions, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) => map_key(mode, *k),
        Event::Mouse(m) if matches!(mode, Mode::Normal) => map_mouse(regions, *m),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// The action for a key press in the current mode. Releases and repeats of releases are ignored.
pub fn map_key(mode: &Mode, k: KeyEvent) -> Option<Action> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let pressed = Key {
        code: k.code,
        ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
    };
    let table = Table::of(mode);
    if let Some(b) = bindings(table).iter().find(|b| b.keys.contains(&pressed)) {
        return Some(b.action.clone());
    }
    match (table, pressed.code, pressed.ctrl) {
        (Table::Normal | Table::Meeting, KeyCode::Char(c @ '0'..='9'), false) => {
            c.to_digit(10).map(|d| Action::JumpArea(d as usize))
        }
        (Table::Picker, KeyCode::Char(c @ '1'..='9'), false) => {
            let max = match mode {
                Mode::StatusPicker { .. } => Status::ALL.len(),
                Mode::ExportPicker { .. } => crate::export::FORMATS.len(),
                _ => filter_choices().len(),
            };
            let i = c.to_digit(10)? as usize - 1;
            (i < max).then_some(Action::PickerChoose(i))
        }
        (Table::Field | Table::Note, _, _) => Some(Action::Type(k.into())),
        (Table::ConfirmQuit, _, _) => Some(Action::Cancel),
        _ => None,
    }
}

/// The action for a mouse event on the dashboard.
pub fn map_mouse(regions: &Regions, m: MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            regions.tree_row_at(m.column, m.row).map(Action::ClickRow)
        }
        MouseEventKind::ScrollUp if regions.detail.contains((m.column, m.row).into()) => {
            Some(Action::DetailScrollUp)
        }
        MouseEventKind::ScrollDown if regions.detail.contains((m.column, m.row).into()) => {
            Some(Action::DetailScrollDown)
        }
        MouseEventKind::ScrollUp => Some(Action::ScrollUp),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown),
        _ => None,
    }
}
