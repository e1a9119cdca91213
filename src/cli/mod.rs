//! The subcommands: the reader itself (`qari [PATH]`), `render`, `inspect`, `serve`.
//! Each module owns its clap arguments and a `run` that returns an error for `main` to print on
//! one line (exit code 1).

pub mod inspect;
pub mod read;
pub mod render;
pub mod serve;

/// Whether standard input is a pipe, a file or a socket: something piped in (`cat a.txt | qari`),
/// not a terminal or `/dev/null`.
pub(crate) fn stdin_is_piped() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else { return false };
    std::fs::File::from(fd).metadata().is_ok_and(|m| {
        let t = m.file_type();
        t.is_fifo() || t.is_file() || t.is_socket()
    })
}

/// The error for a command told to read standard input (`-`, or no file where that means
/// stdin) when it is a terminal: it would wait, silently, for an article typed in by hand.
/// `example` shows how to pipe one in.
pub(crate) fn refuse_terminal_stdin(example: &str) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        anyhow::bail!("standard input is a terminal; pipe an article in ({example})");
    }
    Ok(())
}
