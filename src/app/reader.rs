//! [`Reader`]: one reader session's state and its update function.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use super::keymap::{action_for, Action};
use super::library::{AnalysisSlot, Library};
use super::view::{self, Geometry, LayoutCache, Rows, Segment, VisibleRow, MIN_COLS_FOR_PANE};
use super::{BidiMode, Config, Effect, Event, Key, Mouse};
use crate::doc::{self, ActorId, Analysis, Document};

/// The four key actors, always listed first, in this order, with their display names (used
/// until the analysis, whose gazetteer names win, is ready).
pub const KEY_ACTORS: [(&str, &str); 4] = [
    ("nato", "الناتو"),
    ("china", "الصين"),
    ("japan", "اليابان"),
    ("north-korea", "كوريا الشمالية"),
];

/// Rows the mouse wheel scrolls.
const WHEEL_ROWS: isize = 3;

/// Which part of the screen keys go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Reader,
    Sections,
    Actors,
}

/// The document list (a directory) or a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    List,
    Document,
}

/// An item of the Actors list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorItem {
    pub id: ActorId,
    pub name: String,
    /// Mentions in document order (empty until the analysis is ready).
    pub mentions: Vec<Range<usize>>,
    /// One of [`KEY_ACTORS`].
    pub key: bool,
}

/// A row of the Actors list: an actor, or one of its passages when unfolded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorRow {
    Actor(usize),
    /// (actor item, mention index)
    Passage(usize, usize),
}

/// Longest search query kept, in bytes (a few lines of words). The query line is laid out on
/// every frame: a flood of typing or pastes (say, over `qari serve`) must not make each frame lay
/// out megabytes. What goes beyond is ignored.
pub const MAX_QUERY_LEN: usize = 1024;

/// Appends what was typed or pasted to a query, without control characters, up to
/// [`MAX_QUERY_LEN`].
fn push_query(query: &mut String, text: impl IntoIterator<Item = char>) {
    for c in text.into_iter().filter(|c| !c.is_control()) {
        if query.len() + c.len_utf8() > MAX_QUERY_LEN {
            break;
        }
        query.push(c);
    }
}

/// A search: the query being typed, or a confirmed one with its hits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    /// The query line is open (after `/`, before Enter or Esc).
    pub editing: bool,
    pub query: String,
    /// Confirmed: hits are highlighted and `n`/`N` walk them.
    pub active: bool,
    pub hits: Vec<Range<usize>>,
    pub current: usize,
}

/// What the status bar shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub name: String,
    pub section: Option<String>,
    pub percent: u8,
    /// The selected actor's name or the search query, with (current, count).
    pub active: Option<(String, usize, usize)>,
    /// The query line while it is being typed.
    pub editing: Option<String>,
    pub message: Option<String>,
    pub analysing: bool,
}

/// An open document and everything about how it is being read.
#[derive(Debug)]
pub struct DocState {
    pub index: usize,
    pub doc: Arc<Document>,
    pub analysis: Option<Arc<Analysis>>,
    slot: Option<Arc<AnalysisSlot>>,
    pub segments: Vec<Segment>,
    pub cache: LayoutCache,
    /// The top row: a logical document offset (the line containing it is on the first row)
    /// and whether the blank row before that line is shown first.
    pub anchor: usize,
    pub anchor_gap: bool,
    pub focus: Focus,
    pub section_cursor: usize,
    pub actor_cursor: usize,
    pub unfolded: BTreeSet<usize>,
    pub actors: Vec<ActorItem>,
    pub selected_actor: Option<usize>,
    pub mention: usize,
    pub search: Search,
    /// The search that was active when `/` opened a new query: Esc, or Enter on an empty
    /// query, goes back to it.
    previous_search: Option<Search>,
    /// An actor chosen before the analysis was ready: jumped to when it is.
    pending_actor: Option<ActorId>,
    /// `doc` is only the beginning of a big file, still loading ([`Library::loading`]).
    pub partial: bool,
}

impl DocState {
    fn new(
        index: usize,
        doc: Arc<Document>,
        slot: Option<Arc<AnalysisSlot>>,
        logical: bool,
    ) -> Self {
        let segments = view::segments(&doc, &doc.blocks);
        let mut state = DocState {
            index,
            doc,
            analysis: None,
            slot,
            segments,
            cache: LayoutCache::new(logical),
            anchor: 0,
            anchor_gap: false,
            focus: Focus::Reader,
            section_cursor: 0,
            actor_cursor: 0,
            unfolded: BTreeSet::new(),
            actors: Vec::new(),
            selected_actor: None,
            mention: 0,
            search: Search::default(),
            previous_search: None,
            pending_actor: None,
            partial: false,
        };
        state.rebuild_actors();
        state
    }

