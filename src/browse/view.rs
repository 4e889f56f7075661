//! Drawing the browse screen from its state: the query line, the ranked hits, the selected
//! duty in full, and the status line. Pure: tests draw into ratatui's test backend.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::state::{Focus, State};
use crate::output::{numeral_mark, runs};
use crate::sanitize::for_terminal;
use crate::search::{ClauseMatch, Hit, Kind};

/// The smallest screen browse draws on.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// How things stand out: in colour, or (with `NO_COLOR` or `--color never`) by reverse video
/// and underline, so the screen stays usable.
#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub color: bool,
}

impl Styles {
    fn matched(self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    fn selected(self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    fn concept(self) -> Style {
        if self.color { Style::new().fg(Color::Cyan) } else { Style::new().add_modifier(Modifier::ITALIC) }
    }

    fn dim(self) -> Style {
        if self.color { Style::new().fg(Color::Gray) } else { Style::new() }
    }

    fn border(self, focused: bool) -> Style {
        match (self.color, focused) {
            (true, true) => Style::new().fg(Color::Cyan),
            (false, true) => Style::new().add_modifier(Modifier::BOLD),
            (_, false) => Style::new(),
        }
    }
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame<'_>, state: &mut State<'_>, styles: Styles) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let notice = format!("ncstb browse needs at least {MIN_WIDTH}×{MIN_HEIGHT}");
        frame.render_widget(Paragraph::new(notice), Rect { height: 1, ..area });
        return;
    }
    let [top, middle, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    draw_query(frame, state, top);
    // Side by side when wide enough, the duty under the hits otherwise.
    let direction = if area.width >= 100 { Direction::Horizontal } else { Direction::Vertical };
    let [hits, duty] = Layout::default()
        .direction(direction)
        .constraints([Constraint::Percentage(50), Constraint::Percentage(50)])
        .areas(middle);
    draw_hits(frame, state, styles, hits);
    draw_duty(frame, state, styles, duty);
    draw_status(frame, state, bottom);
    if state.help {
        draw_help(frame, middle);
    }
}

fn draw_query(frame: &mut Frame<'_>, state: &State<'_>, area: Rect) {
    const PROMPT: &str = "search: ";
    let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    // Each character as shown (escaped where it must be), and the cursor's place among them.
    let shown: Vec<String> =
        state.query().chars().map(|c| for_terminal(c.encode_utf8(&mut [0; 4])).into_owned()).collect();
    let room = usize::from(area.width).saturating_sub(width(PROMPT) + 1);
    // A query wider than the line scrolls, to keep the cursor on screen: "…" marks what is cut.
    let (mut first, mut before) = (0, shown[..state.cursor()].iter().map(|c| width(c)).sum::<usize>());
    while first < state.cursor() && before + usize::from(first > 0) > room {
        before -= width(&shown[first]);
        first += 1;
    }
    let lead = if first > 0 { "…" } else { "" };
    let line = format!("{PROMPT}{lead}{}", shown[first..].concat());
    frame.render_widget(Paragraph::new(line), area);
    let column =
        width(PROMPT) + width(lead) + shown[first..state.cursor()].iter().map(|c| width(c)).sum::<usize>();
    let x =
        area.x.saturating_add(u16::try_from(column).unwrap_or(u16::MAX)).min(area.right().saturating_sub(1));
    frame.set_cursor_position(Position { x, y: area.y });
}

fn draw_hits(frame: &mut Frame<'_>, state: &mut State<'_>, styles: Styles, area: Rect) {
    // A hit takes two rows: a page is half the rows inside the border. Only the hits on screen
    // are made into rows: with an empty query, every duty of a large dataset is listed.
    let inner = usize::from(area.height.saturating_sub(2)).max(1);
    state.page = (inner / 2).max(1);
    // The first hit shown: the selection in view, and no rows left empty past the last hit.
    let rows = |hit: &Hit<'_>| if hit.matches.is_empty() { 1 } else { 2 };
    let mut fill_from = state.hits.len();
    let mut filled = 0;
    while fill_from > 0 && filled + rows(&state.hits[fill_from - 1]) <= inner {
        fill_from -= 1;
        filled += rows(&state.hits[fill_from]);
    }
    state.offset = state.offset.min(state.selected).min(fill_from);
    let mut above =
        state.hits.get(state.offset..=state.selected).map_or(0, |shown| shown.iter().map(rows).sum());
    while state.offset < state.selected && above > inner {
        above -= rows(&state.hits[state.offset]);
        state.offset += 1;
    }
    let several = state.several_agencies;
    // Rows of one line (duties with no match) fit twice as many: the list shows what fits.
    let shown = state.hits.iter().skip(state.offset).take(inner);
    let items: Vec<ListItem<'_>> = shown
        .map(|hit| {
            let numeral = hit.agency.numeral_of_duty(hit.duty);
            let label =
                if several { format!("{}:{numeral}", hit.agency.id.as_str()) } else { numeral.into_owned() };
            let title = hit.duty.title.as_ref().map_or("", |title| title.as_str());
            let mut lines = vec![Line::from(vec![
                Span::raw(format!("{:>5} ", for_terminal(&label))),
                Span::raw(for_terminal(title).into_owned()),
            ])];
            if let Some(best) = hit.matches.first() {
                let mut spans = vec![Span::raw("      ")];
                // The concept first, where a row too narrow for the clause still shows it.
                if let Some(concept) = concept_of(best) {
                    spans.push(Span::styled(format!("→ {}: ", for_terminal(&concept)), styles.concept()));
                }
                // The clause from a little before its first match: the row shows the match.
                let (text, shifted, cut) = from_first_match(best.text, &best.spans);
                if cut {
                    spans.push(Span::styled("…", styles.dim()));
                }
                spans.extend(highlighted(text, &shifted, styles, styles.dim()));
                lines.push(Line::from(spans));
            }
            ListItem::new(Text::from(lines))
        })
        .collect();
    let title = match state.hits.len() {
        _ if state.answered.trim().is_empty() => " duties ".to_string(),
        1 => " 1 hit ".to_string(),
        n => format!(" {n} hits "),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(styles.border(state.focus == Focus::Hits));
    // While a newer query is searched, the hits of the last answer are dimmed.
    let list = List::new(items)
        .block(block)
        .style(if state.searching { Style::new().add_modifier(Modifier::DIM) } else { Style::new() })
        .highlight_style(styles.selected())
        .highlight_symbol("▌");
    let selected = (!state.hits.is_empty()).then(|| state.selected - state.offset);
    let mut list_state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, area, &mut list_state);
}

fn draw_duty(frame: &mut Frame<'_>, state: &State<'_>, styles: Styles, area: Rect) {
    let block =
        Block::default().borders(Borders::ALL).border_style(styles.border(state.focus == Focus::Duty));
    let Some(hit) = state.selected_hit() else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let numeral = hit.agency.numeral_of_duty(hit.duty);
    let heading = match &hit.duty.title {
        Some(title) => {
            format!(" {}{}{} ", for_terminal(&numeral), numeral_mark(hit.agency), for_terminal(title))
        }
        None => format!(" {} ", for_terminal(&numeral)),
    };
    let block = block.title(heading);
    let lines: Vec<Line<'_>> = hit
        .duty
        .clauses()
        .enumerate()
        .map(|(i, clause)| {
            // A no-break space keeps the number with a clause that has no spaces (Chinese).
            let mut spans = vec![Span::raw(format!("{}.\u{a0}", i + 1))];
            match hit.matches.iter().find(|m| m.clause == i + 1) {
                Some(found) => spans.extend(highlighted(clause, &found.spans, styles, Style::new())),
                None => spans.push(Span::raw(for_terminal(clause).into_owned())),
            }
            Line::from(spans)
        })
        .collect();
    let paragraph = Paragraph::new(Text::from(lines))
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((state.duty_scroll, 0));
    frame.render_widget(paragraph, area);
}

fn draw_status(frame: &mut Frame<'_>, state: &State<'_>, area: Rect) {
    let agency = match state.hits.first().or(state.selected_hit()) {
        Some(hit) if !state.with_agency => hit.agency.name.as_str().to_string(),
        Some(hit) => hit.agency.id.as_str().to_string(),
        None => String::new(),
    };
    let count = match (&state.note, state.searching) {
        (_, true) => "searching…".to_string(),
        (Some(note), false) => note.clone(),
        (None, false) if state.answered.trim().is_empty() => format!("{} duties", state.hits.len()),
        (None, false) => match state.hits.len() {
            1 => "1 hit".to_string(),
            n => format!("{n} hits"),
        },
    };
    let keys = match state.focus {
        Focus::Hits => "Enter print · Esc quit · ↑↓ select · Tab duty · ? keys",
        Focus::Duty => "Enter print · Esc quit · ↑↓ scroll · Tab hits · ? keys",
    };
    // What matters most first: a narrow screen cuts the end.
    let line = [for_terminal(&count).into_owned(), for_terminal(&agency).into_owned(), keys.to_string()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    frame.render_widget(Paragraph::new(line).style(Style::new().add_modifier(Modifier::REVERSED)), area);
}

/// The keys, over the middle of the screen.
fn draw_help(frame: &mut Frame<'_>, area: Rect) {
    const KEYS: [(&str, &str); 10] = [
        ("typing", "search as you type"),
        ("Backspace, Ctrl-W, Ctrl-U", "delete a letter, a word, all"),
        ("Left, Right, Home, End", "move in the query"),
        ("Up, Down, Ctrl-P, Ctrl-N", "select a hit"),
        ("PageUp, PageDown", "a page of hits"),
        ("Tab", "scroll the duty instead (and back)"),
        ("Enter", "print the duty's reference and quit"),
        ("Esc, Ctrl-C", "quit, printing nothing"),
        ("?", "these keys (any key closes)"),
        ("", "ncstb show $(ncstb browse) shows the duty chosen"),
    ];
    let lines: Vec<Line<'_>> = KEYS
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!("{key:>26}  "), Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(*what),
            ])
        })
        .collect();
    let width = area.width.min(78);
    let height = area.height.min(KEYS.len() as u16 + 2);
    let popup =
        Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(Text::from(lines)).block(Block::default().borders(Borders::ALL).title(" keys ")),
        popup,
    );
}

