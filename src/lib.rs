//! qari (قارئ, "reader"): a terminal reader for Arabic news.
//!
//! The crate is layered (see `ARCHITECTURE.md`): `layout` and `doc` are leaves that know nothing
//! of terminals; `app` is the reader's state machine; `ui` paints it with ratatui; `term` and `ssh`
//! drive it from a local terminal or an ssh channel; `cli` holds the subcommands.

pub mod app;
pub mod cli;
pub mod doc;
pub mod fuzzing;
pub mod layout;
pub mod ssh;
pub mod term;
pub mod ui;

/// The bundled articles, embedded so that `qari` with no argument works from any directory.
pub const SEEDS: &[(&str, &str)] =
    &[("000_e9e75a8ffcffd115.txt", include_str!("../seeds/000_e9e75a8ffcffd115.txt"))];
