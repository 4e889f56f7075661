//! What the browse screen shows and how keys change it: no terminal here, so all of it is
//! tested directly.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::dataset::DutyRef;
use crate::error::UsageError;
use crate::search::{Hit, Results};

/// Which pane the arrow keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Hits,
    Duty,
}

/// What a key asks of the loop around the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Nothing beyond drawing again.
    Redraw,
    /// The query changed: search again.
    Search,
    /// Print this duty's reference and end (exit 0).
    Accept(String),
    /// End with nothing printed (exit 1).
    Quit,
}

/// The screen's state: the query being typed, the hits of the last search, the selection.
pub struct State<'d> {
    /// The query, as characters, and the cursor's place among them.
    query: Vec<char>,
    cursor: usize,
    /// What is listed: the hits of the query shown, or every duty while the query is empty.
    pub hits: Vec<Hit<'d>>,
    pub selected: usize,
    /// The first hit on screen.
    pub offset: usize,
    pub focus: Focus,
    /// How far the duty pane is scrolled, in lines.
    pub duty_scroll: u16,
    pub help: bool,
    /// The query the hits answer, and whether a newer one is being searched.
    pub answered: String,
    pub searching: bool,
    /// Why the query cannot run ("unbalanced quote…"), or what matched nothing.
    pub note: Option<String>,
    /// The number of the last search asked for: answers to older ones are stale.
    pub generation: u64,
    /// Rows a page of the hits list holds, from the last drawing.
    pub page: usize,
    /// Every duty, shown while the query is empty.
    all: Vec<Hit<'d>>,
    /// References name the agency (`agency:number`) unless the data is the embedded dataset.
    pub with_agency: bool,
    /// The duties are of several agencies: rows name theirs.
    pub several_agencies: bool,
    /// Enter was pressed while a search ran: it chooses once the answer is in.
    enter_pending: bool,
}

impl<'d> State<'d> {
    pub fn new(duties: &[DutyRef<'d>], query: &str, with_agency: bool) -> Self {
        let all: Vec<Hit<'d>> = duties
            .iter()
            .map(|&(agency, duty)| Hit { agency, duty, score: 0.0, partial: false, matches: Vec::new() })
            .collect();
        let query: Vec<char> = query.chars().collect();
        State {
            cursor: query.len(),
            query,
            hits: all.clone(),
            selected: 0,
            offset: 0,
            focus: Focus::Hits,
            duty_scroll: 0,
            help: false,
            answered: String::new(),
            searching: false,
            note: None,
            generation: 0,
            page: 10,
            several_agencies: duties.windows(2).any(|pair| !std::ptr::eq(pair[0].0, pair[1].0)),
            enter_pending: false,
            all,
            with_agency,
        }
    }

    pub fn query(&self) -> String {
        self.query.iter().collect()
    }

    /// The cursor's place in the query, in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn selected_hit(&self) -> Option<&Hit<'d>> {
        self.hits.get(self.selected)
    }

    /// Marks a new search as asked for and returns its number; an empty query lists every duty
    /// at once and needs none.
    pub fn ask(&mut self) -> Option<u64> {
        self.generation += 1;
        if self.query.iter().all(|c| c.is_whitespace()) {
            self.show(self.all.clone(), String::new(), None);
            self.searching = false;
            return None;
        }
        self.searching = true;
        Some(self.generation)
    }

    /// Takes in the answer to search `generation`, unless a newer one was asked for since.
    /// Returns what an Enter pressed while the search ran asks, now that its hits are known.
    pub fn answer(
        &mut self,
        generation: u64,
        query: String,
        answer: Result<Results<'d>, UsageError>,
    ) -> Option<Action> {
        if generation != self.generation {
            return None;
        }
        self.searching = false;
        match answer {
            Ok(results) if results.hits.is_empty() => {
                let words = [query.clone()];
                let note = crate::output::no_match_note(&words, &results.suggestions, &results.unmatched);
                self.show(Vec::new(), query, Some(note));
            }
            Ok(results) => self.show(results.hits, query, None),
            Err(error) => self.show(Vec::new(), query, Some(error.to_string())),
        }
        // An Enter typed ahead of the answer chooses from it, not from the hits it replaced.
        std::mem::take(&mut self.enter_pending)
            .then(|| self.reference().map_or(Action::Redraw, Action::Accept))
    }