    fn rows(&mut self, width: usize) -> Rows<'_> {
        Rows {
            text: &self.doc.text,
            segments: &self.segments,
            cache: &mut self.cache,
            width: width.max(1),
        }
    }

    /// The sections of the analysis (none before it is ready).
    pub fn sections(&self) -> &[doc::Section] {
        self.analysis.as_ref().map_or(&[], |a| &a.sections)
    }

    /// The label of section `i`: its title, or its first words for an untitled one.
    pub fn section_label(&self, i: usize) -> String {
        let Some(s) = self.sections().get(i) else { return String::new() };
        if let Some(t) = &s.title {
            return t.clone();
        }
        let text = self.doc.text.get(s.range.clone()).unwrap_or("");
        first_words(text, 4)
    }

    /// Moves the focus. Into the sections list (by key or wheel), its cursor starts on the
    /// section being read (the one the status bar names), as an outline that follows the
    /// reading does.
    fn focus_on(&mut self, focus: Focus) {
        if focus == Focus::Sections && self.focus != Focus::Sections {
            if let Some(i) = self.current_section() {
                self.section_cursor = i;
            }
        }
        self.focus = focus;
    }

    /// The section the top of the reader is in.
    pub fn current_section(&self) -> Option<usize> {
        let sections = self.sections();
        let i = sections.partition_point(|s| s.range.start <= self.anchor);
        i.checked_sub(1).or((!sections.is_empty()).then_some(0))
    }

    /// The rows of the Actors list.
    pub fn actor_rows(&self) -> Vec<ActorRow> {
        let mut rows = Vec::with_capacity(self.actors.len());
        for (i, item) in self.actors.iter().enumerate() {
            rows.push(ActorRow::Actor(i));
            if self.unfolded.contains(&i) {
                rows.extend((0..item.mentions.len()).map(|m| ActorRow::Passage(i, m)));
            }
        }
        rows
    }

    /// The highlighted ranges `n`/`N` walk (search hits while a search is active, else the
    /// selected actor's mentions) and the index of the current one.
    pub fn active_matches(&self) -> Option<(&[Range<usize>], usize)> {
        if self.search.active {
            return Some((&self.search.hits, self.search.current));
        }
        let item = self.actors.get(self.selected_actor?)?;
        Some((&item.mentions, self.mention))
    }

    fn rebuild_actors(&mut self) {
        let selected = self.selected_actor.and_then(|i| self.actors.get(i)).map(|a| a.id.clone());
        let mut items: Vec<ActorItem> = KEY_ACTORS
            .iter()
            .map(|(id, name)| ActorItem {
                id: ActorId((*id).to_string()),
                name: (*name).to_string(),
                mentions: Vec::new(),
                key: true,
            })
            .collect();
        if let Some(analysis) = &self.analysis {
            let mut others = Vec::new();
            for am in &analysis.actors {
                if let Some(item) = items.iter_mut().find(|it| it.key && it.id == am.actor.id) {
                    item.name = am.actor.name.clone();
                    item.mentions = am.mentions.clone();
                } else if !am.mentions.is_empty() {
                    others.push(ActorItem {
                        id: am.actor.id.clone(),
                        name: am.actor.name.clone(),
                        mentions: am.mentions.clone(),
                        key: false,
                    });
                }
            }
            // By mention count, most first; gazetteer order among equals (stable sort).
            others.sort_by_key(|a| std::cmp::Reverse(a.mentions.len()));
            items.extend(others);
        }
        self.actors = items;
        self.selected_actor = selected.and_then(|id| self.actors.iter().position(|a| a.id == id));
        self.actor_cursor = self.actor_cursor.min(self.actor_rows().len().saturating_sub(1));
    }
}

/// One reader session.
#[derive(Debug)]
pub struct Reader {
    pub library: Arc<Library>,
    pub size: (u16, u16),
    pub config: Config,
    pub screen: Screen,
    /// Cursor of the document list.
    pub list_cursor: usize,
    pub doc: Option<DocState>,
    /// The help overlay is open, scrolled by this many rows.
    pub help: Option<usize>,
    pub pane_visible: bool,
    /// A one-shot line for the status bar ("copied …"), cleared by the next key.
    pub message: Option<String>,
    /// The rest of a big file could not be loaded: the caller should stop with this error.
    pub load_error: Option<String>,
    /// Documents left for the list, as they were (place, search, pane): opened again, they
    /// come back so, as an e-reader keeps each book's page.
    left: std::collections::HashMap<usize, DocState>,
}

impl Reader {
    /// A reader with the default [`Config`].
    pub fn new(library: Arc<Library>, size: (u16, u16)) -> Self {
        Self::with_config(library, size, Config::default())
    }

    /// A reader on `library`: in its first document, or on its list when it is a directory.
    pub fn with_config(library: Arc<Library>, size: (u16, u16), config: Config) -> Self {
        let mut reader = Reader {
            library,
            size,
            config,
            screen: Screen::List,
            list_cursor: 0,
            doc: None,
            help: None,
            pane_visible: config.show_pane,
            message: None,
            load_error: None,
            left: std::collections::HashMap::new(),
        };
        if !reader.library.listing && !reader.library.documents.is_empty() {
            reader.open(0);
        }
        reader
    }

    /// Opens document `index` of the library; its analysis starts in the background.
    pub fn open(&mut self, index: usize) {
        let Some(doc) = self.library.documents.get(index) else {
            // A skipped file's row: its whole reason, which the row may cut, as a message.
            let skipped = index.checked_sub(self.library.documents.len());
            if let Some(s) = skipped.and_then(|k| self.library.skipped.get(k)) {
                self.message = Some(format!("{}: {}", s.name, s.why));
            }
            return;
        };
        if let Some(state) = self.left.remove(&index) {
            self.doc = Some(state);
            self.screen = Screen::Document;
            self.poll();
            return;
        }
        let slot = self.library.analyse(index);
        let logical = self.config.bidi == BidiMode::Terminal;
        let mut state = DocState::new(index, Arc::clone(doc), slot, logical);
        state.partial = index == 0 && self.library.loading.is_some();
        if !state.partial && doc.text.trim().is_empty() {
            // A blank screen alone would look like a failure to draw.
            self.message = Some("the document is empty".to_string());
        }
        self.doc = Some(state);
        self.screen = Screen::Document;
        self.poll();
    }

    /// Picks up the rest of a big file and a finished analysis. Call it on a timer (the
    /// terminal loop does every 100 ms); returns whether anything changed, so the caller knows
    /// to redraw.
    pub fn tick(&mut self) -> bool {
        self.poll()
    }

