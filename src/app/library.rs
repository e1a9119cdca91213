//! The documents a reader can show, and their analyses (computed once, in the background, and
//! shared by every reader of the library: one per ssh session).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::doc::{self, Analysis, Document, Gazetteer, LoadError, Matcher};

/// A library's compiled gazetteer, built once (by the first analysis that needs it) and shared
/// by every analysis of the library.
type SharedMatcher = Arc<OnceLock<Arc<Matcher>>>;

/// Why a library could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// (Not a `source`: the message already says it, once.)
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{path}: no .txt or .md documents in this directory")]
    EmptyDir { path: String },
}

/// The analysis of one document: started at most once, read by whoever wants it.
#[derive(Debug, Default)]
pub struct AnalysisSlot {
    started: AtomicBool,
    cell: OnceLock<Arc<Analysis>>,
}

impl AnalysisSlot {
    /// Starts the analysis in a background thread unless it was started already.
    pub fn start(self: &Arc<Self>, doc: Arc<Document>, gazetteer: Arc<Gazetteer>) {
        self.start_with(doc, gazetteer, SharedMatcher::default());
    }

    /// [`AnalysisSlot::start`] with the library's matcher, compiled in the background thread
    /// if no analysis compiled it yet.
    fn start_with(
        self: &Arc<Self>,
        doc: Arc<Document>,
        gazetteer: Arc<Gazetteer>,
        matcher: SharedMatcher,
    ) {
        if self.started.swap(true, Ordering::AcqRel) {
            return;
        }
        let slot = Arc::clone(self);
        let job = move || {
            // `doc::analyze` is total; should it ever panic, the reader gets an empty analysis
            // rather than waiting forever.
            let analysis = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let matcher = matcher.get_or_init(|| Arc::new(Matcher::new(&gazetteer)));
                doc::analyze_with(&doc, &gazetteer, matcher)
            }))
            .unwrap_or_default();
            let _ = slot.cell.set(Arc::new(analysis));
        };
        let spawned = std::thread::Builder::new().name("qari-analysis".into()).spawn(job);
        if spawned.is_err() {
            // No thread available: nothing else to do but the analysis itself, later, inline.
            self.started.store(false, Ordering::Release);
        }
    }

    /// The analysis, if it is ready.
    pub fn get(&self) -> Option<&Arc<Analysis>> {
        self.cell.get()
    }

    /// Blocks until the analysis is ready (tests and `qari` tools that need it).
    pub fn wait(&self) -> &Arc<Analysis> {
        self.cell.wait()
    }

    /// Computes the analysis on this thread if no one started it (thread spawn failed, or the
    /// caller wants it now). A panic here is not caught.
    fn compute_inline(&self, doc: &Document, gazetteer: &Gazetteer, matcher: &Matcher) {
        if !self.started.swap(true, Ordering::AcqRel) {
            let _ = self.cell.set(Arc::new(doc::analyze_with(doc, gazetteer, matcher)));
        }
    }
}

/// The documents a reader can show: the bundled ones, a file, or a directory's.
#[derive(Debug, Default)]
pub struct Library {
    pub documents: Vec<Arc<Document>>,
    /// What the document list is titled (a directory's path, "bundled articles").
    pub title: String,
    /// Start on the document list (a directory) rather than in the first document.
    pub listing: bool,
    /// The actors to look for.
    pub gazetteer: Arc<Gazetteer>,
    /// Files of a directory left out because they could not be read as text, and why.
    pub skipped: Vec<Skipped>,
    /// `gazetteer` compiled, once for all the documents and readers of the library.
    matcher: SharedMatcher,
    slots: Mutex<HashMap<usize, Arc<AnalysisSlot>>>,
    /// A big file opened with [`Library::open_progressive`]: its first document is only the
    /// file's beginning until the whole file is loaded (in the background).
    pub loading: Option<Arc<FullLoad>>,
}

/// The whole of a big file, loaded in a background thread while the reader shows its
/// beginning.
#[derive(Debug, Default)]
pub struct FullLoad {
    /// The file's length in bytes (for the status bar's percentage meanwhile).
    pub file_len: usize,
    cell: OnceLock<Result<Arc<Document>, String>>,
}

