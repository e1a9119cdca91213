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
    /// Connections at once (each has at most one session).
    pub max_sessions: usize,
    /// Connections at once from one client address.
    pub max_per_ip: usize,
    /// A session without input for this long is closed.
    pub idle_timeout: Duration,
    /// A write to a client that makes no progress for this long drops the client.
    pub write_timeout: Duration,
    /// Time from TCP connect to authentication (OpenSSH's LoginGraceTime).
    pub login_grace: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            authorized_keys: None,
            max_sessions: 64,
            max_per_ip: 4,
            idle_timeout: Duration::from_secs(600),
            write_timeout: Duration::from_secs(30),
            login_grace: Duration::from_secs(30),
        }
    }
}

/// Live counts, for logs and tests.
#[derive(Debug, Default)]
pub struct Stats {
    /// Admitted connections open now.
    pub connections: AtomicUsize,
    /// Connections being refused (told "full") now.
    pub refusing: AtomicUsize,
    /// Readers running now.
    pub sessions: AtomicUsize,
}

/// Decrements [`Stats::sessions`] when a session ends, however it ends.
pub struct LiveSession(Arc<Stats>);

impl Stats {
    pub fn session_started(self: &Arc<Self>) -> LiveSession {
        self.sessions.fetch_add(1, Ordering::SeqCst);
        LiveSession(Arc::clone(self))
    }
}

impl Drop for LiveSession {
    fn drop(&mut self) {
        self.0.sessions.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One log line on stderr. Never called with anything the client typed.
pub fn log(args: std::fmt::Arguments<'_>) {
    eprintln!("qari serve: {args}");
}

/// One log line made by `line` while stderr is locked: a count changed and read inside `line`
/// is logged in order, so the last line always shows the current count.
pub fn log_locked(line: impl FnOnce() -> String) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let text = line();
    let _ = writeln!(stderr, "qari serve: {text}");
}

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
        let _ = socket.set_nodelay(true);
        let authenticated = Arc::new(AtomicBool::new(false));
        let handler = server::Connection::new(
            peer,
            Arc::clone(&opts),
            Arc::clone(&library),
            Arc::clone(&stats),
            refusal,
            Arc::clone(&authenticated),
            shutdown.clone(),
            slot,
        );
        let config = Arc::clone(&config);
        let grace = opts.login_grace;
        let write_timeout = opts.write_timeout;
        tokio::spawn(connection(
            config,
            socket,
            peer,
            handler,
            authenticated,
            grace,
            write_timeout,
        ));
    }
    log(format_args!("shutting down"));
    // Sessions see the shutdown flag themselves; give them a moment to say goodbye.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
    while stats.sessions.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

async fn connection(
    config: Arc<russh::server::Config>,
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    handler: server::Connection,
    authenticated: Arc<AtomicBool>,
    grace: Duration,
    write_timeout: Duration,
) {
    let stream = stream::StallGuard::new(socket, write_timeout);
    let running = match russh::server::run_stream(config, stream, handler).await {
        Ok(running) => running,
        Err(err) => {
            log(format_args!("handshake with {peer} failed: {err}"));
            return;
        }
    };
    // OpenSSH's LoginGraceTime: a client that has not authenticated in time is dropped.
    let handle = running.handle();
    let mut running = std::pin::pin!(running);
    let result = tokio::select! {
        result = &mut running => result,
        () = tokio::time::sleep(grace) => {
            if !authenticated.load(Ordering::SeqCst) {
                let reason = "qari: authentication took too long".to_string();
                let _ = tokio::time::timeout(
                    Duration::from_secs(5),
                    handle.disconnect(russh::Disconnect::ByApplication, reason, String::new()),
                )
                .await;
            }
            drop(handle);
            running.await
        }
    };
    match result {
        Ok(()) => {}
        // A client closing its socket without a goodbye is normal, not worth a log line.
        Err(russh::Error::IO(err))
            if matches!(
                err.kind(),
                std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::BrokenPipe
            ) => {}
        Err(err) => log(format_args!("connection {peer} ended with an error: {err}")),
    }
}