    fn poll(&mut self) -> bool {
        let loaded = self.poll_load();
        self.poll_analysis() || loaded
    }

    /// Swaps the beginning of a big file for the whole once it is loaded; positions stay true
    /// (the beginning is a prefix of the whole). Starts the analysis then.
    fn poll_load(&mut self) -> bool {
        let Some(d) = self.doc.as_mut().filter(|d| d.partial) else { return false };
        let Some(result) = self.library.loading.as_ref().and_then(|l| l.get()) else {
            return false;
        };
        match result {
            Ok(full) => {
                d.doc = Arc::clone(full);
                d.segments = view::segments(&d.doc, &d.doc.blocks);
                d.partial = false;
                d.slot = self.library.analyse(d.index);
                // A search made on the beginning counts the whole now (its current hit kept).
                if d.search.active {
                    d.search.hits = doc::search(&d.doc, &d.search.query);
                }
            }
            Err(e) => {
                d.partial = false;
                self.load_error = Some(e.clone());
            }
        }
        true
    }

    /// Blocks until the open document's analysis is ready (tests).
    pub fn wait_for_analysis(&mut self) {
        if let Some(full) = self.library.loading.clone() {
            full.wait();
            self.poll_load();
        }
        if let Some(slot) = self.doc.as_ref().and_then(|d| d.slot.clone()) {
            slot.wait();
        }
        self.poll_analysis();
    }

    fn poll_analysis(&mut self) -> bool {
        let Some(d) = self.doc.as_ref() else { return false };
        if d.analysis.is_some() {
            return false;
        }
        let Some(analysis) = d.slot.as_ref().and_then(|s| s.get()).cloned() else { return false };
        // The analysis splits headings out of scraped paragraphs: more rows, and a view at the
        // end (`G` pressed before it was ready) would be left short of it.
        let at_end = self.at_end();
        let Some(d) = self.doc.as_mut() else { return false };
        d.segments = view::segments(&d.doc, &analysis.blocks);
        d.analysis = Some(analysis);
        d.rebuild_actors();
        if let Some(id) = d.pending_actor.take() {
            if let Some(i) = d.actors.iter().position(|a| a.id == id) {
                self.select_actor(i, 0);
                return true;
            }
        }
        if at_end {
            self.bottom();
        }
        true
    }

    /// Whether the view shows the document's end at its bottom (where `G` puts it) and not its
    /// beginning: a document that fits on the screen is at its start (review: opened at 100×50
    /// the seed fit before its analysis, and then opened scrolled to its end).
    fn at_end(&mut self) -> bool {
        let (width, height) = self.reader_dims();
        let Some(d) = self.doc.as_mut() else { return false };
        let (anchor, gap) = (d.anchor, d.anchor_gap);
        let mut rows = d.rows(width);
        let top = rows.resolve(anchor, gap);
        top > rows.resolve(0, false) && top >= rows.bottom_top(height)
    }

    /// Where everything goes on the screen.
    pub fn geometry(&self) -> Geometry {
        let sections = self.doc.as_ref().map_or(0, |d| d.sections().len());
        let pane = self.pane_visible.then_some(self.config.pane);
        Geometry::new(self.size, pane, sections).with_max_text_width(self.config.max_width)
    }

    fn reader_dims(&self) -> (usize, usize) {
        let g = self.geometry();
        (g.text_width.max(1) as usize, g.reader.height as usize)
    }

    /// The rows the reader pane shows, top to bottom (lays out only these segments).
    pub fn visible_rows(&mut self) -> Vec<VisibleRow> {
        let (width, height) = self.reader_dims();
        let Some(d) = self.doc.as_mut() else { return Vec::new() };
        let (anchor, gap) = (d.anchor, d.anchor_gap);
        let mut rows = d.rows(width);
        let top = rows.resolve(anchor, gap);
        rows.visible(top, height)
    }

    /// The selected actor's id, if any.
    pub fn selected_actor(&self) -> Option<&ActorId> {
        let d = self.doc.as_ref()?;
        Some(&d.actors.get(d.selected_actor?)?.id)
    }

    /// The focus of the open document (the reader when none is open).
    pub fn focus(&self) -> Focus {
        self.doc.as_ref().map_or(Focus::Reader, |d| d.focus)
    }

    /// `(i, n)` of the status bar: the current search hit or actor mention, 1-based.
    pub fn counter(&self) -> Option<(usize, usize)> {
        let (matches, current) = self.doc.as_ref()?.active_matches()?;
        Some(if matches.is_empty() { (0, 0) } else { (current + 1, matches.len()) })
    }

    /// What the status bar shows.
    pub fn status(&mut self) -> Status {
        let message = self.message.clone();
        let last_end = self.visible_rows().last().map(|r| r.logical_range().end);
        let Some(d) = self.doc.as_ref() else {
            return Status { name: self.library.title.clone(), message, ..Default::default() };
        };
        // Up to the last visible char: the trailing newline (or blank lines) is never on screen,
        // and a document shown whole is at 100%. The beginning of a big file: the percentage
        // of the whole.
        let len = match &self.library.loading {
            Some(full) if d.partial => full.file_len,
            _ => d.doc.text.trim_end().len(),
        };
        let percent = match last_end {
            _ if len == 0 => 100,
            Some(end) => ((end.min(len) as u128 * 100) / len as u128) as u8,
            None => 0,
        };
        let active = if d.search.active {
            let (i, n) = self.counter().unwrap_or((0, 0));
            Some((d.search.query.clone(), i, n))
        } else {
            d.selected_actor.and_then(|a| d.actors.get(a)).map(|item| {
                let (i, n) = self.counter().unwrap_or((0, 0));
                (item.name.clone(), i, n)
            })
        };
        Status {
            name: d.doc.name.clone(),
            // An empty document's one section has no words to show: no empty field for it.
            section: d.current_section().map(|i| d.section_label(i)).filter(|l| !l.is_empty()),
            percent,
            active,
            editing: d.search.editing.then(|| d.search.query.clone()),
            message,
            analysing: d.analysis.is_none(),
        }
    }

