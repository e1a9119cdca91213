//! The `qari` binary: argument parsing and dispatch, nothing else.

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "qari", version, about = "A terminal reader for Arabic news")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let _ = cli;
    for (name, text) in qari::SEEDS {
        println!("{name}: {} bytes", text.len());
    }
    Ok(())
}
