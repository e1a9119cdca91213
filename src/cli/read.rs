//! The reader: `qari [PATH]`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::app::{BidiMode, Config, Library, PaneSide};
use crate::doc::Gazetteer;

/// Where the side pane goes.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PaneArg {
    Left,
    #[default]
    Right,
}

/// Who does BiDi and shaping.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BidiArg {
    /// qari reorders and shapes; the terminal is put in BiDi explicit mode.
    #[default]
    Qari,
    /// Logical, unshaped text for terminals that do BiDi and shaping themselves (mlterm).
    Terminal,
}

/// Arguments of the reader.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ReadArgs {
    /// A file, a directory of .txt/.md files, or - for stdin; none: what is piped in, else the
    /// bundled article.
    pub path: Option<PathBuf>,
    /// Side of the sections/actors pane.
    #[arg(long, value_enum, default_value_t = PaneArg::Right)]
    pub pane: PaneArg,
    /// Who reorders and shapes Arabic: qari, or the terminal.
    #[arg(long, value_enum, default_value_t = BidiArg::Qari)]
    pub bidi: BidiArg,
    /// More actors to look for (TOML, same format as the built-in gazetteer).
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
    /// The widest the text runs, in columns, centred on a wider screen (0: the whole width).
    #[arg(long, value_name = "COLS", default_value_t = crate::app::MAX_TEXT_WIDTH)]
    pub max_width: u16,
}

/// The gazetteer the reader uses: the built-in one, merged with the user's config file and
/// `file` (`--actors`), as `inspect` and `render` read them.
pub fn gazetteer(file: Option<&Path>) -> anyhow::Result<Gazetteer> {
    Ok(Gazetteer::with_user_files(file)?)
}

/// The reader's configuration from its arguments and the environment (`NO_COLOR`).
pub fn config(args: &ReadArgs) -> Config {
    Config {
        pane: match args.pane {
            PaneArg::Left => PaneSide::Left,
            PaneArg::Right => PaneSide::Right,
        },
        bidi: match args.bidi {
            BidiArg::Qari => BidiMode::Qari,
            BidiArg::Terminal => BidiMode::Terminal,
        },
        max_width: args.max_width,
        ..Config::from_env()
    }
}

/// Runs it: loads the document first (a bad file is a one-line error before the terminal is
/// touched; of a file over 1 MB only the beginning is loaded first, and an error further on
/// stops the reader with that error once it is found), then takes over the terminal.
pub fn run(args: ReadArgs) -> anyhow::Result<()> {
    // `qari -` typed at a prompt would wait, silently, for an article typed in by hand.
    if args.path.as_ref().is_some_and(|p| p.as_os_str() == "-") {
        super::refuse_terminal_stdin("curl … | qari -")?;
    }
    // `cat article.txt | qari` reads the pipe, as less does; with nothing piped in (a terminal,
    // /dev/null) no path is the bundled article.
    let path = match &args.path {
        None if super::stdin_is_piped() => Some(PathBuf::from("-")),
        p => p.clone(),
    };
    let gazetteer = gazetteer(args.actors.as_deref())?;
    // A slow pipe (curl on a thin link) would leave a silent terminal: say what is awaited.
    let waiting = path.as_ref().filter(|p| p.as_os_str() == "-").map(|_| WaitNotice::start());
    // A big file shows its first screen from its beginning while the rest loads (issue 6).
    let library = Library::open_progressive(path.as_deref(), gazetteer);
    drop(waiting);
    let library = library?;
    if library.documents.is_empty() {
        anyhow::bail!("no document to show");
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        anyhow::bail!("TERM=dumb cannot show the reader; use `qari render FILE` to print the text");
    }
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "standard output is not a terminal; use `qari render FILE` to print the text"
        );
    }
    // Files of a directory that were left out, said once the terminal is back (the alternate
    // screen would hide them).
    let skipped = library.skipped.clone();
    let result = crate::term::run(Arc::new(library), config(&args));
    for file in &skipped {
        let _ = writeln!(std::io::stderr(), "qari: skipped {}", file.line);
    }
    match result? {
        crate::term::Exit::Quit => Ok(()),
        crate::term::Exit::Signal => anyhow::bail!("stopped by a signal (terminal restored)"),
    }
}

/// "reading standard input…" on the terminal (stderr) when the pipe has not ended after a
/// moment, erased when it has; nothing when stderr is not a terminal.
struct WaitNotice {
    done: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<bool>>,
}

impl WaitNotice {
    fn start() -> WaitNotice {
        use std::sync::atomic::Ordering;
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return WaitNotice { done, thread: None };
        }
        let flag = Arc::clone(&done);
        let thread = std::thread::spawn(move || {
            for _ in 0..8 {
                std::thread::sleep(std::time::Duration::from_millis(50));
                if flag.load(Ordering::SeqCst) {
                    return false;
                }
            }
            let _ = write!(std::io::stderr(), "qari: reading standard input… (Ctrl-C stops)");
            true
        });
        WaitNotice { done, thread: Some(thread) }
    }
}

impl Drop for WaitNotice {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            if thread.join().unwrap_or(false) {
                // The notice's line, erased.
                let _ = write!(std::io::stderr(), "\r\x1b[K");
            }
        }
    }
}