    /// Applies one event; returns what the caller must do.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        self.poll();
        match event {
            Event::Resize { cols, rows } => {
                self.size = (cols, rows);
                // Shrunk below the pane's size: the focus goes back to the text.
                if self.geometry().pane.is_none() {
                    if let Some(d) = self.doc.as_mut() {
                        d.focus = Focus::Reader;
                    }
                }
                self.keep_end_at_bottom();
                // Said when the pane did not fit: no longer true once it does.
                if self.message == Some(pane_too_small()) && self.geometry().pane.is_some() {
                    self.message = None;
                }
                Vec::new()
            }
            Event::Paste(text) => {
                if let Some(d) = self.doc.as_mut().filter(|d| d.search.editing) {
                    // A pasted line break is a space in the one-line query, not nothing.
                    let chars = text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c });
                    push_query(&mut d.search.query, chars);
                }
                Vec::new()
            }
            Event::Mouse(m) => {
                self.mouse(m);
                Vec::new()
            }
            Event::Key(key) => {
                self.message = None;
                self.key(key)
            }
        }
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        let editing =
            self.doc.as_ref().is_some_and(|d| d.search.editing) && self.screen == Screen::Document;
        // Ctrl-C on the query line cancels the query, as in less (Esc does too); elsewhere it
        // quits.
        if key == Key::Ctrl('c') && !editing {
            return vec![Effect::Quit];
        }
        if let Some(scroll) = self.help {
            self.help = match key {
                // No further than the last row at the bottom of the box (two rows are its
                // borders), so k scrolls back at once.
                Key::Char('j') | Key::Down => Some((scroll + 1).min(
                    super::keymap::HELP_ROWS.saturating_sub(self.size.1.saturating_sub(2) as usize),
                )),
                Key::Char('k') | Key::Up => Some(scroll.saturating_sub(1)),
                _ => None,
            };
            return Vec::new();
        }
        if editing {
            self.search_key(key);
            return Vec::new();
        }
        let Some(action) = action_for(key) else { return Vec::new() };
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Help => {
                self.help = Some(0);
                return Vec::new();
            }
            _ => {}
        }
        match self.screen {
            Screen::List => self.list_action(action),
            Screen::Document => return self.doc_action(action),
        }
        Vec::new()
    }

    fn list_action(&mut self, action: Action) {
        // The files left out are listed after the documents, with why: the cursor reaches them
        // (Enter opens nothing there).
        let n = self.library.documents.len() + self.library.skipped.len();
        let page = self.size.1.saturating_sub(3).max(1) as usize;
        self.list_cursor = match action {
            Action::Down => (self.list_cursor + 1).min(n.saturating_sub(1)),
            Action::Up => self.list_cursor.saturating_sub(1),
            Action::PageDown => (self.list_cursor + page).min(n.saturating_sub(1)),
            Action::PageUp => self.list_cursor.saturating_sub(page),
            Action::HalfPageDown => (self.list_cursor + page.div_ceil(2)).min(n.saturating_sub(1)),
            Action::HalfPageUp => self.list_cursor.saturating_sub(page.div_ceil(2)),
            Action::Top => 0,
            Action::Bottom => n.saturating_sub(1),
            Action::Activate => {
                self.open(self.list_cursor);
                return;
            }
            _ => return,
        };
    }

    fn search_key(&mut self, key: Key) {
        let Some(d) = self.doc.as_mut() else { return };
        match key {
            Key::Enter => {
                d.search.editing = false;
                if d.search.query.trim().is_empty() {
                    // As in less: an empty query searches again for the previous one.
                    d.search = d.previous_search.take().unwrap_or_default();
                    if d.search.active {
                        self.match_step(true);
                    }
                    return;
                }
                d.previous_search = None;
                d.search.hits = doc::search(&d.doc, &d.search.query);
                d.search.active = true;
                // The first hit from the top of the screen on, as less searches forward from
                // where the reader is; after the last one, the first of the document.
                let from = d.anchor;
                let hits = &d.search.hits;
                d.search.current = hits.iter().position(|h| h.start >= from).unwrap_or(0);
                match d.search.hits.get(d.search.current) {
                    Some(hit) => {
                        let start = hit.start;
                        self.show(start);
                    }
                    None => self.message = Some("no match".into()),
                }
            }
            // Esc, Ctrl-C, or Backspace on an empty query, closes the query line: the search
            // active before `/` stays.
            Key::Esc | Key::Ctrl('c') => d.search = d.previous_search.take().unwrap_or_default(),
            Key::Backspace if d.search.query.pop().is_none() => {
                d.search = d.previous_search.take().unwrap_or_default();
            }
            // Ctrl-U empties the query, Ctrl-W takes its last word away (as a shell's line).
            Key::Ctrl('u') => d.search.query.clear(),
            Key::Ctrl('w') => {
                let q = d.search.query.trim_end();
                // After the last space, whatever its length in bytes (a no-break space: review).
                let keep = q
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                d.search.query.truncate(keep);
            }
            Key::Char(c) => push_query(&mut d.search.query, [c]),
            _ => {}
        }
    }

    fn doc_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(focus) = self.doc.as_ref().map(|d| d.focus) else { return Vec::new() };
        let (_, height) = self.reader_dims();
        let page = height.saturating_sub(1).max(1) as isize;
        // Half a screen, as less's d and u (rounded up: one row on a two-row reader; one at
        // least).
        let half = height.div_ceil(2).max(1) as isize;
        match (action, focus) {
            (Action::Down, Focus::Reader) => self.scroll(1),
            (Action::Up, Focus::Reader) => self.scroll(-1),
            (Action::PageDown, Focus::Reader) => self.scroll(page),
            (Action::PageUp, Focus::Reader) => self.scroll(-page),
            (Action::HalfPageDown, Focus::Reader) => self.scroll(half),
            (Action::HalfPageUp, Focus::Reader) => self.scroll(-half),
            (Action::Top, Focus::Reader) => self.set_anchor(0, false),
            (Action::Bottom, Focus::Reader) => self.bottom(),
            (Action::Down, _) => self.move_cursor(1),
            (Action::Up, _) => self.move_cursor(-1),
            (Action::PageDown, _) => self.move_cursor(page),
            (Action::PageUp, _) => self.move_cursor(-page),
            (Action::HalfPageDown, _) => self.move_cursor(half),
            (Action::HalfPageUp, _) => self.move_cursor(-half),
            (Action::Top, _) => self.move_cursor(isize::MIN / 2),
            (Action::Bottom, _) => self.move_cursor(isize::MAX / 2),
            (Action::Activate, Focus::Sections) => self.activate_section(),
            (Action::Activate, Focus::Actors) => self.activate_actor_row(),
            (Action::Activate, Focus::Reader) => {}
            (Action::Unfold, Focus::Actors) => self.fold(true),
            (Action::Fold, Focus::Actors) => self.fold(false),
            (Action::Unfold | Action::Fold, _) => {}
            (Action::FocusNext, _) => self.set_focus(match focus {
                Focus::Reader => Focus::Sections,
                Focus::Sections => Focus::Actors,
                Focus::Actors => Focus::Reader,
            }),
            (Action::FocusPrev, _) => self.set_focus(match focus {
                Focus::Reader => Focus::Actors,
                Focus::Sections => Focus::Reader,
                Focus::Actors => Focus::Sections,
            }),
            (Action::NextSection, _) => self.section_step(true),
            (Action::PrevSection, _) => self.section_step(false),
            (Action::NextMatch, _) => self.match_step(true),
            (Action::PrevMatch, _) => self.match_step(false),
            (Action::Search, _) => {
                if let Some(d) = self.doc.as_mut() {
                    let before = std::mem::replace(
                        &mut d.search,
                        Search { editing: true, ..Search::default() },
                    );
                    d.previous_search = before.active.then_some(before);
                }
            }
            (Action::Copy, _) => return self.copy(),
            (Action::TogglePane, _) => {
                self.pane_visible = !self.pane_visible;
                if !self.pane_visible {
                    self.set_focus(Focus::Reader);
                }
                self.keep_end_at_bottom();
            }
            (Action::Cancel, _) => self.cancel(),
            (Action::Back, _) => self.back_to_list(),
            (Action::Help | Action::Quit, _) => {}
        }
        Vec::new()
    }

    fn set_focus(&mut self, focus: Focus) {
        if focus != Focus::Reader {
            let was_visible = std::mem::replace(&mut self.pane_visible, true);
            if self.geometry().pane.is_none() {
                self.pane_visible = was_visible;
                // The terminal is too small for the pane: a focus nobody sees would move an
                // invisible cursor, and Enter would jump somewhere unexpected.
                self.message = Some(pane_too_small());
                return;
            }
        }
        if let Some(d) = self.doc.as_mut() {
            d.focus_on(focus);
        }
    }

    fn cancel(&mut self) {
        let Some(d) = self.doc.as_mut() else { return };
        if d.focus != Focus::Reader {
            d.focus = Focus::Reader;
        } else if d.search.active {
            d.search = Search::default();
        } else if d.selected_actor.is_some() {
            d.selected_actor = None;
        } else {
            self.back_to_list();
        }
    }

    fn back_to_list(&mut self) {
        if self.library.listing {
            if let Some(d) = self.doc.take() {
                self.left.insert(d.index, d);
            }
            self.screen = Screen::List;
        }
    }

    fn set_anchor(&mut self, offset: usize, gap: bool) {
        if let Some(d) = self.doc.as_mut() {
            d.anchor = offset;
            d.anchor_gap = gap;
        }
    }

    /// Scrolls by `n` rows; downwards it stops where the end of the document reaches the last
    /// row (a jump may have gone further: then it does not move down).
    fn scroll(&mut self, n: isize) {
        let (width, height) = self.reader_dims();
        let Some(d) = self.doc.as_mut() else { return };
        let (anchor, gap) = (d.anchor, d.anchor_gap);
        let mut rows = d.rows(width);
        let top = rows.resolve(anchor, gap);
        let new = if n > 0 {
            let max = rows.bottom_top(height);
            if top >= max {
                return;
            }
            rows.step(top, n).min(max)
        } else {
            rows.step(top, n)
        };
        let (offset, gap) = rows.anchor_of(new);
        d.anchor = offset;
        d.anchor_gap = gap;
    }

    /// After the reader grew (a resize, the pane hidden): a view that now shows blank rows after
    /// the document's end while text before it is hidden moves down to the end, as `G` would
    /// place it (QA round 51: after `G` and a bigger window, 39 of 49 rows were blank).
    fn keep_end_at_bottom(&mut self) {
        let (width, height) = self.reader_dims();
        let Some(d) = self.doc.as_mut() else { return };
        let (anchor, gap) = (d.anchor, d.anchor_gap);
        let mut rows = d.rows(width);
        let top = rows.resolve(anchor, gap);
        let max = rows.bottom_top(height);
        if top > max {
            let (offset, gap) = rows.anchor_of(max);
            d.anchor = offset;
            d.anchor_gap = gap;
        }
    }

    fn bottom(&mut self) {
        let (width, height) = self.reader_dims();
        let Some(d) = self.doc.as_mut() else { return };
        let mut rows = d.rows(width);
        let top = rows.bottom_top(height);
        let (offset, gap) = rows.anchor_of(top);
        d.anchor = offset;
        d.anchor_gap = gap;
    }

    /// Puts the line showing `offset` in the upper third of the reader (near the end of the
    /// document, lower).
    fn place_upper(&mut self, offset: usize) {
        let (width, height) = self.reader_dims();
        let Some(d) = self.doc.as_mut() else { return };
        let mut rows = d.rows(width);
        let target = rows.resolve(offset, false);
        let mut top = rows.step(target, -((height / 4) as isize));
        if top.slot == 0 {
            // Never start the screen with a blank row.
            top = rows.down(top).unwrap_or(top);
        }
        // Not past where the end of the document reaches the last row (as less): a mention
        // near the end, or in a document that fits the screen, is shown without blank rows
        // after the text.
        top = top.min(rows.bottom_top(height));
        let (offset, gap) = rows.anchor_of(top);
        d.anchor = offset;
        d.anchor_gap = gap;
    }

    /// Shows `offset`: leaves the view alone when its line is on screen, else places it in the
    /// upper third.
    fn show(&mut self, offset: usize) {
        let (width, height) = self.reader_dims();
        let Some(d) = self.doc.as_mut() else { return };
        let (anchor, gap) = (d.anchor, d.anchor_gap);
        let mut rows = d.rows(width);
        let target = rows.resolve(offset, false);
        let top = rows.resolve(anchor, gap);
        if rows.visible(top, height).iter().any(|r| r.pos == target) {
            return;
        }
        self.place_upper(offset);
    }

    fn move_cursor(&mut self, delta: isize) {
        let Some(d) = self.doc.as_mut() else { return };
        let sections = d.sections().len();
        let actor_rows = d.actor_rows().len();
        let (cursor, len) = match d.focus {
            Focus::Sections => (&mut d.section_cursor, sections),
            Focus::Actors => (&mut d.actor_cursor, actor_rows),
            Focus::Reader => return,
        };
        let max = len.saturating_sub(1) as isize;
        *cursor = (*cursor as isize).saturating_add(delta).clamp(0, max) as usize;
    }

    fn activate_section(&mut self) {
        let Some(d) = self.doc.as_ref() else { return };
        if d.analysis.is_none() {
            self.message = Some("analysing…".into());
            return;
        }
        let Some(s) = d.sections().get(d.section_cursor) else { return };
        let start = s.title_range.as_ref().map_or(s.range.start, |r| r.start);
        // The section's title at the top of the screen, even near the end of the document:
        // the top row says which section is current (the status bar, the pane's marker).
        self.set_anchor(start, false);
    }

    fn activate_actor_row(&mut self) {
        let Some(d) = self.doc.as_mut() else { return };
        let Some(row) = d.actor_rows().get(d.actor_cursor).copied() else { return };
        match row {
            ActorRow::Actor(i) => {
                if d.analysis.is_none() {
                    d.pending_actor = d.actors.get(i).map(|a| a.id.clone());
                    self.message = Some("analysing…".into());
                    return;
                }
                self.select_actor(i, 0);
            }
            ActorRow::Passage(i, m) => self.select_actor(i, m),
        }
    }

    /// Selects actor item `i` with mention `m` current and scrolls to it (upper third).
    fn select_actor(&mut self, i: usize, m: usize) {
        let Some(d) = self.doc.as_mut() else { return };
        let Some(item) = d.actors.get(i) else { return };
        d.selected_actor = Some(i);
        d.search = Search::default();
        d.mention = m.min(item.mentions.len().saturating_sub(1));
        match item.mentions.get(d.mention) {
            Some(r) => {
                let start = r.start;
                self.place_upper(start);
            }
            None => self.message = Some(format!("no mention of {}", item.name)),
        }
    }

    fn match_step(&mut self, forward: bool) {
        let (width, height) = self.reader_dims();
        let Some(d) = self.doc.as_mut() else { return };
        let Some((matches, current)) = d.active_matches() else {
            self.message = Some("no actor or search selected".into());
            return;
        };
        let n = matches.len();
        if n == 0 {
            self.message = Some("no match".into());
            return;
        }
        let current_start = matches.get(current).map_or(0, |r| r.start);
        // Where n and N go when the reader has moved away from the current match (g, a page,
        // a section): from the top of the screen, as less searches (n: the first match from
        // there on, N: the last one before it), each wrapping around.
        let below = matches.partition_point(|r| r.start < d.anchor);
        let (anchor, gap) = (d.anchor, d.anchor_gap);
        let mut rows = d.rows(width);
        let target = rows.resolve(current_start, false);
        let top = rows.resolve(anchor, gap);
        let on_screen = rows.visible(top, height).iter().any(|r| r.pos == target);
        // The match to go to, and whether that passed an end of the document.
        let (next, wrapped) = match (on_screen, forward) {
            (true, true) => ((current + 1) % n, current + 1 == n),
            (true, false) => ((current + n - 1) % n, current == 0),
            (false, true) => (below % n, below == n),
            (false, false) => ((below + n - 1) % n, below == 0),
        };
        // Past the last match back to the first (or the other way), said as vim and less say
        // it: the counter alone going from 13/13 to 1/13 is easy to miss.
        if n == 1 {
            self.message = Some("the only one".into());
        } else if wrapped && forward {
            self.message = Some("passed the end: back to the first".into());
        } else if wrapped {
            self.message = Some("passed the start: back to the last".into());
        }
        let Some((matches, _)) = d.active_matches() else { return };
        let start = matches[next].start;
        if d.search.active {
            d.search.current = next;
        } else {
            d.mention = next;
        }
        self.show(start);
    }

    fn section_step(&mut self, forward: bool) {
        let Some(d) = self.doc.as_ref() else { return };
        let sections = d.sections();
        // Where a jump to a section lands: its title (a Markdown heading's text, after `#`).
        let head = |i: usize| {
            sections.get(i).map(|s| s.title_range.as_ref().map_or(s.range.start, |r| r.start))
        };
        let anchor = d.anchor;
        // The section the anchor is in (its range starts at or before it).
        let current = sections.iter().rposition(|s| s.range.start <= anchor).unwrap_or(0);
        let target = if forward {
            head(current + 1)
        } else {
            // Back to the start of this section, or, from there, to the previous one.
            match head(current) {
                Some(h) if h < anchor => Some(h),
                _ => current.checked_sub(1).and_then(head),
            }
        };
        if let Some(t) = target {
            self.set_anchor(t, false);
        }
    }

    fn fold(&mut self, unfold: bool) {
        let Some(d) = self.doc.as_mut() else { return };
        let rows = d.actor_rows();
        let Some(row) = rows.get(d.actor_cursor).copied() else { return };
        let i = match row {
            ActorRow::Actor(i) | ActorRow::Passage(i, _) => i,
        };
        if unfold {
            if matches!(row, ActorRow::Actor(_))
                && d.actors.get(i).is_some_and(|a| !a.mentions.is_empty())
            {
                d.unfolded.insert(i);
            }
        } else {
            d.unfolded.remove(&i);
        }
        // Keep the cursor on the actor it was on (a folded passage moves it to its actor).
        let after = d.actor_rows();
        let keep = if unfold { row } else { ActorRow::Actor(i) };
        d.actor_cursor = after.iter().position(|r| *r == keep).unwrap_or(0);
    }

    fn copy(&mut self) -> Vec<Effect> {
        let Some(d) = self.doc.as_ref() else { return Vec::new() };
        let offset = d.active_matches().and_then(|(m, c)| m.get(c)).map_or(d.anchor, |r| r.start);
        let sentence = d
            .analysis
            .as_ref()
            .and_then(|a| {
                let i = a.sentences.partition_point(|s| s.end <= offset);
                a.sentences.get(i).filter(|s| s.start <= offset).cloned()
            })
            .or_else(|| {
                // A heading (not a sentence), or no analysis yet: the block shown there. The
                // analysis's blocks have the headings of scraped text split out of the
                // paragraph they were glued into (the loader's block is the whole line).
                let blocks = d.analysis.as_ref().map_or(&d.doc.blocks, |a| &a.blocks);
                let i = blocks.partition_point(|b| b.range.end <= offset);
                blocks.get(i).map(|b| b.range.clone())
            });
        let Some(range) = sentence else { return Vec::new() };
        // A paragraph's lines (Markdown, hard-wrapped text) join as they are shown, and a tab or
        // another control space is a space as on screen (QA round 51: words around a tab were
        // glued), one for a run (\r\n); other controls are dropped.
        let mut text = String::new();
        for c in d.doc.text.get(range).unwrap_or("").trim().chars() {
            if c.is_control() && c.is_whitespace() {
                if !text.ends_with(' ') {
                    text.push(' ');
                }
            } else if !c.is_control() {
                text.push(c);
            }
        }
        if text.is_empty() {
            return Vec::new();
        }
        self.message = Some(format!("copied {} characters", text.chars().count()));
        vec![Effect::Copy(text)]
    }

    fn mouse(&mut self, m: Mouse) {
        let g = self.geometry();
        let (col, row, delta) = match m {
            Mouse::ScrollUp { col, row } => (col, row, -1),
            Mouse::ScrollDown { col, row } => (col, row, 1),
            Mouse::Click { col, row } => (col, row, 0),
        };
        if self.help.is_some() {
            if delta == 0 {
                self.help = None;
            }
            return;
        }
        if self.screen == Screen::List {
            let n = self.library.documents.len() + self.library.skipped.len();
            let height = self.size.1.saturating_sub(2) as usize;
            if delta != 0 {
                self.list_action(if delta > 0 { Action::Down } else { Action::Up });
            } else if row >= 1 && (row as usize) <= height {
                let i = view::list_offset(self.list_cursor, n, height) + row as usize - 1;
                if i < n {
                    self.list_cursor = i;
                    self.open(i);
                }
            }
            return;
        }
        let Some(d) = self.doc.as_mut() else { return };
        let list = if g.pane.is_some() && g.sections.contains(col, row) {
            Some((Focus::Sections, g.sections))
        } else if g.pane.is_some() && g.actors.contains(col, row) {
            Some((Focus::Actors, g.actors))
        } else {
            None
        };
        match (list, delta) {
            (None, 0) => d.focus = Focus::Reader,
            (None, _) => self.scroll(delta * WHEEL_ROWS),
            (Some((focus, area)), 0) => {
                let (cursor, len) = match focus {
                    Focus::Sections => (d.section_cursor, d.sections().len()),
                    _ => (d.actor_cursor, d.actor_rows().len()),
                };
                let i =
                    view::list_offset(cursor, len, area.height as usize) + (row - area.y) as usize;
                if i < len {
                    d.focus = focus;
                    match focus {
                        Focus::Sections => {
                            d.section_cursor = i;
                            self.activate_section();
                        }
                        _ => {
                            d.actor_cursor = i;
                            self.activate_actor_row();
                        }
                    }
                }
            }
            (Some((focus, _)), _) => {
                d.focus_on(focus);
                self.move_cursor(delta);
            }
        }
    }
}