/// `text` as spans, the character ranges `spans` in the matched style, the rest in `rest`.
fn highlighted<'t>(text: &'t str, spans: &[(usize, usize)], styles: Styles, rest: Style) -> Vec<Span<'t>> {
    runs(text, spans)
        .into_iter()
        .map(|(run, mark)| {
            Span::styled(for_terminal(run).into_owned(), if mark { styles.matched() } else { rest })
        })
        .collect()
}

/// Characters shown before a clause's first match, when the clause is cut to show it.
const LEAD: usize = 24;

/// `text` from a little before its first matched character range (and the ranges moved so),
/// and whether its start was cut.
fn from_first_match<'t>(text: &'t str, spans: &[(usize, usize)]) -> (&'t str, Vec<(usize, usize)>, bool) {
    let first = spans.iter().map(|&(start, _)| start).min().unwrap_or(0);
    if first <= LEAD {
        return (text, spans.to_vec(), false);
    }
    // Start at the first word that begins after the lead's start.
    let chars: Vec<char> = text.chars().collect();
    let mut start = first - LEAD;
    while start < first && !chars.get(start.wrapping_sub(1)).is_some_and(|c| c.is_whitespace()) {
        start += 1;
    }
    // Text without spaces (Chinese) is cut anywhere.
    if start == first {
        start = first - LEAD / 2;
    }
    let byte = text.char_indices().nth(start).map_or(text.len(), |(byte, _)| byte);
    let shifted = spans.iter().map(|&(a, b)| (a.saturating_sub(start), b.saturating_sub(start))).collect();
    (&text[byte..], shifted, true)
}

