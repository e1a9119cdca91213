//! `qari serve`: an ssh server (russh) where every client gets its own reader.
//!
//! A client connects (`ssh -p 2222 host`), asks for a pty and a shell on one session channel, and
//! reads: input bytes are parsed by [`input`] into `app::Event`s, the same `app::Reader` as the
//! local terminal handles them, and `ui::draw` paints into a [`backend::ChannelBackend`] sized by
//! the client's pty. Nothing else is offered: no commands, subsystems, forwarding or second
//! channels ([`server`] refuses each explicitly).
//!
//! Layers: [`serve`] accepts TCP connections and applies the connection limits; [`server`] is the
//! russh handler of one connection; [`session`] is one reader, on its own task.

pub mod backend;
pub mod hostkey;
pub mod input;
pub mod server;
pub mod session;
pub mod stream;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use russh::keys::{PrivateKey, PublicKey};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::app::Library;

/// How the server runs (from `qari serve`'s arguments).
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// `None`: anyone may read. `Some`: only these keys, proven by a signature.
    pub authorized_keys: Option<Vec<PublicKey>>,
    /// Readers at once (each connection has at most one).
    pub max_sessions: usize,
    /// Connections at once from one client address (an IPv6 /64 counts as one address),
    /// readers and those still logging in.
    pub max_per_ip: usize,
    /// Connections still logging in at once (from the TCP connect until the reader opens).
    /// When one more comes, one of them is dropped to make room (the oldest of those that got
    /// least far: [`server::Stage`]), so that connections that say nothing cannot keep new
    /// readers out for the login grace (OpenSSH's MaxStartups drops the newcomer instead, at
    /// random).
    pub max_startups: usize,
    /// A session without input for this long is closed.
    pub idle_timeout: Duration,
    /// A write to a client that makes no progress for this long drops the client.
    pub write_timeout: Duration,
    /// Time from TCP connect to a running reader (ssh greeting, key exchange, authentication,
    /// pty and shell requests), like OpenSSH's LoginGraceTime; a client that takes longer, or
    /// sends nothing at all, is dropped.
    pub login_grace: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            authorized_keys: None,
            max_sessions: 64,
            max_per_ip: 4,
            max_startups: 64,
            idle_timeout: Duration::from_secs(600),
            write_timeout: Duration::from_secs(30),
            login_grace: Duration::from_secs(30),
        }
    }
}

/// Live counts, for logs and tests.
#[derive(Debug, Default)]
pub struct Stats {
    /// Admitted connections open now (readers and those still logging in).
    pub connections: AtomicUsize,
    /// Connections being refused (told "too many from your address") now.
    pub refusing: AtomicUsize,
    /// Readers running now.
    pub sessions: AtomicUsize,
}

/// Decrements [`Stats::sessions`] when a session ends, however it ends.
pub struct LiveSession(Arc<Stats>);

impl Stats {
    /// Takes a reader's place, if fewer than `max` are taken.
    pub fn try_session_started(self: &Arc<Self>, max: usize) -> Option<LiveSession> {
        let taken = self
            .sessions
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1));
        taken.ok().map(|_| LiveSession(Arc::clone(self)))
    }
}

impl Drop for LiveSession {
    fn drop(&mut self) {
        self.0.sessions.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Log lines waiting for stderr, at most; more are dropped (and counted) until it is read.
const LOG_QUEUE: usize = 4096;

/// The server's log: lines go into a bounded queue, and a thread of their own writes them to
/// stderr. A log nobody reads (a `| less` left on its first page, a stalled journal) fills the
/// pipe and blocks that thread, never the server: it wrote to stderr itself, and stopped
/// accepting anyone once about 64 KB of lines had not been read.
struct Log {
    /// Taken to queue a line: lines are written in the order they were queued.
    queue: std::sync::Mutex<std::sync::mpsc::SyncSender<String>>,
    /// Lines queued and not written yet.
    pending: Arc<AtomicUsize>,
    /// Lines dropped since the last one written.
    dropped: Arc<AtomicUsize>,
}

fn the_log() -> &'static Log {
    static LOG: std::sync::OnceLock<Log> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<String>(LOG_QUEUE);
        let pending = Arc::new(AtomicUsize::new(0));
        let dropped = Arc::new(AtomicUsize::new(0));
        let (written, lost) = (Arc::clone(&pending), Arc::clone(&dropped));
        // Without a thread for the log (none can be made), every line is dropped: the queue's
        // other end is gone.
        let _ = std::thread::Builder::new().name("qari-log".into()).spawn(move || {
            use std::io::Write;
            for line in rx {
                let mut stderr = std::io::stderr().lock();
                let n = lost.swap(0, Ordering::SeqCst);
                if n > 0 {
                    let _ = writeln!(
                        stderr,
                        "qari serve: {n} log line(s) dropped: the log was not read in time"
                    );
                }
                // A log nobody reads any more (a `| tee` that died) must not stop the server:
                // a line that cannot be written is dropped.
                let _ = writeln!(stderr, "qari serve: {line}");
                drop(stderr);
                written.fetch_sub(1, Ordering::SeqCst);
            }
        });
        Log { queue: std::sync::Mutex::new(tx), pending, dropped }
    })
}