impl FullLoad {
    /// The whole document, or the one-line error that loading it gave, once done.
    pub fn get(&self) -> Option<&Result<Arc<Document>, String>> {
        self.cell.get()
    }

    /// Blocks until the whole file is loaded (tests).
    pub fn wait(&self) -> &Result<Arc<Document>, String> {
        self.cell.wait()
    }
}

/// Files at least this big open progressively ([`Library::open_progressive`]).
pub const PROGRESSIVE_MIN_LEN: u64 = 1 << 20;
/// How much of a big file the first screen is made from: enough for any screen's first rows.
const PREFIX_LEN: usize = 256 * 1024;

impl Library {
    /// A library of already loaded documents.
    pub fn from_documents(documents: Vec<Document>, gazetteer: Gazetteer) -> Self {
        Library {
            documents: documents.into_iter().map(Arc::new).collect(),
            title: String::new(),
            listing: false,
            gazetteer: Arc::new(gazetteer),
            skipped: Vec::new(),
            matcher: SharedMatcher::default(),
            slots: Mutex::default(),
            loading: None,
        }
    }

    /// Uses `matcher`, which must be `Matcher::new(&self.gazetteer)`, instead of compiling the
    /// gazetteer again (the fuzz targets build a library per input).
    pub(crate) fn with_matcher(self, matcher: Arc<Matcher>) -> Self {
        let _ = self.matcher.set(matcher);
        self
    }

    /// The compiled gazetteer (compiled here if no analysis did yet).
    fn matcher(&self) -> &Arc<Matcher> {
        self.matcher.get_or_init(|| Arc::new(Matcher::new(&self.gazetteer)))
    }

    /// The same library shown as a list titled `title` (as a directory is).
    pub fn into_list(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self.listing = true;
        self
    }

    /// The bundled articles ([`crate::SEEDS`]); a list when there are several.
    pub fn seeds(gazetteer: Gazetteer) -> Self {
        let docs = crate::SEEDS
            .iter()
            .filter_map(|(name, text)| doc::load(name, text.as_bytes()).ok())
            .collect::<Vec<_>>();
        let listing = docs.len() > 1;
        Library {
            title: "bundled articles".into(),
            listing,
            ..Self::from_documents(docs, gazetteer)
        }
    }

    /// One file.
    pub fn from_file(path: &Path, gazetteer: Gazetteer) -> Result<Self, LibraryError> {
        let doc = load_path(path)?;
        Ok(Library { title: display_path(path), ..Self::from_documents(vec![doc], gazetteer) })
    }

