//! The `qari` binary: argument parsing and dispatch, nothing else.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use qari::cli;

#[derive(Parser, Debug)]
#[command(
    name = "qari",
    version,
    about = "A terminal reader for Arabic news",
    long_about = "A terminal reader for Arabic news.\n\nWith no subcommand, opens PATH (a file, a \
                  directory of .txt/.md files, or - for stdin) in the reader; with no PATH, the \
                  bundled article.",
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
    let cli = Cli::parse();
    let result = match cli.command {
        None => cli::read::run(cli.read),
        Some(Command::Render(args)) => cli::render::run(args),
        Some(Command::Inspect(args)) => cli::inspect::run(args),
        Some(Command::Serve(args)) => cli::serve::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line, and nothing from a file name or a document reaches the terminal as a
            // control code.
            eprintln!("qari: {}", qari::doc::display_line(&format!("{err:#}")));
            ExitCode::from(1)
        }
    }
}
