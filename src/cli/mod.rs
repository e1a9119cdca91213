//! The subcommands: `render`, `inspect`, `serve`.