    /// Every `.txt`, `.md` and `.markdown` file of a directory (not recursive), sorted by name; starts on the
    /// list. A file that cannot be loaded is an error naming it.
    pub fn from_dir(path: &Path, gazetteer: Gazetteer) -> Result<Self, LibraryError> {
        let io = |error| LibraryError::Io { path: display_path(path), error };
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        ["txt", "md", "markdown"].iter().any(|x| e.eq_ignore_ascii_case(x))
                    })
            })
            .collect();
        if files.is_empty() {
            return Err(LibraryError::EmptyDir { path: display_path(path) });
        }
        files.sort();
        // One file that is not text (binary, invalid UTF-8, unreadable) does not keep the others
        // from being read: it is left out and named in `skipped`, unless none is left.
        let mut docs = Vec::with_capacity(files.len());
        let mut skipped = Vec::new();
        let mut first_error = None;
        for p in &files {
            match load_path(p) {
                Ok(doc) => docs.push(doc),
                Err(e) => {
                    skipped.push(Skipped::new(p, &e.to_string()));
                    first_error.get_or_insert(e);
                }
            }
        }
        if let (true, Some(e)) = (docs.is_empty(), first_error) {
            return Err(e);
        }
        Ok(Library {
            title: display_path(path),
            listing: true,
            skipped,
            ..Self::from_documents(docs, gazetteer)
        })
    }

    /// A document read to its end from `input` (stdin for `-`).
    pub fn from_reader(
        name: &str,
        mut input: impl Read,
        gazetteer: Gazetteer,
    ) -> Result<Self, LibraryError> {
        let bytes = doc::read_bounded(&mut input)
            .map_err(|error| LibraryError::Io { path: name.to_string(), error })?;
        let doc = doc::load_vec(name, bytes)?;
        Ok(Library { title: name.to_string(), ..Self::from_documents(vec![doc], gazetteer) })
    }

    /// What `qari [PATH]` opens: nothing → the seeds, `-` → stdin, a directory, or a file.
    pub fn open(path: Option<&Path>, gazetteer: Gazetteer) -> Result<Self, LibraryError> {
        match path {
            None => Ok(Self::seeds(gazetteer)),
            Some(p) if p.as_os_str() == "-" => {
                Self::from_reader("stdin", std::io::stdin().lock(), gazetteer)
            }
            Some(p) if p.is_dir() => Self::from_dir(p, gazetteer),
            Some(p) => Self::from_file(p, gazetteer),
        }
    }

    /// [`Library::open`], except that a file of at least [`PROGRESSIVE_MIN_LEN`] bytes opens
    /// with its first lines only, so the first screen does not wait for the whole file to be
    /// read, decoded and split (less's way); the rest loads in a background thread, see
    /// [`Library::loading`]. The beginning is checked like a whole file (a bad one is an error
    /// before any screen); an error further on is reported by the reader when it gets there.
    pub fn open_progressive(
        path: Option<&Path>,
        gazetteer: Gazetteer,
    ) -> Result<Self, LibraryError> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-" && p.is_file()) else {
            return Self::open(path, gazetteer);
        };
        let io = |error| LibraryError::Io { path: display_path(path), error };
        let file_len = std::fs::metadata(path).map_err(io)?.len();
        // A Markdown file is read whole: its text, once the markup is out, depends on the whole
        // (a reference link's label may be defined at the end), so the beginning's text would
        // not be a prefix of the whole's and positions would move when the rest arrives.
        if file_len < PROGRESSIVE_MIN_LEN || doc::is_markdown(&file_name(path)) {
            return Self::from_file(path, gazetteer);
        }
        let mut prefix = Vec::with_capacity(PREFIX_LEN);
        std::fs::File::open(path)
            .map_err(io)?
            .take(PREFIX_LEN as u64)
            .read_to_end(&mut prefix)
            .map_err(io)?;
        // Whole lines only: a line end is never inside a UTF-8 sequence, and every block of
        // the beginning is then a block of the whole (a text file's lines are its blocks).
        match prefix.iter().rposition(|&b| b == b'\n') {
            Some(end) => prefix.truncate(end + 1),
            // One huge line: nothing to gain.
            None => return Self::from_file(path, gazetteer),
        }
        // Hard-wrapped text has a paragraph per run of lines: the beginning ends at a blank line.
        if std::str::from_utf8(&prefix).is_ok_and(doc::is_hard_wrapped) {
            let blank = |w: &[u8]| w.starts_with(b"\n\n") || w.starts_with(b"\n\r\n");
            match prefix.windows(3).rposition(blank) {
                Some(end) => prefix.truncate(end + if prefix[end + 1] == b'\n' { 2 } else { 3 }),
                None => return Self::from_file(path, gazetteer),
            }
        }
        let name = file_name(path);
        let first = doc::load_vec(&name, prefix).map_err(|e| e.named(&display_path(path)))?;
        let full = Arc::new(FullLoad { file_len: file_len as usize, cell: OnceLock::new() });
        let job = {
            let full = Arc::clone(&full);
            let path = path.to_path_buf();
            move || {
                let loaded = load_path(&path).map(Arc::new).map_err(|e| e.to_string());
                let _ = full.cell.set(loaded);
            }
        };
        if std::thread::Builder::new().name("qari-load".into()).spawn(job).is_err() {
            return Self::from_file(path, gazetteer);
        }
        Ok(Library {
            title: display_path(path),
            loading: Some(full),
            ..Self::from_documents(vec![first], gazetteer)
        })
    }

    /// The analysis slot of document `index` (created on first use).
    pub fn analysis_slot(&self, index: usize) -> Arc<AnalysisSlot> {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(slots.entry(index).or_default())
    }

    /// Starts analysing document `index` in the background (once) and returns its slot.
    ///
    /// The first document of a library still loading ([`Library::loading`]) is analysed once
    /// it is whole: until then (or if it failed to load) there is no slot.
    pub fn analyse(&self, index: usize) -> Option<Arc<AnalysisSlot>> {
        let doc = self.analysable(index)?;
        let slot = self.analysis_slot(index);
        slot.start_with(Arc::clone(doc), Arc::clone(&self.gazetteer), Arc::clone(&self.matcher));
        if !slot.started.load(Ordering::Acquire) {
            slot.compute_inline(doc, &self.gazetteer, self.matcher());
        }
        Some(slot)
    }

    /// Analyses document `index` on this thread, now, unless its analysis was started already
    /// (the fuzz targets: no thread per input, and a panic in the analysis is not hidden).
    pub(crate) fn analyse_now(&self, index: usize) {
        let Some(doc) = self.analysable(index) else { return };
        self.analysis_slot(index).compute_inline(doc, &self.gazetteer, self.matcher());
    }

    /// Document `index` if it can be analysed: the first document of a library still loading
    /// only once it is whole.
    fn analysable(&self, index: usize) -> Option<&Arc<Document>> {
        match (&self.loading, index) {
            (Some(full), 0) => match full.get() {
                Some(Ok(doc)) => Some(doc),
                _ => None,
            },
            _ => self.documents.get(index),
        }
    }
}

