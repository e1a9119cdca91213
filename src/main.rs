//! The `qari` binary: argument parsing and dispatch, nothing else.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use qari::cli;

#[derive(Parser, Debug)]
#[command(
    name = "qari",
    version,
    about = "A terminal reader for Arabic news",
    long_about = "A terminal reader for Arabic news.\n\nWith no subcommand, opens PATH (a file, a \
                  directory of .txt/.md files, or - for stdin) in the reader; with no PATH, what \
                  is piped in, or else the bundled article.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(flatten)]
    read: cli::read::ReadArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print laid-out text (visual order, shaped) for pipes.
    Render(cli::render::RenderArgs),
    /// Print the analysis: sections and actors, as a summary or JSON.
    Inspect(cli::inspect::InspectArgs),
    /// Serve the reader over ssh: every client gets its own session.
    Serve(cli::serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let result = match cli.command {
        None => {
            one_heap();
            cli::read::run(cli.read)
        }
        Some(Command::Render(args)) => cli::render::run(args),
        Some(Command::Inspect(args)) => cli::inspect::run(args),
        Some(Command::Serve(args)) => cli::serve::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line, and nothing from a file name or a document reaches the terminal as a
            // control code.
            // A stderr that cannot be written (closed, full) leaves only the exit code.
            let line = qari::doc::display_line(&format!("{err:#}"));
            let _ = writeln!(std::io::stderr(), "qari: {line}");
            ExitCode::from(1)
        }
    }
}

/// Bad usage: clap's message on one line (its "Usage:" and "try --help" lines dropped, a hint
/// in their place), exit code 2; `--help` and `--version` print as clap prints them.
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || matches!(err.kind(), ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand)
    {
        let _ = err.print();
        return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
    }
    use clap::error::{ContextKind, ContextValue};
    let text = err.render().to_string();
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("bad usage");
    let mut line = first.trim_start_matches("error: ").to_string();
    // `qari a.txt b.md`: clap takes the second path for a subcommand that conflicts with the
    // first (QA round 51: «the subcommand 'b.md' cannot be used with '[PATH]'»).
    if err.kind() == ErrorKind::ArgumentConflict && line.starts_with("the subcommand '") {
        // The path between the first quote and the last «' cannot» (it may hold a quote).
        let second = line
            .strip_prefix("the subcommand '")
            .and_then(|rest| rest.rsplit_once("' cannot").map(|(path, _)| path))
            .unwrap_or("")
            .to_string();
        line = if ["render", "inspect", "serve"].contains(&second.as_str()) {
            format!("the subcommand comes first: qari {second} PATH")
        } else {
            format!(
                "one document or directory at a time: '{second}' is a second path (put several \
                 files in a directory to read them together)"
            )
        };
    }
    // clap's hints, which its other lines carried: the values allowed, a likely spelling.
    let values = |v: &ContextValue| match v {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::Strings(v) => v.clone(),
        _ => Vec::new(),
    };
    if let Some(v) = err.get(ContextKind::ValidValue).map(values).filter(|v| !v.is_empty()) {
        line.push_str(&format!(" (one of: {})", v.join(", ")));
    }
    if let Some(v) = err.get(ContextKind::SuggestedArg).map(values).filter(|v| !v.is_empty()) {
        line.push_str(&format!(" (did you mean {}?)", v.join(" or ")));
    }
    let _ =
        writeln!(std::io::stderr(), "qari: {} (see qari --help)", qari::doc::display_line(&line));
    ExitCode::from(2)
}

/// The reader analyses a document on a thread of its own, and glibc gives each thread a heap
/// (arena) of its own: what the analysis frees is not reused by the screen's layout after it,
/// and the peak holds both. On issue 6's 10 MB file the reader peaked at 28.7 MiB with its
/// default and 26.6 MiB with one arena (the goal is 3× the file, 28.4 MiB). The reader has two
/// threads that seldom allocate at once, so one arena costs nothing; `serve`, a thread per
/// client, keeps glibc's default.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_heap() {
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_ARENA_MAX: i32 = -8;
    // SAFETY: mallopt sets a tunable of glibc's malloc and takes plain integers; it is called
    // before the reader starts its threads.
    unsafe {
        mallopt(M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_heap() {}
