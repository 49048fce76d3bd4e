//! Text fields: opening one, typing and pasting into it, and acting on what was typed.

use super::{App, Field, FieldKind, Filter, Mode, input};
use crate::action::Action;
use crate::edit::SetRequest;

impl App {
    pub(super) fn open_field(&mut self, kind: FieldKind, initial: &str) {
        let needs_node = !matches!(
            kind,
            FieldKind::Search
                | FieldKind::FilterOwner
                | FieldKind::CheckpointTitle
                | FieldKind::ExportFolder(_)
        );
        if needs_node && self.selected().is_none() {
            return;
        }
        self.mode = Mode::Field(Box::new(Field::new(kind, initial)));
    }

    pub(super) fn field(&mut self, action: Action, mut f: Box<Field>) {
        match action {
            // A note with text in it asks before it is thrown away.
            Action::Cancel if f.kind == FieldKind::Note && !f.text().trim().is_empty() => {
                self.mode = Mode::Confirm(super::Confirm::Discard(f));
                return;
            }
            Action::Cancel => {
                if let Some(page) = f.back {
                    self.mode = Mode::Meeting { page };
                }
                return;
            }
            Action::PickerUp | Action::PickerDown if f.suggests_owners() => {
                let n = self.owner_suggestions(&f.owner_query()).len();
                f.pick = match (action, f.pick) {
                    (_, _) if n == 0 => None,
                    (Action::PickerDown, None) => Some(0),
                    (Action::PickerDown, Some(i)) => Some((i + 1).min(n - 1)),
                    (_, Some(0) | None) => None,
                    (_, Some(i)) => Some(i - 1),
                };
            }
            Action::Submit if self.submit_field(&mut f) => return,
            Action::Submit => {}
            Action::Type(input) => {
                use ratatui_textarea::Key;
                match (input.key, input.ctrl, input.alt) {
                    // As in a shell: Ctrl-U clears what is before the cursor on its line (the
                    // editor's own binding undoes); Ctrl-Z undoes, as everywhere on Windows.
                    (Key::Char('u'), true, false) => {
                        f.input.delete_line_by_head();
                    }
                    (Key::Char('z'), true, false) => {
                        f.input.undo();
                    }
                    _ => {
                        f.input.input(input);
                    }
                }
                f.error = None;
                f.pick = None;
            }
            Action::Paste(text) => {
                let text = if f.multiline() {
                    text.replace("\r\n", "\n").replace('\r', "\n")
                } else {
                    text.replace(['\r', '\n'], " ")
                };
                f.input.insert_str(text);
                f.error = None;
            }
            _ => {}
        }
        self.mode = Mode::Field(f);
    }

    /// The departments already named in the plan and the journal that contain `typed`, the most
    /// used first: offered where an owner is typed, so that one department is spelt one way.
    pub fn owner_suggestions(&self, typed: &str) -> Vec<String> {
        let typed = typed.trim();
        let mut counts: Vec<(String, usize)> = Vec::new();
        for s in &self.session.progress.nodes {
            let Some(o) = s.owner.as_deref().filter(|o| o.contains(typed)) else {
                continue;
            };
            match counts.iter_mut().find(|(x, _)| x == o) {
                Some((_, n)) => *n += 1,
                None => counts.push((o.to_string(), 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts.into_iter().map(|(o, _)| o).collect()
    }

    /// Acts on a field's text; `false` keeps the field open (with an error when the text is bad).
    fn submit_field(&mut self, f: &mut Field) -> bool {
        let picked = f
            .pick
            .and_then(|i| self.owner_suggestions(&f.owner_query()).into_iter().nth(i));
        let text = picked.unwrap_or_else(|| f.text());
        let lang = self.lang;
        let request = match f.kind {
            FieldKind::Search => {
                self.set_search(text.trim());
                return true;
            }
            FieldKind::FilterOwner => {
                let o = text.trim();
                self.set_filter((!o.is_empty()).then(|| Filter::Owner(o.to_string())));
                return true;
            }
            FieldKind::CheckpointTitle => {
                let title = text.trim();
                self.checkpoint(f.back, (!title.is_empty()).then(|| title.to_string()));
                return true;
            }
            FieldKind::ExportFolder(format) => {
                let folder = match text.trim() {
                    "" => self.export_dir.clone(),
                    t => std::path::PathBuf::from(t),
                };
                if !folder.is_dir() {
                    f.error = Some(crate::i18n::no_such_folder(lang, &folder));
                    return false;
                }
                self.export(format, f.back, &folder);
                return true;
            }
            FieldKind::Note if text.trim().is_empty() => return true,
            FieldKind::Note => SetRequest {
                note: Some(text.trim_end().to_string()),
                ..SetRequest::default()
            },
            FieldKind::Owner => SetRequest {
                owner: Some(text.trim().to_string()),
                ..SetRequest::default()
            },
            FieldKind::Percent => match input::parse_percent(lang, &text) {
                Ok(p) => SetRequest {
                    percent: Some(p),
                    ..SetRequest::default()
                },
                Err(e) => {
                    f.error = Some(e);
                    return false;
                }
            },
            FieldKind::Due => match input::parse_due(lang, &text, self.session.plan.plan.year) {
                Ok(d) => {
                    // A date far from the plan's year is asked about once: Enter again keeps it.
                    let year = self.session.plan.plan.year;
                    if (i32::from(d.year()) - year).abs() > 1 {
                        let warning = crate::i18n::far_due(lang, d, year, true);
                        if f.error.as_deref() != Some(warning.as_str()) {
                            f.error = Some(warning);
                            return false;
                        }
                    }
                    SetRequest {
                        due: Some(d),
                        ..SetRequest::default()
                    }
                }
                Err(e) => {
                    f.error = Some(e);
                    return false;
                }
            },
        };
        // Kept until the change is written: a refusal opens the field again, text and all.
        self.draft = Some(Box::new(f.clone()));
        self.request_set(request);
        true
    }
}