/// A file of a directory left out of its library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The file's name (no directory). Display-safe.
    pub name: String,
    /// Why it was left out, without its path (`invalid UTF-8 at byte offset 10`). Display-safe.
    pub why: String,
    /// The whole error on one line, naming the file by its path, for stderr and logs.
    /// Display-safe.
    pub line: String,
}

impl Skipped {
    /// The file at `path`, left out with the error `error` (which names the path first).
    fn new(path: &Path, error: &str) -> Self {
        let why = error.strip_prefix(&format!("{}: ", display_path(path))).unwrap_or(error);
        Skipped {
            name: doc::display_line(&file_name(path)),
            why: doc::display_line(why),
            line: doc::display_line(error),
        }
    }
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}

fn load_path(path: &Path) -> Result<Document, LibraryError> {
    let bytes = std::fs::File::open(path)
        .and_then(doc::read_bounded)
        .map_err(|error| LibraryError::Io { path: display_path(path), error })?;
    Ok(doc::load_vec(&file_name(path), bytes).map_err(|e| e.named(&display_path(path)))?)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| display_path(path), |n| n.to_string_lossy().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Reader;

    /// A temporary file of `lines` copies of an Arabic line, then `tail` (each test removes its
    /// own).
    fn big_file(name: &str, lines: usize, tail: &[u8]) -> PathBuf {
        let path =
            std::env::temp_dir().join(format!("qari-progressive-{}-{name}", std::process::id()));
        let mut bytes = Vec::new();
        for i in 0..lines {
            bytes.extend_from_slice(
                format!("السطر {i} من مقال طويل عن الصين واليابان\n").as_bytes(),
            );
        }
        bytes.extend_from_slice(tail);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_big_file_opens_with_its_beginning_then_whole() {
        // Over 1 MB: the first document is whole lines of the beginning; once loaded, the
        // reader has the whole text, its place kept, and the analysis runs on the whole.
        let path = big_file("big.txt", 40_000, b"");
        let len = std::fs::metadata(&path).unwrap().len() as usize;
        let lib = Library::open_progressive(Some(&path), Gazetteer::default()).unwrap();
        let first = &lib.documents[0].text;
        assert!(first.len() <= PREFIX_LEN && first.ends_with('\n'), "{}", first.len());
        let mut reader = Reader::new(Arc::new(lib), (80, 24));
        assert_eq!(reader.status().percent, 0, "percent of the whole file, not of the beginning");
        reader.wait_for_analysis();
        let d = reader.doc.as_ref().unwrap();
        assert!(!d.partial);
        assert_eq!(d.doc.text.len(), len);
        assert_eq!(d.segments.len(), 40_000);
        assert!(d.analysis.is_some());
        assert_eq!(reader.load_error, None);
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_big_hard_wrapped_file_begins_at_a_paragraphs_end() {
        // Paragraphs of three wrapped lines: the beginning's blocks are the whole's, each of
        // three lines, none cut where the beginning was cut.
        let path = std::env::temp_dir()
            .join(format!("qari-progressive-{}-wrapped.txt", std::process::id()));
        let line = "وقال المتحدث باسم الحكومة إن بلاده تتابع الوضع عن كثب بالتنسيق مع";
        let para = format!("{line}\n{line}\n{line}.\n\n");
        std::fs::write(&path, para.repeat(6_000)).unwrap();
        let lib = Library::open_progressive(Some(&path), Gazetteer::default()).unwrap();
        assert!(lib.loading.is_some());
        let first = &lib.documents[0];
        assert!(first.text.ends_with(".\n\n"));
        let whole = load_path(&path).unwrap();
        assert_eq!(first.blocks[..], whole.blocks[..first.blocks.len()]);
        assert!(first.blocks.iter().all(|b| first.text[b.range.clone()].lines().count() == 3));
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_big_markdown_file_is_read_whole() {
        // Its beginning alone would not strip as the whole does: a reference link defined at
        // the end. Read whole, the link shows its text from the first screen on.
        let path = big_file("big.md", 40_000, b"\n[1]: https://example.com\n");
        std::fs::write(&path, {
            let mut b = "[المصدر][1]\n\n".as_bytes().to_vec();
            b.extend(std::fs::read(&path).unwrap());
            b
        })
        .unwrap();
        let lib = Library::open_progressive(Some(&path), Gazetteer::default()).unwrap();
        assert!(lib.loading.is_none(), "a Markdown file is not loaded in two steps");
        assert!(lib.documents[0].text.starts_with("المصدر\n"));
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_bad_end_of_a_big_file_is_an_error_for_the_reader() {
        // Invalid UTF-8 past the beginning: the library opens, the reader gets the one-line
        // error with the file's byte offset once the rest is loaded.
        let path = big_file("bad.txt", 40_000, b"\xff\xfe\n");
        let len = std::fs::metadata(&path).unwrap().len() as usize;
        let lib = Library::open_progressive(Some(&path), Gazetteer::default()).unwrap();
        let mut reader = Reader::new(Arc::new(lib), (80, 24));
        reader.wait_for_analysis();
        let err = reader.load_error.clone().expect("an error");
        assert_eq!(err, format!("{}: invalid UTF-8 at byte offset {}", path.display(), len - 3));
        // A small file, or a bad beginning: an error before any reader, as with `open`.
        let small = big_file("small.txt", 10, b"\xff\n");
        assert!(Library::open_progressive(Some(&small), Gazetteer::default()).is_err());
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_file(small);
    }

    /// The analyses a library makes, in the background or on the calling thread, with its one
    /// compiled gazetteer, are those `doc::analyze` makes on its own.
    #[test]
    fn analyses_share_one_matcher_and_match_doc_analyze() {
        let texts =
            ["قال الرئيس الصيني في بكين إن الصين مستعدة.", "وصل الرئيس الصيني إلى القاهرة."];
        let docs = texts.iter().map(|t| doc::load("a.txt", t.as_bytes()).unwrap()).collect();
        let gazetteer = Gazetteer::builtin();
        let matcher = Arc::new(Matcher::new(&gazetteer));
        let library = Library::from_documents(docs, gazetteer).with_matcher(Arc::clone(&matcher));
        let background = Arc::clone(library.analyse(0).unwrap().wait());
        library.analyse_now(1);
        let inline = Arc::clone(library.analysis_slot(1).wait());
        for (analysis, doc) in
            [(background, &library.documents[0]), (inline, &library.documents[1])]
        {
            // Not vacuous: the seed text names actors of the built-in gazetteer.
            assert!(!analysis.actors.is_empty(), "no actor found in {:?}", doc.text);
            let alone = doc::analyze(doc, &library.gazetteer);
            assert_eq!(format!("{analysis:?}"), format!("{alone:?}"));
        }
        // The library used the matcher it was given rather than compiling its own.
        assert!(Arc::ptr_eq(library.matcher(), &matcher));
    }
}