/// The first `n` words of `text`, with an ellipsis when there are more.
pub fn first_words(text: &str, n: usize) -> String {
    // A table's pipes are no words (QA round 51: a section opening with a table was labelled
    // «| الدولة | العدد …»).
    let mut words = text.split_whitespace().filter(|w| !w.chars().all(|c| c == '|'));
    // (At most so many chars: a "word" of megabytes is cut, not laid out whole on every frame.)
    let (out, cut) = crate::doc::label_head(&mut words, n);
    if cut {
        out + "…"
    } else if words.next().is_some() {
        out + " …"
    } else {
        out
    }
}

/// A snippet of the text around `range` for a passage row: `context_words` words before, the
/// mention, and what follows (the row's width cuts it). Returns it with the mention's range in it.
pub fn snippet(text: &str, range: &Range<usize>, context_words: usize) -> (String, Range<usize>) {
    let start = range.start.min(text.len());
    let before = text.get(..start).unwrap_or("");
    // `context_words` words of context before the mention, on a char boundary.
    let mut from = start;
    let mut words = 0;
    for (i, c) in before.char_indices().rev() {
        // (At most a few hundred bytes back: a "word" of megabytes is no context.)
        if context_words == 0 || start - i > 480 {
            break;
        }
        if c.is_whitespace() {
            words += 1;
            if words > context_words {
                break;
            }
        }
        from = i;
    }
    let mut to = (range.end + 160).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let s = text.get(from..to).unwrap_or("");
    // Same byte length as the source, so the mention's range stays valid.
    let mut collapsed = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            collapsed.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            collapsed.push(c);
        }
    }
    let rel = start - from..range.end.min(to) - from;
    (collapsed, rel)
}

