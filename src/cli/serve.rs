//! `qari serve`: the ssh server. Loads the documents once, shares them with every session.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::app::Library;
use crate::ssh::{self, hostkey, ServeOptions, Stats};

/// `--listen`: a host (name, IPv4, or IPv6 in brackets) and a port of 0–65535; a bad one is a
/// usage error (exit 2), not a failure to listen.
fn listen_address(s: &str) -> Result<String, String> {
    let (host, port) =
        s.rsplit_once(':').ok_or_else(|| "expected HOST:PORT, e.g. 127.0.0.1:2222".to_string())?;
    if host.is_empty() {
        return Err("no host before the port".into());
    }
    if host.contains(':') && !(host.starts_with('[') && host.ends_with(']')) {
        return Err("an IPv6 address goes in brackets, e.g. [::1]:2222".into());
    }
    port.parse::<u16>().map_err(|_| "the port must be a number from 0 to 65535".to_string())?;
    Ok(s.to_string())
}

/// Arguments.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on. Binding anything but loopback is the operator's explicit choice.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222", value_parser = listen_address)]
    pub listen: String,
    /// The server's ed25519 host key (OpenSSH format); created with mode 0600 if missing.
    /// Default: host_ed25519 in the user's data directory (e.g. ~/.local/share/qari/).
    #[arg(long, value_name = "PATH")]
    pub host_key: Option<PathBuf>,
    /// Only clients holding one of these keys (OpenSSH authorized_keys format) may read.
    /// Without it, anyone may read, and no password is ever asked.
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// Readers at once.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_sessions: u32,
    /// Connections at once from one client address (an IPv6 /64 counts as one), readers and
    /// those still logging in.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_per_ip: u32,
    /// Connections still logging in at once (not reading yet); one more drops the oldest of
    /// those that got least far (no keys, then not authenticated), so that connections that
    /// say nothing cannot keep readers out.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_startups: u32,
    /// Close a session after this many seconds without input.
    #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..=86_400 * 365))]
    pub idle_timeout: u64,
    /// Drop a client that has no reader open this many seconds after connecting (ssh greeting,
    /// authentication, pty and shell), like OpenSSH's LoginGraceTime.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub login_grace: u64,
    /// Drop a client whose connection accepts no output for this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub write_timeout: u64,
    /// A file or a directory of .txt/.md files. Default: the bundled articles.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Where the host key lives when `--host-key` is not given.
fn default_host_key() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "qari")
        .context("no home directory to keep the host key in; pass --host-key PATH")?;
    Ok(dirs.data_dir().join("host_ed25519"))
}

/// Loads PATH (a file, a directory's .txt/.md files, `-` for stdin) or the bundled articles.
pub fn load_library(path: Option<&Path>) -> anyhow::Result<Library> {
    Ok(Library::open(path, crate::doc::Gazetteer::builtin())?)
}

/// Runs it: until SIGINT, SIGTERM or SIGHUP.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let mut library = load_library(args.path.as_deref())?;
    // Readers who ssh in see the directory's name, not where it is on the server, and the
    // files left out are the operator's business: logged here, not shown to them.
    let skipped = std::mem::take(&mut library.skipped);
    if let Some(dir) = args.path.as_deref().filter(|p| p.is_dir()) {
        // Its own name, also for `..` or `/` (the canonical path's last part, or `/`).
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        library.title = canonical
            .file_name()
            .map_or_else(|| "/".to_string(), |n| n.to_string_lossy().into_owned());
    }
    let library = Arc::new(library);
    let key_path = match args.host_key {
        Some(path) => path,
        None => default_host_key()?,
    };
    let (host_key, created) = hostkey::load_or_create(&key_path)?;
    let authorized_keys = match &args.authorized_keys {
        Some(path) => Some(hostkey::read_authorized_keys(path)?),
        None => None,
    };
    let opts = ServeOptions {
        max_sessions: usize::try_from(args.max_sessions).unwrap_or(usize::MAX),
        max_per_ip: usize::try_from(args.max_per_ip).unwrap_or(usize::MAX),
        max_startups: usize::try_from(args.max_startups).unwrap_or(usize::MAX),
        idle_timeout: Duration::from_secs(args.idle_timeout),
        login_grace: Duration::from_secs(args.login_grace),
        write_timeout: Duration::from_secs(args.write_timeout),
        authorized_keys,
    };
    ssh::tune_allocator();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("{}: cannot listen", args.listen))?;
        let local = listener.local_addr().context("no local address")?;
        // A directory's files that were left out (not UTF-8, binary…): said once, at start.
        for file in &skipped {
            ssh::log(format_args!("skipped {}", file.line));
        }
        ssh::log(format_args!(
            "host key {} ({}) {}",
            key_path.display(),
            if created { "created" } else { "loaded" },
            hostkey::fingerprint(host_key.public_key())
        ));
        ssh::log(format_args!(
            "listening on {local}: {} document(s), {}, at most {} sessions ({} per address, {} logging in), idle timeout {} s, login grace {} s, write timeout {} s",
            library.documents.len(),
            match &opts.authorized_keys {
                Some(keys) => format!("{} authorized key(s)", keys.len()),
                None => "open to anyone".to_string(),
            },
            opts.max_sessions,
            opts.max_per_ip,
            opts.max_startups,
            opts.idle_timeout.as_secs(),
            opts.login_grace.as_secs(),
            opts.write_timeout.as_secs()
        ));
        let (stop, shutdown) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            wait_for_signal().await;
            let _ = stop.send(true);
        });
        ssh::serve(listener, host_key, opts, library, Arc::new(Stats::default()), shutdown)
            .await
            .context("the server stopped")
    });
    // The last lines (the sessions' ends, "shutting down") are still in the log's queue.
    ssh::flush_log(Duration::from_secs(1));
    served
}

/// SIGINT, SIGTERM or SIGHUP (the terminal that started the server closed): every client's
/// screen is restored before the server exits.
async fn wait_for_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut hup)) =
        (signal(SignalKind::terminate()), signal(SignalKind::hangup()))
    else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
        _ = hup.recv() => {}
    }
}
