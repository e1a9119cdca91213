//! Helpers shared by the `qari serve` tests (ssh_serve, ssh_load, ssh_misuse): a temporary
//! directory, a bounded wait, and the real binary started as a server on a free loopback port;
//! and by the screen tests (scroll_bytes, encode_props): a writer whose bytes a test takes.
//!
//! Each test binary uses only part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A number unique in this test process (for names of directories, tmux sockets…).
pub fn next_id() -> usize {
    COUNTER.fetch_add(1, Ordering::SeqCst)
}

/// A fresh, empty directory under the system's temporary directory, unique to this process and
/// call; removed with everything in it when dropped.
pub fn temp_dir(tag: &str) -> TempDir {
    let n = next_id();
    let dir = std::env::temp_dir().join(format!("qari-ssh-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// A directory that is removed when dropped (see [`temp_dir`]); derefs to its path.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Polls `done` every 50 ms; fails the test after `limit`.
pub fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The same, for async tests: sleeps on the runtime instead of blocking its thread.
pub async fn wait_until_async(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The binary under test: Cargo's, or `$QARI_BIN` when set. On a machine where several
/// worktrees share one `CARGO_TARGET_DIR`, `target/debug/qari` is whichever worktree built last;
/// copying one's own build aside and pointing `QARI_BIN` at it makes the run test that build.
pub fn qari_bin() -> PathBuf {
    std::env::var_os("QARI_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_qari")), PathBuf::from)
}

/// A running `qari serve` (the real binary) on `127.0.0.1:0`, killed on drop. Its stderr (the
/// log) is collected by a thread; the port is read from the "listening on" line.
pub struct Server {
    pub child: Child,
    pub port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts the server with its host key at `host_key` and `extra` arguments.
    pub fn start(host_key: &Path, extra: &[&str]) -> Server {
        let mut child = spawn_server(host_key, extra);
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().expect("log");
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut server = Server { child, port: 0, log };
        wait_until("the server to listen", Duration::from_secs(30), || {
            server.port = listening_port(&server.log()).unwrap_or(0);
            server.port != 0
        });
        server
    }

    /// A server whose log the test reads itself, or stops reading: its stderr, read up to the
    /// line that says where it listens (the server's own `log` stays empty).
    pub fn start_reading_log(host_key: &Path) -> (Server, BufReader<ChildStderr>) {
        let mut child = spawn_server(host_key, &[]);
        let mut log = BufReader::new(child.stderr.take().expect("stderr"));
        let mut line = String::new();
        let port = loop {
            line.clear();
            assert!(log.read_line(&mut line).expect("read the log") > 0, "no listening line");
            if let Some(port) = listening_port(&line) {
                break port;
            }
        };
        (Server { child, port, log: Arc::new(Mutex::new(String::new())) }, log)
    }

    /// Everything the server logged so far.
    pub fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }

    /// Waits (at most 20 s) for `needle` to appear in the log.
    pub fn wait_log(&self, needle: &str) {
        wait_until(&format!("{needle:?} in the server log"), Duration::from_secs(20), || {
            self.log().contains(needle)
        });
    }

    /// How many times `needle` occurs in the log.
    pub fn log_count(&self, needle: &str) -> usize {
        self.log().matches(needle).count()
    }

    /// The server's resident memory, in KiB, from /proc.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("VmRSS")
    }

    /// The live-session count of the server's last session line.
    pub fn live_sessions(&self) -> Option<usize> {
        count_after(&self.log(), "(live sessions: ")
    }

    /// The live-connection count of the server's last disconnect line.
    pub fn live_connections(&self) -> Option<usize> {
        count_after(&self.log(), "(live connections: ")
    }

    /// Waits (at most 60 s) for the live-session count to be `n`.
    pub async fn wait_live(&self, n: usize) {
        wait_until_async(&format!("{n} live sessions"), Duration::from_secs(60), || {
            self.live_sessions() == Some(n)
        })
        .await;
    }

    /// Waits (at most 60 s) for every connection to be closed.
    pub async fn wait_no_connections(&self) {
        wait_until_async("all connections closed", Duration::from_secs(60), || {
            self.live_connections() == Some(0)
        })
        .await;
    }

    /// Whether the server process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

/// `qari serve` on a free loopback port with its host key at `host_key` and `extra` arguments,
/// its log on a pipe.
fn spawn_server(host_key: &Path, extra: &[&str]) -> Child {
    Command::new(qari_bin())
        .args(["serve", "--listen", "127.0.0.1:0", "--host-key"])
        .arg(host_key)
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start qari serve")
}

/// The port in the log's "listening on 127.0.0.1:PORT:" line, if `log` has it.
fn listening_port(log: &str) -> Option<u16> {
    log.split("listening on 127.0.0.1:").nth(1)?.split(':').next()?.parse().ok()
}

/// The number in `(label N)` on the last line that has it.
fn count_after(log: &str, label: &str) -> Option<usize> {
    let last = log.lines().rfind(|l| l.contains(label))?;
    last.split(label).nth(1)?.trim_end_matches(')').parse().ok()
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // The test failed: its server's side of the story (the last lines) helps.
            let log = self.log();
            let tail: Vec<&str> = log.lines().rev().take(60).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            eprintln!("--- the server's log (last lines) ---\n{}", tail.join("\n"));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The russh client handler: accepts the host key, remembers the server's disconnect message.
#[derive(Default)]
pub struct Client {
    pub said: Arc<Mutex<Option<String>>>,
}

impl russh::client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }

    async fn disconnected(
        &mut self,
        reason: russh::client::DisconnectReason<Self::Error>,
    ) -> Result<(), Self::Error> {
        match reason {
            russh::client::DisconnectReason::ReceivedDisconnect(info) => {
                *self.said.lock().expect("said") = Some(info.message);
                Ok(())
            }
            russh::client::DisconnectReason::Error(err) => Err(err),
        }
    }
}

/// A writer whose bytes the test takes after each frame.
#[derive(Clone, Default)]
pub struct Shared(pub std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
