//! The yardstick: the least a ratatui program does to show a dashboard-sized frame. Raw mode
//! and the alternate screen (`ratatui::init`), one frame of the whole terminal with a bordered
//! block and a footer line, then nothing until `q`, and the terminal restored.

use ratatui::crossterm::event::{self, Event, KeyCode};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

/// The footer's text; the frame is whole once it is on screen.
pub const FOOTER: &str = " ? 帮助  m 会议视图  q 退出  Space 切换状态  s 选状态";

/// Runs the bare program in the current terminal.
pub fn run() {
    let mut terminal = ratatui::init();
    terminal
        .draw(|frame| {
            let [body, footer] = frame.area().layout(&Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(1),
            ]));
            frame.render_widget(
                Paragraph::new("新江湾城街道2023年主要工作安排")
                    .block(Block::bordered().title(" 工作安排 ")),
                body,
            );
            frame.render_widget(Line::raw(FOOTER), footer);
        })
        .unwrap();
    loop {
        match event::read() {
            Ok(Event::Key(k)) if k.code == KeyCode::Char('q') => break,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    ratatui::restore();
}
