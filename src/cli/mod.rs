//! The subcommands: the reader itself (`qari [PATH]`), `render`, `inspect`, `serve`.
//! Each module owns its clap arguments and a `run` that returns an error for `main` to print on
//! one line (exit code 1).

pub mod inspect;
pub mod read;
pub mod render;
pub mod serve;