    /// Text pasted: typed into the query, its line breaks as spaces.
    pub fn paste(&mut self, text: &str) -> Action {
        self.help = false;
        let text: Vec<char> = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        self.edit(|query, cursor| {
            query.splice(cursor..cursor, text.iter().copied());
            cursor + text.len()
        })
    }

    fn show(&mut self, hits: Vec<Hit<'d>>, answered: String, note: Option<String>) {
        self.hits = hits;
        self.answered = answered;
        self.note = note;
        self.selected = 0;
        self.offset = 0;
        self.duty_scroll = 0;
    }

    /// The selected duty's reference, as `ncstb show` takes it.
    fn reference(&self) -> Option<String> {
        let hit = self.selected_hit()?;
        Some(if self.with_agency {
            format!("{}:{}", hit.agency.id.as_str(), hit.duty.number)
        } else {
            hit.duty.number.to_string()
        })
    }

    /// What `key` does.
    pub fn handle(&mut self, key: KeyEvent) -> Action {
        if key.kind == KeyEventKind::Release {
            return Action::Redraw;
        }
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        // Ctrl-H is Backspace on some terminals.
        let key = match key.code {
            KeyCode::Char('h') if control => {
                KeyEvent { code: KeyCode::Backspace, modifiers: KeyModifiers::NONE, ..key }
            }
            _ => key,
        };
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        // Any key closes the keys; Esc and `?` do nothing more, the others what they do.
        if std::mem::take(&mut self.help) && matches!(key.code, KeyCode::Esc | KeyCode::Char('?')) {
            return Action::Redraw;
        }
        match key.code {
            KeyCode::Esc => Action::Quit,
            KeyCode::Char('c' | 'd') if control => Action::Quit,
            KeyCode::Enter if self.searching => {
                self.enter_pending = true;
                Action::Redraw
            }
            KeyCode::Enter => self.reference().map_or(Action::Redraw, Action::Accept),
            KeyCode::Tab | KeyCode::BackTab => {
                self.focus = if self.focus == Focus::Hits { Focus::Duty } else { Focus::Hits };
                Action::Redraw
            }
            KeyCode::Up => self.move_by(-1),
            KeyCode::Down => self.move_by(1),
            KeyCode::Char('p') if control => self.move_by(-1),
            KeyCode::Char('n') if control => self.move_by(1),
            KeyCode::PageUp => self.move_by(-(self.page.max(1) as i64)),
            KeyCode::PageDown => self.move_by(self.page.max(1) as i64),
            KeyCode::Char('w') if control => self.edit(|query, cursor| {
                let mut start = cursor;
                while start > 0 && query[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !query[start - 1].is_whitespace() {
                    start -= 1;
                }
                query.drain(start..cursor);
                start
            }),
            KeyCode::Char('u') if control => self.edit(|query, cursor| {
                query.drain(..cursor);
                0
            }),
            KeyCode::Char('a') if control => self.place(0),
            KeyCode::Char('e') if control => self.place(self.query.len()),
            KeyCode::Home => self.place(0),
            KeyCode::End => self.place(self.query.len()),
            KeyCode::Left => self.place(self.cursor.saturating_sub(1)),
            KeyCode::Right => self.place((self.cursor + 1).min(self.query.len())),
            KeyCode::Backspace => self.edit(|query, cursor| {
                if cursor == 0 {
                    return 0;
                }
                query.remove(cursor - 1);
                cursor - 1
            }),
            KeyCode::Delete => self.edit(|query, cursor| {
                if cursor < query.len() {
                    query.remove(cursor);
                }
                cursor
            }),
            // With nothing typed yet, `?` shows the keys (and after, it is punctuation, which a
            // search passes over).
            KeyCode::Char('?') if self.query.is_empty() => {
                self.help = true;
                Action::Redraw
            }
            KeyCode::Char(c) if !control && !key.modifiers.contains(KeyModifiers::ALT) && !c.is_control() => {
                self.edit(|query, cursor| {
                    query.insert(cursor, c);
                    cursor + 1
                })
            }
            _ => Action::Redraw,
        }
    }

    /// Moves the selection (or scrolls the duty, when it has the focus) by `step` rows.
    fn move_by(&mut self, step: i64) -> Action {
        match self.focus {
            Focus::Hits => {
                let last = self.hits.len().saturating_sub(1) as i64;
                self.selected = (self.selected as i64 + step).clamp(0, last.max(0)) as usize;
                self.duty_scroll = 0;
            }
            Focus::Duty => {
                let scroll = (i64::from(self.duty_scroll) + step).clamp(0, i64::from(u16::MAX));
                self.duty_scroll = scroll as u16;
            }
        }
        Action::Redraw
    }

    fn place(&mut self, cursor: usize) -> Action {
        self.cursor = cursor;
        Action::Redraw
    }

    /// Changes the query; a search follows when it changed.
    fn edit(&mut self, change: impl FnOnce(&mut Vec<char>, usize) -> usize) -> Action {
        let before = self.query.clone();
        self.cursor = change(&mut self.query, self.cursor).min(self.query.len());
        if self.query == before {
            return Action::Redraw;
        }
        // A changed query is searched again: an Enter typed for the one before is dropped.
        self.enter_pending = false;
        Action::Search
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use ratatui::crossterm::event::KeyEventState;

    pub(crate) fn key(code: KeyCode) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    pub(crate) fn control(c: char) -> KeyEvent {
        KeyEvent { modifiers: KeyModifiers::CONTROL, ..key(KeyCode::Char(c)) }
    }

    #[test]
    fn keys_edit_the_query_where_the_cursor_stands() {
        let dataset = Dataset::embedded().unwrap();
        let mut state = State::new(&dataset.duties(), "talent policy", false);
        assert_eq!(state.handle(control('w')), Action::Search);
        assert_eq!(state.query(), "talent ");
        state.handle(key(KeyCode::Home));
        state.handle(key(KeyCode::Char('x')));
        assert_eq!((state.query().as_str(), state.cursor()), ("xtalent ", 1));
        state.handle(key(KeyCode::Right));
        state.handle(key(KeyCode::Backspace));
        assert_eq!(state.query(), "xalent ");
        state.handle(key(KeyCode::Delete));
        assert_eq!(state.query(), "xlent ");
        assert_eq!(state.handle(key(KeyCode::Left)), Action::Redraw);
        state.handle(key(KeyCode::End));
        state.handle(control('u'));
        assert_eq!((state.query().as_str(), state.cursor()), ("", 0));
        // Nothing to delete: no search.
        assert_eq!(state.handle(key(KeyCode::Backspace)), Action::Redraw);
    }

    #[test]
    fn the_selection_moves_within_the_hits_and_enter_names_the_duty() {
        let dataset = Dataset::embedded().unwrap();
        let mut state = State::new(&dataset.duties(), "", false);
        assert_eq!(state.hits.len(), 11);
        state.handle(key(KeyCode::Up));
        assert_eq!(state.selected, 0);
        state.handle(key(KeyCode::Down));
        state.handle(control('n'));
        assert_eq!(state.selected, 2);
        state.page = 4;
        state.handle(key(KeyCode::PageDown));
        state.handle(key(KeyCode::PageDown));
        state.handle(key(KeyCode::PageDown));
        assert_eq!(state.selected, 10);
        state.handle(control('p'));
        assert_eq!(state.handle(key(KeyCode::Enter)), Action::Accept("10".into()));
        state.with_agency = true;
        assert_eq!(state.handle(key(KeyCode::Enter)), Action::Accept("nanchang-stb:10".into()));
        // Tab gives the arrows to the duty pane.
        state.handle(key(KeyCode::Tab));
        state.handle(key(KeyCode::Down));
        assert_eq!((state.selected, state.duty_scroll), (9, 1));
        assert_eq!(state.handle(key(KeyCode::Esc)), Action::Quit);
        assert_eq!(state.handle(control('c')), Action::Quit);
    }

    #[test]
    fn only_the_answer_to_the_last_query_is_shown() {
        let dataset = Dataset::embedded().unwrap();
        let duties = dataset.duties();
        let mut state = State::new(&duties, "", false);
        state.handle(key(KeyCode::Char('t')));
        let old = state.ask().unwrap();
        state.handle(key(KeyCode::Char('a')));
        let new = state.ask().unwrap();
        let options = crate::search::Options {
            limit: 10,
            strictness: crate::search::Strictness::default(),
            all_words: false,
        };
        let search = |query: &str| crate::search::search(&duties, &[query.to_string()], &options);
        state.answer(new, "ta".into(), search("talent"));
        state.answer(old, "t".into(), search("science"));
        assert_eq!(state.answered, "ta");
        assert_eq!(state.selected_hit().unwrap().duty.number, 9);
        assert!(!state.searching);
        // An empty query lists every duty again, with no search.
        state.handle(control('u'));
        assert_eq!(state.ask(), None);
        assert_eq!(state.hits.len(), 11);
        // A query that cannot run says why.
        state.handle(key(KeyCode::Char('"')));
        let generation = state.ask().unwrap();
        state.answer(generation, "\"".into(), search("\""));
        assert!(state.hits.is_empty() && state.note.is_some());
        assert_eq!(state.handle(key(KeyCode::Enter)), Action::Redraw);
    }

    /// Enter typed ahead of an answer (a fast typist, a query given as words) chooses from that
    /// answer, not from the hits on screen when it was typed.
    #[test]
    fn enter_while_a_search_runs_chooses_from_its_answer() {
        let dataset = Dataset::embedded().unwrap();
        let duties = dataset.duties();
        let mut state = State::new(&duties, "talnet", false);
        let generation = state.ask().unwrap();
        assert_eq!(state.handle(key(KeyCode::Enter)), Action::Redraw);
        let options = crate::search::Options {
            limit: 10,
            strictness: crate::search::Strictness::default(),
            all_words: false,
        };
        let answer = crate::search::search(&duties, &["talnet".to_string()], &options);
        assert_eq!(state.answer(generation, "talnet".into(), answer), Some(Action::Accept("9".into())));
        // A query changed after the Enter drops it.
        let mut state = State::new(&duties, "", false);
        state.paste("patents\nand more");
        assert_eq!(state.query(), "patents and more");
        let generation = state.ask().unwrap();
        state.handle(key(KeyCode::Enter));
        state.handle(key(KeyCode::Char('x')));
        let generation_now = state.ask().unwrap();
        let answer = crate::search::search(&duties, &["patents".to_string()], &options);
        assert_eq!(state.answer(generation, "patents".into(), answer.clone()), None);
        assert_eq!(state.answer(generation_now, "patents".into(), answer), None);
    }

    #[test]
    fn question_mark_shows_the_keys_and_any_key_hides_them() {
        let dataset = Dataset::embedded().unwrap();
        let mut state = State::new(&dataset.duties(), "", false);
        state.handle(key(KeyCode::Char('?')));
        assert!(state.help);
        assert_eq!(state.query(), "");
        assert_eq!(state.handle(key(KeyCode::Esc)), Action::Redraw);
        assert!(!state.help);
        // A key that closes them still does what it does.
        state.handle(key(KeyCode::Char('?')));
        assert_eq!(state.handle(key(KeyCode::Char('t'))), Action::Search);
        assert_eq!((state.query().as_str(), state.help), ("t", false));
        // Once something is typed, `?` is typed too.
        state.handle(key(KeyCode::Char('?')));
        assert_eq!((state.query().as_str(), state.help), ("t?", false));
        state.handle(control('h'));
        assert_eq!(state.query(), "t");
    }
}