/// Why the pane's focus was refused: the terminal is too small for it.
fn pane_too_small() -> String {
    format!("the side pane needs a terminal of {MIN_COLS_FOR_PANE}×5 at least")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_query_stops_growing_at_its_limit() {
        // Typed and pasted Arabic beyond the limit: the query keeps whole characters (2 bytes
        // each here) up to MAX_QUERY_LEN bytes and drops the rest; a control char never enters.
        let mut query = String::new();
        push_query(&mut query, "خبر\u{7}".chars().cycle().take(4 * MAX_QUERY_LEN));
        assert_eq!(query.len(), MAX_QUERY_LEN);
        assert!(query.starts_with("خبرخبر") && !query.contains('\u{7}'));
        push_query(&mut query, ['ع']);
        assert_eq!(query.len(), MAX_QUERY_LEN);
        // Below the limit, typing still works (one key at a time).
        let mut short = String::from("خب");
        push_query(&mut short, ['ر']);
        assert_eq!(short, "خبر");
    }

    /// The seed open at `size` as before its analysis (the loaded blocks, no analysis), its
    /// analysis ready to be picked up by the next tick.
    fn seed_before_analysis(size: (u16, u16)) -> Reader {
        let library = Arc::new(Library::seeds(crate::doc::Gazetteer::builtin()));
        let mut r = Reader::new(library, size);
        r.wait_for_analysis();
        let d = r.doc.as_mut().expect("the seed is open");
        d.analysis = None;
        d.segments = view::segments(&d.doc, &d.doc.blocks);
        r
    }

    #[test]
    fn a_view_at_the_end_stays_there_when_the_analysis_arrives() {
        // `G` before the analysis was ready: the analysis splits the seed's glued headings out
        // (more rows), and the view used to be left far from the end (a tmux test saw 48%).
        let mut r = seed_before_analysis((100, 30));
        // What `G` does, before the analysis is picked up (a key picks it up first).
        r.bottom();
        assert!(r.at_end());
        assert!(r.tick(), "the analysis is picked up");
        assert!(r.doc.as_ref().is_some_and(|d| d.analysis.is_some()));
        assert!(r.at_end());
        assert_eq!(r.status().percent, 100);
    }

    #[test]
    fn a_document_that_fits_stays_at_its_start_when_the_analysis_arrives() {
        // The seed fits in 55 rows before its analysis splits its headings out; it must not
        // open at its end once they are.
        let mut r = seed_before_analysis((100, 55));
        r.set_anchor(0, false);
        assert!(r.tick(), "the analysis is picked up");
        let d = r.doc.as_ref().expect("the seed is open");
        assert_eq!((d.anchor, d.anchor_gap), (0, false));
    }

    #[test]
    fn first_words_marks_cut_text() {
        // An untitled section is labelled by its first words, with an ellipsis when cut.
        assert_eq!(first_words("ذكر الأمين العام لحلف الناتو", 3), "ذكر الأمين العام …");
        assert_eq!(first_words("ذكر الأمين", 3), "ذكر الأمين");
        // A "word" of megabytes is cut (fuzzing).
        let label = first_words(&("قال ".to_string() + &"ن".repeat(100_000)), 3);
        assert_eq!(label.chars().count(), crate::doc::MAX_LABEL_CHARS + 1);
    }

    #[test]
    fn snippet_keeps_the_mention_range() {
        // The snippet's range of the mention points at the mention itself.
        let text = "قال إن الصين تعمل مع روسيا";
        let start = text.find("الصين").unwrap();
        let (s, r) = snippet(text, &(start..start + "الصين".len()), 2);
        assert_eq!(&s[r], "الصين");
        assert!(s.starts_with("قال إن"));
        // Without context, the snippet starts at the mention.
        let (s, r) = snippet(text, &(start..start + "الصين".len()), 0);
        assert_eq!(r.start, 0);
        assert!(s.starts_with("الصين تعمل"));
    }
}