/// The concept a clause matched through, for "→ concept".
fn concept_of(found: &ClauseMatch<'_>) -> Option<String> {
    found
        .terms
        .iter()
        .find(|term| matches!(term.kind, Kind::Concept { .. }))
        .and_then(|term| term.via.as_deref().map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::browse::state::State;
    use crate::dataset::Dataset;
    use crate::search::{Options, Strictness, search};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;

    /// The screen's text, a line per row, trailing spaces cut.
    fn text_of(buffer: &Buffer) -> String {
        let area = buffer.area;
        let mut text = String::new();
        for y in 0..area.height {
            let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }

    /// Compares with `tests/cli/golden/NAME`; `BLESS=1 cargo test` rewrites it.
    fn assert_golden(name: &str, actual: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/golden").join(name);
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, actual).unwrap();
            return;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(expected == actual, "screen differs from {name} (BLESS=1 cargo test rewrites it)\n{actual}");
    }

    /// The screen over the embedded data after `query` was searched, `width`×`height`.
    fn screen(
        query: &str,
        width: u16,
        height: u16,
        color: bool,
        setup: impl FnOnce(&mut State<'_>),
    ) -> Buffer {
        let dataset = Dataset::embedded().unwrap();
        let duties = dataset.duties();
        let mut state = State::new(&duties, query, false);
        if let Some(generation) = state.ask() {
            let options = Options { limit: 200, strictness: Strictness::default(), all_words: false };
            let answer = search(&duties, &[query.to_string()], &options);
            state.answer(generation, query.to_string(), answer);
        }
        setup(&mut state);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| render(frame, &mut state, Styles { color })).unwrap();
        terminal.backend().buffer().clone()
    }

    #[test]
    fn screens_match_their_goldens() {
        assert_golden("browse-talnet-120x20.txt", &text_of(&screen("talnet", 120, 20, true, |_| {})));
        assert_golden("browse-patents-60x16.txt", &text_of(&screen("patents", 60, 16, true, |_| {})));
        assert_golden("browse-empty-40x10.txt", &text_of(&screen("", 40, 10, true, |_| {})));
        assert_golden(
            "browse-keys-80x24.txt",
            &text_of(&screen("science", 80, 24, false, |state| state.help = true)),
        );
        assert_golden("browse-nothing-60x12.txt", &text_of(&screen("zzqxv", 60, 12, true, |_| {})));
    }

    #[test]
    fn a_screen_below_40_by_10_is_one_line_saying_so() {
        let text = text_of(&screen("talent", 39, 10, true, |_| {}));
        assert_eq!(text.lines().next().unwrap(), "ncstb browse needs at least 40×10");
        assert!(text.lines().skip(1).all(str::is_empty));
        let text = text_of(&screen("talent", 80, 9, true, |_| {}));
        assert_eq!(text.lines().next().unwrap(), "ncstb browse needs at least 40×10");
    }

    /// The list never scrolls past its last hit, and the selection stays in view.
    #[test]
    fn the_list_keeps_the_selection_in_view_and_no_empty_rows_below() {
        for selected in [0, 5, 9, 10] {
            let text = text_of(&screen("", 99, 20, true, |state| state.selected = selected));
            let rows: Vec<&str> = text.lines().skip(2).take(7).collect();
            assert!(rows.iter().all(|row| row.trim_start_matches('│').trim() != ""), "{selected}:\n{text}");
            assert_eq!(rows.iter().filter(|row| row.contains('▌')).count(), 1, "{selected}:\n{text}");
        }
    }

    /// A query wider than its line scrolls: its end and the cursor stay on screen.
    #[test]
    fn a_long_query_scrolls_to_keep_the_cursor_on_screen() {
        let query = "science technology talent policy ".repeat(4) + "zebra";
        let text = text_of(&screen(&query, 60, 12, true, |_| {}));
        let line = text.lines().next().unwrap();
        assert!(line.starts_with("search: …") && line.ends_with("zebra"), "{line}");
    }

    /// Without colour, matches stand out by underline and the selection by reverse video; with
    /// colour, by colour.
    #[test]
    fn matches_stand_out_with_or_without_colour() {
        for color in [false, true] {
            let buffer = screen("talnet", 120, 20, color, |_| {});
            let text = text_of(&buffer);
            let row = text.lines().position(|line| line.contains("S&T talent resources,")).unwrap();
            let column = text.lines().nth(row).unwrap().find("talent resources,").unwrap();
            let column = text.lines().nth(row).unwrap()[..column].chars().count() as u16;
            let cell = &buffer[(column, row as u16)];
            if color {
                assert_eq!(cell.fg, Color::Yellow);
            } else {
                assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
                assert_eq!(cell.fg, Color::Reset);
                let selected = &buffer[(3, 2)];
                assert!(selected.modifier.contains(Modifier::REVERSED), "{selected:?}");
            }
        }
    }
}