impl Log {
    /// Queues `line()`, made while the queue is held (see [`log_locked`]).
    fn push(&self, line: impl FnOnce() -> String) {
        let queue = self.queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let text = line();
        self.pending.fetch_add(1, Ordering::SeqCst);
        if queue.try_send(text).is_err() {
            self.pending.fetch_sub(1, Ordering::SeqCst);
            self.dropped.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// One log line on stderr. Never called with anything the client typed.
pub fn log(args: std::fmt::Arguments<'_>) {
    the_log().push(|| args.to_string());
}

/// One log line made by `line` while the log's queue is held: a count changed and read inside
/// `line` is logged in order, so the last line always shows the current count.
pub fn log_locked(line: impl FnOnce() -> String) {
    the_log().push(line);
}

/// Waits (at most `limit`) until every queued log line is written: before the process exits.
pub fn flush_log(limit: Duration) {
    let log = the_log();
    let deadline = std::time::Instant::now() + limit;
    while log.pending.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Keeps glibc's mmap threshold fixed (at its initial 128 KiB): large blocks (a screen's cells,
/// a frame's bytes) are then always mapped on their own and unmapped when freed. It is
/// process-wide, so `qari serve` calls it before starting, not [`serve`].
///
/// By default glibc raises the threshold each time such a block is freed, so that the next
/// screens are carved out of its per-thread arenas, which keep the memory after the session
/// ends: the RSS of a server that served a burst of large screens stayed at the burst's height
/// (tests/ssh_misuse.rs: +5 to +40 MB after 500×200 clients, with under 0.5 MB in use; fixed,
/// it comes back to within a few hundred KiB of where it was).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune_allocator() {
    // SAFETY: mallopt only sets a malloc parameter; glibc locks its arenas to change it.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Gives the heap's free pages back to the system once a session has ended.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn trim_allocator() {
    // SAFETY: malloc_trim only releases free memory; glibc locks its arenas to do it.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators: nothing to do.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn trim_allocator() {}

/// Other allocators (musl, macOS) give large blocks back on their own: nothing to do.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune_allocator() {}

/// The russh configuration: only `none` and `publickey` auth, constant-time rejections, timeouts.
pub fn russh_config(host_key: PrivateKey, opts: &ServeOptions) -> russh::server::Config {
    use russh::MethodKind;
    let methods: &[MethodKind] = if opts.authorized_keys.is_some() {
        &[MethodKind::PublicKey]
    } else {
        &[MethodKind::None, MethodKind::PublicKey]
    };
    russh::server::Config {
        server_id: russh::SshId::Standard(
            concat!("SSH-2.0-qari_", env!("CARGO_PKG_VERSION")).into(),
        ),
        methods: russh::MethodSet::from(methods),
        auth_rejection_time: Duration::from_secs(1),
        // OpenSSH probes with `none` first: answering that at once costs nothing.
        auth_rejection_time_initial: Some(Duration::from_millis(0)),
        max_auth_attempts: 6,
        keys: vec![host_key],
        // A backstop: sessions close themselves after the idle timeout.
        inactivity_timeout: Some(opts.idle_timeout + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(60)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    }
}

/// Accepts connections on `listener` until `shutdown` becomes true, then asks every session to
/// restore its client's screen and waits (a few seconds at most) for them to end.
pub async fn serve(
    listener: TcpListener,
    host_key: PrivateKey,
    opts: ServeOptions,
    library: Arc<Library>,
    stats: Arc<Stats>,
    mut shutdown: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let config = Arc::new(russh_config(host_key, &opts));
    let opts = Arc::new(opts);
    let limits = Arc::new(server::Limits::default());
    loop {
        let (socket, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(err) => {
                    // EMFILE and friends: wait a little instead of spinning, keep serving.
                    log(format_args!("accept failed: {err}"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = shutdown.wait_for(|&down| down) => break,
        };
        let Some((slot, refusal)) = limits.admit(peer.ip(), &stats, &opts) else {
            log(format_args!("dropped {peer}: too many connections"));
            drop(socket);
            continue;
        };
        log(format_args!("connect {peer}"));
        let (evicted, stage) = (slot.evicted(), slot.stage());
        let _ = socket.set_nodelay(true);
        let reading = Arc::new(AtomicBool::new(false));
        let handler = server::Connection::new(
            peer,
            Arc::clone(&opts),
            Arc::clone(&library),
            Arc::clone(&stats),
            refusal,
            Arc::clone(&reading),
            shutdown.clone(),
            slot,
        );
        let config = Arc::clone(&config);
        let write_timeout = opts.write_timeout;
        let ending =
            Ending { grace: opts.login_grace, evicted, stage, max_startups: opts.max_startups };
        tokio::spawn(connection(config, socket, peer, handler, reading, ending, write_timeout));
    }
    log(format_args!("shutting down"));
    // Sessions see the shutdown flag themselves; give them a moment to say goodbye (3 s at
    // most), and then their connections to send it (0.5 s more at most): a session that has
    // ended may still have its goodbye (the bytes that restore the client's screen) queued, lost
    // if the process exits first. A connection that never opened a session holds no goodbye
    // and does not get the whole wait.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
    while stats.sessions.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let flushed = tokio::time::Instant::now() + Duration::from_millis(500);
    while stats.connections.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < flushed {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// How long a client being dropped has to take its goodbye before its stream is cut.
const GOODBYE: Duration = Duration::from_secs(2);

/// What ends a connection that has not opened its reader.
struct Ending {
    /// The login grace period.
    grace: Duration,
    /// Notified when it is the oldest still logging in and a newcomer needs its place.
    evicted: Arc<tokio::sync::Notify>,
    /// How far it has come in logging in.
    stage: server::StageCell,
    max_startups: usize,
}

/// Why a connection that has not opened its reader is dropped.
#[derive(Clone, Copy)]
enum Dropped {
    Grace,
    Evicted,
}

impl Dropped {
    fn line(self, peer: SocketAddr, grace: Duration, max_startups: usize) -> String {
        match self {
            Dropped::Grace => {
                format!("dropped {peer}: no reader opened within {} s", grace.as_secs())
            }
            Dropped::Evicted => {
                format!("dropped {peer}: the oldest of {max_startups} connections still logging in")
            }
        }
    }
}

async fn connection(
    config: Arc<russh::server::Config>,
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    mut handler: server::Connection,
    reading: Arc<AtomicBool>,
    ending: Ending,
    write_timeout: Duration,
) {
    let Ending { grace, evicted, stage, max_startups } = ending;
    // The grace period starts at the TCP connect and covers the ssh greeting too: a client that
    // connects and sends nothing must not hold its slot until russh's own inactivity timeout.
    let deadline = tokio::time::Instant::now() + grace;
    let (stream, cut) = stream::StallGuard::new(socket, write_timeout);
    handler.set_cut(cut.clone());
    let handshake = russh::server::run_stream(config, stream, handler);
    let running = tokio::select! {
        started = tokio::time::timeout_at(deadline, handshake) => match started {
            Ok(Ok(running)) => running,
            Ok(Err(err)) => {
                log(format_args!("handshake with {peer} failed: {err}"));
                return;
            }
            Err(_) => {
                // Dropping the handshake drops the handler (its slot) and closes the socket.
                log(format_args!("dropped {peer}: no ssh greeting within {} s", grace.as_secs()));
                return;
            }
        },
        () = evicted.notified() => {
            log(format_args!("{}", Dropped::Evicted.line(peer, grace, max_startups)));
            return;
        }
    };
    // OpenSSH's LoginGraceTime: a client that is not reading by the deadline is dropped; so is
    // one that is not reading yet when it must make room for a newcomer.
    let handle = running.handle();
    let mut running = std::pin::pin!(running);
    let why = tokio::select! {
        result = &mut running => Ok(result),
        () = tokio::time::sleep_until(deadline) => Err(Dropped::Grace),
        () = evicted.notified() => Err(Dropped::Evicted),
    };
    let result = match why {
        Ok(result) => result,
        Err(_) if reading.load(Ordering::SeqCst) => {
            drop(handle);
            running.await
        }
        Err(why) => {
            log(format_args!("{}", why.line(peer, grace, max_startups)));
            let reason = match why {
                Dropped::Grace => "qari: no reader was opened in time",
                Dropped::Evicted => {
                    "qari: the server is busy with new connections; please try again"
                }
            };
            // Without keys nothing can be said (session 15's hostile test: a flood's pushed-out
            // sockets each stayed 2 s more, holding a file descriptor): cut off at once.
            let keyed = stage.load(Ordering::SeqCst) >= server::Stage::Keyed as u8;
            let wait = if keyed { GOODBYE } else { Duration::ZERO };
            if keyed {
                let bye = handle.disconnect(
                    russh::Disconnect::ByApplication,
                    reason.into(),
                    String::new(),
                );
                let _ = tokio::time::timeout(GOODBYE, bye).await;
            }
            drop(handle);
            match tokio::time::timeout(wait, &mut running).await {
                Ok(result) => result,
                Err(_) => {
                    // A client stuck in the key exchange cannot even be told: cut it off.
                    cut.cut();
                    running.await
                }
            }
        }
    };
    match result {
        Ok(()) => {}
        // A client closing its socket without a goodbye is normal, not worth a log line; nor is
        // one we cut off (already logged).
        Err(russh::Error::IO(err))
            if matches!(
                err.kind(),
                std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::ConnectionAborted
            ) => {}
        Err(err) => log(format_args!("connection {peer} ended with an error: {err}")),
    }
}
