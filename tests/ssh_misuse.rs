//! `qari serve` under misuse (issue 7), on loopback: clients that say nothing, send garbage
//! instead of ssh, ask for absurd terminal sizes, flood input, vanish in the middle of a frame
//! or stop reading, and come in greater numbers than the limits allow.
//!
//! Each test starts the real binary, measures its memory (RSS from /proc) after two warm-up
//! readers, misbehaves, then checks that the server still serves: a normal reader connects,
//! gets a drawn frame, answers a key and quits with status 0, and the server's RSS is back near
//! the baseline measured in the same test (generous slack: allocators keep freed memory).
//!
//! Every wait is bounded (a whole test is cut off after `TEST_LIMIT`); nothing asserts how long
//! something took. Clients are russh clients in this process; "other machines" are other
//! loopback addresses (127.0.0.2, …), which Linux lets a client bind to.

mod common;

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use common::{contains, temp_dir, wait_until_async, Client, Server, TempDir};
use russh::client;
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpSocket, TcpStream};

/// No test may take longer than this, whatever the server does.
const TEST_LIMIT: Duration = Duration::from_secs(50);
/// One wait for the server (a frame, a close, a message).
const WAIT: Duration = Duration::from_secs(15);
/// The size qari clamps client terminals to (src/ssh/session.rs, MAX_COLS × MAX_ROWS).
const MAX_COLS: u32 = 500;
const MAX_ROWS: u32 = 200;

fn localhost(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))
}

/// Runs a test body with a hard time limit: a hang fails the test instead of blocking the run.
async fn bounded(body: impl Future<Output = ()>) {
    tokio::time::timeout(TEST_LIMIT, body).await.expect("the test did not finish in time");
}

/// A TCP connection to the server from the loopback address `from`.
async fn tcp_from(port: u16, from: IpAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("socket");
    socket.bind(SocketAddr::new(from, 0)).expect("bind a loopback address");
    let to = SocketAddr::new(localhost(1), port);
    tokio::time::timeout(WAIT, socket.connect(to)).await.expect("connect in time").expect("connect")
}

/// Reads until the server closes the connection (EOF or reset); returns what it sent. Fails if
/// the connection is still open after `limit`.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> Vec<u8> {
    let deadline = tokio::time::Instant::now() + limit;
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => panic!("the server kept the connection open; it sent {got:?}"),
            Ok(Ok(0)) | Ok(Err(_)) => return got,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// Deterministic pseudo-random bytes (xorshift64), so that a failure can be replayed.
fn noise(len: usize, mut seed: u64, keep: impl Fn(u8) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend(seed.to_le_bytes().into_iter().filter(|&b| keep(b)));
    }
    out.truncate(len);
    out
}

/// A stream whose reads can be frozen: the client stops reading the socket (the server's writes
/// pile up), while its own writes still go through.
struct Freezable {
    inner: TcpStream,
    frozen: Arc<AtomicBool>,
}

impl AsyncRead for Freezable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.frozen.load(Ordering::SeqCst) {
            // Never woken again: this client never reads another byte.
            return Poll::Pending;
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Freezable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// An ssh connection made by a russh client over `stream`.
struct Ssh {
    handle: client::Handle<Client>,
    said: Arc<Mutex<Option<String>>>,
}

impl Ssh {
    async fn over<S>(stream: S) -> Result<Ssh, russh::Error>
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        Ssh::over_with(stream, client::Config::default()).await
    }

    async fn over_with<S>(stream: S, config: client::Config) -> Result<Ssh, russh::Error>
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let said = Arc::new(Mutex::new(None));
        let client = Client { said: Arc::clone(&said) };
        let config = Arc::new(config);
        let handle = tokio::time::timeout(WAIT, client::connect_stream(config, stream, client))
            .await
            .map_err(|_| russh::Error::ConnectionTimeout)??;
        Ok(Ssh { handle, said })
    }

    async fn from(port: u16, from: IpAddr) -> Result<Ssh, russh::Error> {
        Ssh::over(tcp_from(port, from).await).await
    }

    /// The server's disconnect message, once it arrives (at most `WAIT`).
    async fn disconnect_message(&self) -> String {
        wait_until_async("a disconnect message", WAIT, || {
            self.said.lock().expect("said").is_some()
        })
        .await;
        self.said.lock().expect("said").clone().unwrap_or_default()
    }

    /// Authenticates (`none`), opens a session channel with a pty of `cols`×`rows` and a shell.
    async fn open_reader(mut self, cols: u32, rows: u32) -> Result<Reader, russh::Error> {
        let auth = tokio::time::timeout(WAIT, self.handle.authenticate_none("reader"))
            .await
            .map_err(|_| russh::Error::ConnectionTimeout)??;
        if !auth.success() {
            return Err(russh::Error::NotAuthenticated);
        }
        self.shell(cols, rows).await
    }

    /// Once authenticated: opens a session channel with a pty of `cols`×`rows` and a shell.
    async fn shell(self, cols: u32, rows: u32) -> Result<Reader, russh::Error> {
        let Ssh { handle, said } = self;
        let step = async {
            let channel = handle.channel_open_session().await?;
            channel.request_pty(true, "xterm-256color", cols, rows, 0, 0, &[]).await?;
            channel.request_shell(true).await?;
            Ok::<_, russh::Error>(channel)
        };
        let channel = tokio::time::timeout(WAIT, step)
            .await
            .map_err(|_| russh::Error::ConnectionTimeout)??;
        let (mut read, write) = channel.split();
        let received = Arc::new(Mutex::new(Received::default()));
        let sink = Arc::clone(&received);
        // Always drained, so that a client busy sending never blocks on its own unread output.
        tokio::spawn(async move {
            loop {
                let msg = read.wait().await;
                let mut seen = sink.lock().expect("received");
                match msg {
                    Some(ChannelMsg::Data { data }) => seen.data.extend_from_slice(&data),
                    Some(ChannelMsg::ExtendedData { data, ext: 1 }) => {
                        seen.stderr.extend_from_slice(&data)
                    }
                    Some(ChannelMsg::ExitStatus { exit_status }) => {
                        seen.exit_status = Some(exit_status)
                    }
                    Some(ChannelMsg::Close) | None => {
                        seen.closed = true;
                        return;
                    }
                    Some(_) => {}
                }
            }
        });
        Ok(Reader { handle, write, received, said })
    }
}

#[derive(Default)]
struct Received {
    data: Vec<u8>,
    stderr: Vec<u8>,
    exit_status: Option<u32>,
    closed: bool,
}

/// A reader session (pty + shell) whose output is collected in the background.
struct Reader {
    handle: client::Handle<Client>,
    write: ChannelWriteHalf<client::Msg>,
    received: Arc<Mutex<Received>>,
    said: Arc<Mutex<Option<String>>>,
}

impl Reader {
    async fn open(port: u16, from: IpAddr, cols: u32, rows: u32) -> Reader {
        Ssh::from(port, from).await.expect("connect").open_reader(cols, rows).await.expect("reader")
    }

    /// Takes the output received so far.
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.received.lock().expect("received").data)
    }

    /// Waits until the output received since the last `take` satisfies `done`, and takes it.
    async fn wait_for(&self, what: &str, done: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        wait_until_async(what, WAIT, || {
            let seen = self.received.lock().expect("received");
            assert!(!seen.closed || done(&seen.data), "the session closed before {what}");
            done(&seen.data)
        })
        .await;
        self.take()
    }

    /// A drawn frame: the alternate screen entered and the status bar down to its `? help`.
    async fn frame(&self) -> Vec<u8> {
        self.wait_for("a drawn frame", |d| contains(d, b"\x1b[?1049h") && contains(d, b"help"))
            .await
    }

    async fn send(&self, bytes: &[u8]) {
        tokio::time::timeout(WAIT, self.write.data_bytes(bytes.to_vec()))
            .await
            .expect("input accepted in time")
            .expect("input sent");
    }

    /// `?` opens the help (its lines come from the keymap: "beginning" is one), `?` closes it.
    async fn answers_a_key(&self) {
        self.take();
        self.send(b"?").await;
        self.wait_for("the help screen", |d| contains(d, b"beginning")).await;
        self.send(b"?").await;
    }

    /// The same, trying again every half second: right after a flood, the server may still be
    /// dropping input it has no room for (by design), so a key may be lost, and the flood may
    /// have left a search line open (Esc, after the pause that makes it the Esc key, closes it).
    async fn answers_a_key_eventually(&self) {
        self.take();
        let start = tokio::time::Instant::now();
        loop {
            self.send(b"\x1b").await;
            tokio::time::sleep(Duration::from_millis(150)).await;
            self.send(b"?").await;
            tokio::time::sleep(Duration::from_millis(500)).await;
            if contains(&self.take(), b"beginning") {
                break;
            }
            assert!(start.elapsed() < WAIT, "no help screen after a flood");
        }
        self.send(b"?").await;
    }

    async fn resize(&self, cols: u32, rows: u32) {
        tokio::time::timeout(WAIT, self.write.window_change(cols, rows, 0, 0))
            .await
            .expect("window change in time")
            .expect("window change sent");
    }

    /// Ctrl-C (quits from any state of the reader); returns the exit status.
    async fn quit(self) -> Option<u32> {
        self.send(b"\x03").await;
        wait_until_async("the session to close", WAIT, || {
            self.received.lock().expect("received").closed
        })
        .await;
        let status = self.received.lock().expect("received").exit_status;
        let _ = self.handle.disconnect(russh::Disconnect::ByApplication, "", "en").await;
        status
    }
}

/// The last row and column (1-based) a frame draws anything in, on a terminal larger than the
/// clamped screen: what reaches past it would show there.
fn max_cursor(bytes: &[u8]) -> (u32, u32) {
    let (rows, cols) = (MAX_ROWS as u16 + 20, MAX_COLS as u16 + 20);
    let mut vt = vt100::Parser::new(rows, cols, 0);
    vt.process(bytes);
    let screen = vt.screen();
    let mut max = (0, 0);
    for row in 0..rows {
        for col in 0..cols {
            if screen.cell(row, col).is_some_and(|c| c.has_contents() && c.contents() != " ") {
                max = (max.0.max(u32::from(row) + 1), max.1.max(u32::from(col) + 1));
            }
        }
    }
    max
}

/// A server started for one test, with its memory measured after two warm-up readers.
struct Fixture {
    server: Server,
    port: u16,
    baseline_kib: u64,
    _dir: TempDir,
}

impl Fixture {
    async fn start(extra: &[&str]) -> Fixture {
        let dir = temp_dir("misuse");
        let server = Server::start(&dir.join("host_key"), extra);
        let port = server.port;
        // Warm up, so that one-time allocations (the first session, the runtime's threads)
        // count in the baseline.
        for _ in 0..2 {
            let reader = Reader::open(port, localhost(1), 80, 24).await;
            reader.frame().await;
            assert_eq!(reader.quit().await, Some(0));
        }
        let baseline_kib = settled_rss(&server).await;
        Fixture { server, port, baseline_kib, _dir: dir }
    }

    /// After a misuse: the server still runs; a normal reader connects, gets a drawn frame,
    /// answers a key and quits with status 0; and once everyone is gone, the server's memory is
    /// back near the baseline.
    async fn assert_recovered(&mut self, after: &str) {
        assert!(self.server.is_running(), "the server died after {after}");
        let reader = Reader::open(self.port, localhost(1), 80, 24).await;
        reader.frame().await;
        reader.answers_a_key().await;
        assert_eq!(reader.quit().await, Some(0), "after {after}");
        let rss = settled_rss(&self.server).await;
        self.assert_memory_near_baseline(rss, after);
    }

    /// Slack: half the baseline. A leak of what the misuse sent (megabytes of input, a screen
    /// of 10^10 cells, a session per vanished client) is far more; allocator noise is far less.
    fn assert_memory_near_baseline(&self, rss_kib: u64, after: &str) {
        let baseline = self.baseline_kib;
        eprintln!("{after}: RSS {rss_kib} KiB (baseline {baseline} KiB)");
        assert!(
            rss_kib <= baseline + baseline / 2,
            "memory did not come back after {after}: {baseline} KiB → {rss_kib} KiB"
        );
    }
}

/// RSS once no session and no connection is left (and freed memory had a moment to go back).
async fn settled_rss(server: &Server) -> u64 {
    server.wait_live(0).await;
    server.wait_no_connections().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.rss_kib()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_clients_are_dropped_after_the_login_grace() {
    bounded(async {
        let mut fx = Fixture::start(&["--login-grace", "1"]).await;
        let port = fx.port;

        // Connect and say nothing: as many as one address may hold (4), and a crowd of 40 more
        // from another address (beyond twice the per-address limit, closed at once).
        let mut silent = Vec::new();
        for _ in 0..4 {
            silent.push(tcp_from(port, localhost(2)).await);
        }
        let mut crowd = Vec::new();
        for _ in 0..40 {
            crowd.push(tcp_from(port, localhost(3)).await);
        }
        // Say only the ssh greeting, then nothing (stuck in the key exchange).
        let mut greeting_only = tcp_from(port, localhost(4)).await;
        greeting_only.write_all(b"SSH-2.0-silent\r\n").await.expect("write");
        // Authenticate, then open nothing.
        let mut idle = Ssh::from(port, localhost(5)).await.expect("connect");
        assert!(idle.handle.authenticate_none("idle").await.expect("auth").success());
        // Open a session channel and a pty, but never ask for the shell.
        let mut no_shell = Ssh::from(port, localhost(6)).await.expect("connect");
        assert!(no_shell.handle.authenticate_none("no-shell").await.expect("auth").success());
        let channel = no_shell.handle.channel_open_session().await.expect("channel");
        channel.request_pty(true, "xterm", 80, 24, 0, 0, &[]).await.expect("pty");

        // Meanwhile a reader from yet another address is served, and stays past the grace.
        let reader = Reader::open(port, localhost(1), 80, 24).await;
        reader.frame().await;

        // Every silent one is closed by the server (each had been sent its greeting).
        for stream in &mut silent {
            let got = read_until_closed(stream, WAIT).await;
            assert!(got.starts_with(b"SSH-2.0-qari"), "{got:?}");
        }
        for stream in &mut crowd {
            read_until_closed(stream, WAIT).await;
        }
        read_until_closed(&mut greeting_only, WAIT).await;
        for ssh in [&idle, &no_shell] {
            let said = ssh.disconnect_message().await;
            assert!(said.contains("no reader was opened in time"), "{said:?}");
        }
        fx.server.wait_log("no ssh greeting within 1 s");
        fx.server.wait_log("no reader opened within 1 s");

        // The address that held 4 silent connections has its slots back.
        let again = Reader::open(port, localhost(2), 80, 24).await;
        again.frame().await;
        assert_eq!(again.quit().await, Some(0));
        // The reader that was reading all along is not touched by the grace period.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        reader.answers_a_key().await;
        assert_eq!(reader.quit().await, Some(0));
        drop((silent, crowd, greeting_only, idle, no_shell, channel));
        fx.assert_recovered("silent clients").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_instead_of_ssh_is_refused() {
    bounded(async {
        // The grace period is long: these must be refused for what they send, not timed out.
        let mut fx = Fixture::start(&["--login-grace", "30"]).await;
        let port = fx.port;
        let mut packet_of_4_gib = b"SSH-2.0-ok\r\n".to_vec();
        packet_of_4_gib.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0a]);
        let mut banner_then_noise = b"SSH-2.0-ok\r\n".to_vec();
        banner_then_noise.extend(noise(64 * 1024, 7, |_| true));
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("an HTTP request", b"GET / HTTP/1.1\r\nHost: qari\r\n\r\n".to_vec()),
            ("1 MiB without a newline", vec![b'A'; 1 << 20]),
            ("64 KiB of noise", noise(64 * 1024, 42, |_| true)),
            ("lines of chatter before a greeting", b"hello\r\n".repeat(300)),
            ("a greeting, then noise", banner_then_noise),
            ("a greeting, then a packet of 4 GiB", packet_of_4_gib),
        ];
        for (what, bytes) in cases {
            let mut stream = tcp_from(port, localhost(1)).await;
            let (mut read, mut write) = stream.split();
            // The server may close while this is still being written: write errors are fine.
            let writing = async {
                let _ = write.write_all(&bytes).await;
            };
            let reading = async {
                let deadline = tokio::time::Instant::now() + WAIT;
                let mut buf = [0u8; 4096];
                loop {
                    match tokio::time::timeout_at(deadline, read.read(&mut buf)).await {
                        Err(_) => panic!("{what}: the server kept the connection open"),
                        Ok(Ok(0)) | Ok(Err(_)) => return,
                        Ok(Ok(_)) => {}
                    }
                }
            };
            tokio::join!(writing, reading);
            assert!(fx.server.is_running(), "the server died on {what}");
        }
        // Refused for what they sent (russh's words), not timed out: four bad greetings, two
        // bad packets.
        wait_until_async("a log line for each refusal", WAIT, || {
            fx.server.log_count("failed: invalid SSH version string") == 4
                && fx.server.log_count("ended with an error: Bad packet size") == 2
        })
        .await;
        assert!(!fx.server.log().contains("no ssh greeting within"), "{}", fx.server.log());
        fx.assert_recovered("garbage instead of ssh").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absurd_terminal_sizes_are_clamped() {
    bounded(async {
        let mut fx = Fixture::start(&[]).await;
        let port = fx.port;

        // A pty of 0×0 (a client that does not know its size): served as 80×24, a whole
        // reader (and the log says so); 1×1 is served as asked.
        let unknown = Reader::open(port, localhost(1), 0, 0).await;
        unknown.wait_for("an 80×24 frame", |d| contains(d, b"help")).await;
        fx.server.wait_log("xterm-256color 80x24");
        assert_eq!(unknown.quit().await, Some(0));
        let tiny = Reader::open(port, localhost(1), 1, 1).await;
        tiny.wait_for("a 1×1 frame", |d| contains(d, b"\x1b[?1049h") && d.len() > 60).await;
        fx.server.wait_log("xterm-256color 1x1");
        // Grown to a normal size, it is a normal reader (its status bar drawn down to `help`).
        tiny.resize(80, 24).await;
        tiny.wait_for("a frame at 80×24", |d| contains(d, b"help")).await;
        tiny.answers_a_key().await;
        assert_eq!(tiny.quit().await, Some(0));

        // What an honest client of the largest size costs, live: the yardstick for the next.
        let largest = Reader::open(port, localhost(1), MAX_COLS, MAX_ROWS).await;
        largest.frame().await;
        let largest_live = fx.server.rss_kib();
        assert_eq!(largest.quit().await, Some(0));

        // A pty of 100000×100000: served as MAX_COLS×MAX_ROWS, never as 10^10 cells. The frame
        // reaches the last row of the clamped screen and goes no further.
        let huge = Reader::open(port, localhost(1), 100_000, 100_000).await;
        let frame = huge.frame().await;
        let (row, col) = max_cursor(&frame);
        assert_eq!(row, MAX_ROWS, "cursor rows of the first frame");
        assert!(col <= MAX_COLS && col > 80, "cursor columns of the first frame: {col}");
        fx.server.wait_log(&format!("xterm-256color {MAX_COLS}x{MAX_ROWS}"));
        // Live, it costs about what the honest largest one cost (twice that, at most).
        let huge_live = fx.server.rss_kib();
        let largest_cost = largest_live.saturating_sub(fx.baseline_kib);
        eprintln!(
            "live RSS: baseline {} KiB, {MAX_COLS}×{MAX_ROWS} pty {largest_live} KiB, \
             100000×100000 pty {huge_live} KiB",
            fx.baseline_kib
        );
        assert!(
            huge_live <= largest_live + largest_cost,
            "a 100000×100000 pty costs more than a {MAX_COLS}×{MAX_ROWS} one: \
             {huge_live} KiB vs {largest_live} KiB"
        );

        // Window changes to absurd sizes, then back: each one is drawn, within the clamp.
        for (cols, rows) in [(0, 0), (100_000, 100_000), (u32::MAX, 1), (1, u32::MAX), (0, 0)] {
            huge.take();
            huge.resize(cols, rows).await;
            // A resize clears the screen and redraws it all (the rest of it a moment later).
            let mut drawn = huge
                .wait_for(&format!("a redraw at {cols}×{rows}"), |d| contains(d, b"\x1b[2J"))
                .await;
            tokio::time::sleep(Duration::from_millis(200)).await;
            drawn.extend(huge.take());
            let (row, col) = max_cursor(&drawn);
            assert!(row <= MAX_ROWS && col <= MAX_COLS, "{cols}×{rows}: cursor at {row};{col}");
        }
        huge.resize(100_000, 100_000).await;
        huge.resize(80, 24).await;
        huge.take();
        huge.answers_a_key().await;
        assert_eq!(huge.quit().await, Some(0));
        fx.assert_recovered("absurd terminal sizes").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_input_flood_is_bounded_and_the_session_still_answers() {
    bounded(async {
        let mut fx = Fixture::start(&[]).await;
        let port = fx.port;
        let reader = Reader::open(port, localhost(1), 80, 24).await;
        reader.frame().await;
        // 2 MiB of navigation keys (j, k, Tab, Enter, arrows, PgDn), then 2 MiB of noise that
        // never quits (no `q`, no Ctrl-C), then a search of 1 MiB of Arabic letters.
        let keys: &[&[u8]] = &[b"j", b"k", b"\t", b"\r", b"\x1b[B", b"\x1b[6~", b"\x1b[A", b"l"];
        let mut navigation = Vec::with_capacity(2 << 20);
        for byte in noise(2 << 20, 3, |_| true) {
            if navigation.len() >= 2 << 20 {
                break;
            }
            navigation.extend_from_slice(keys[usize::from(byte) % keys.len()]);
        }
        let garbage = noise(2 << 20, 11, |b| b != b'q' && b != 0x03);
        let mut search = b"/".to_vec();
        search.extend("خبر".repeat((1 << 20) / 6).as_bytes());
        search.push(b'\r');
        let mut peak = 0;
        for (what, flood) in
            [("navigation", navigation), ("noise", garbage), ("a 1 MiB search", search)]
        {
            for chunk in flood.chunks(256 * 1024) {
                reader.send(chunk).await;
                peak = peak.max(fx.server.rss_kib());
            }
            // Esc twice (after a pause each): out of a search line or a half-read sequence.
            for _ in 0..2 {
                reader.send(b"\x1b").await;
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
            assert!(fx.server.is_running(), "the server died on a flood of {what}");
        }
        // Memory stayed bounded while megabytes were coming in.
        fx.assert_memory_near_baseline(peak, "the peak during an input flood");
        // The flooded session still reads input: it answers a key, and Ctrl-C ends it cleanly.
        reader.answers_a_key_eventually().await;
        assert_eq!(reader.quit().await, Some(0));
        fx.assert_recovered("an input flood").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_vanishing_mid_frame_leave_nothing_behind() {
    bounded(async {
        let mut fx = Fixture::start(&["--max-per-ip", "64", "--max-sessions", "64"]).await;
        let port = fx.port;
        let mut tasks = Vec::new();
        for n in 0..12u32 {
            tasks.push(tokio::spawn(async move {
                let stream = tcp_from(port, localhost(1)).await;
                // A second handle on the same socket, to cut it from under the client.
                let std_stream = stream.into_std().expect("std stream");
                let cut = std_stream.try_clone().expect("clone");
                let stream = TcpStream::from_std(std_stream).expect("tokio stream");
                // A zero linger closes with a reset at once (no blocking drop, the reason for
                // the deprecation): the server sees the connection vanish, not a polite FIN.
                #[allow(deprecated)]
                stream.set_linger(Some(Duration::ZERO)).expect("linger");
                let reader = Ssh::over(stream).await.expect("connect").open_reader(500, 200).await;
                let reader = reader.expect("reader");
                // Large frames: the biggest screen, resized and redrawn; some clients vanish
                // before the first byte of output, the others after the first part of it.
                if n % 2 == 1 {
                    reader.wait_for("some output", |d| d.len() > 1000).await;
                }
                for i in 0..4 {
                    reader.resize(500 - i, 200 - i).await;
                }
                let _ = cut.shutdown(std::net::Shutdown::Both);
                // The client's task sees the end; the socket is closed with a reset.
                drop(reader);
            }));
        }
        for task in tasks {
            task.await.expect("client task");
        }
        fx.server.wait_live(0).await;
        fx.server.wait_no_connections().await;
        assert!(!fx.server.log().contains("panicked"), "{}", fx.server.log());
        fx.assert_recovered("clients vanishing mid-frame").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped_after_the_write_timeout() {
    bounded(async {
        let mut fx = Fixture::start(&["--write-timeout", "2"]).await;
        let port = fx.port;
        let frozen = Arc::new(AtomicBool::new(false));
        let stream =
            Freezable { inner: tcp_from(port, localhost(1)).await, frozen: Arc::clone(&frozen) };
        // A small channel window (64 KiB instead of 2 MiB): the server runs out of it after a
        // frame or two once this client stops reading (and so stops granting more).
        let config = client::Config { window_size: 64 * 1024, ..Default::default() };
        let ssh = Ssh::over_with(stream, config).await.expect("connect");
        let reader = ssh.open_reader(500, 200).await.expect("reader");
        reader.frame().await;
        let before = fx.server.log_count("disconnect ");
        frozen.store(true, Ordering::SeqCst);
        // Keep asking for full redraws of the largest screen until the server gives up on us:
        // its writes wait for a window (and a socket) that never opens again.
        let server = &fx.server;
        let mut i = 0u32;
        while server.live_sessions() != Some(0) {
            assert!(i < 2000, "the server never dropped the client that stopped reading");
            // A window change may itself block once the socket is full: that is fine too.
            let _ = tokio::time::timeout(
                Duration::from_millis(200),
                reader.write.window_change(500 - i % 2, 200 - i % 2, 0, 0),
            )
            .await;
            i += 1;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        fx.server.wait_log("Stalled after");
        // The connection goes with the session, while the client still holds its socket (QA
        // round 45: it stayed, and kept its address's slot, until the client left).
        wait_until_async("the stalled connection closed", Duration::from_secs(20), || {
            fx.server.log_count("disconnect ") > before
        })
        .await;
        assert_eq!(fx.server.live_connections(), Some(0), "{}", fx.server.log());
        drop(reader);
        fx.assert_recovered("a client that stopped reading").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_over_the_limits_are_refused_and_the_others_keep_reading() {
    bounded(async {
        let mut fx = Fixture::start(&["--max-sessions", "3", "--max-per-ip", "2"]).await;
        let port = fx.port;
        let first = Reader::open(port, localhost(1), 80, 24).await;
        let second = Reader::open(port, localhost(1), 80, 24).await;
        first.frame().await;
        second.frame().await;

        // A third from the same address: told why, in words.
        let third = Ssh::from(port, localhost(1)).await.expect("connect");
        assert!(third.open_reader(80, 24).await.is_err(), "a third reader from one address");
        let refused = Ssh::from(port, localhost(1)).await.expect("connect");
        let said = refused.disconnect_message_after_auth().await;
        assert!(said.contains("too many connections from your address (at most 2)"), "{said:?}");

        // Another address gets the last place; after it, the server is full for everyone.
        let other = Reader::open(port, localhost(2), 80, 24).await;
        other.frame().await;
        let full = Ssh::from(port, localhost(3)).await.expect("connect");
        let said = full.disconnect_message_after_auth().await;
        assert!(said.contains("the server is full (3 readers at once)"), "{said:?}");

        // A crowd of 30 more at once: each is refused or closed, none gets a reader.
        let crowd: Vec<_> = (0..30u8)
            .map(|n| {
                tokio::spawn(async move {
                    match Ssh::from(port, localhost(10 + n % 5)).await {
                        Ok(ssh) => ssh.open_reader(80, 24).await.is_ok(),
                        Err(_) => false,
                    }
                })
            })
            .collect();
        for task in crowd {
            assert!(!task.await.expect("crowd task"), "a reader over the limits");
        }

        // The three readers in were not disturbed: each still answers and quits cleanly.
        for reader in [first, second, other] {
            reader.answers_a_key().await;
            assert_eq!(reader.quit().await, Some(0));
        }
        fx.assert_recovered("clients over the limits").await;
    })
    .await;
}

impl Ssh {
    /// Authenticates with `none` and returns the message of the disconnect that follows (a
    /// refused client is let in only to be told why).
    async fn disconnect_message_after_auth(mut self) -> String {
        let _ = tokio::time::timeout(WAIT, self.handle.authenticate_none("refused")).await;
        self.disconnect_message().await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_still_logging_in_cannot_keep_readers_out() {
    // QA (session 14): 100 sockets that only said the ssh greeting, from 100 addresses, held
    // every reader's place and every refusal's for the whole login grace; a real user got a
    // bare reset. Those logging in now take no reader's place, and past `--max-startups` the
    // oldest of them makes room for a newcomer.
    bounded(async {
        let mut fx = Fixture::start(&["--max-sessions", "2", "--max-startups", "4"]).await;
        let port = fx.port;
        let before = fx.server.log_count("connections still logging in");

        // Eight that say the greeting and nothing more, two from each of four addresses
        // (within the per-address limit): more than the two readers' places, twice the pool.
        let mut silent = Vec::new();
        for n in 0..8u8 {
            let mut stream = tcp_from(port, localhost(2 + n / 2)).await;
            stream.write_all(b"SSH-2.0-silent\r\n").await.expect("write");
            silent.push(stream);
        }
        // Two readers from other addresses get in, well within the login grace (30 s).
        let first = Reader::open(port, localhost(6), 80, 24).await;
        first.frame().await;
        let second = Reader::open(port, localhost(7), 80, 24).await;
        second.frame().await;
        // The five oldest silent ones were dropped to make room: four pushed out by the other
        // four, one by the first reader (once reading, a reader leaves the pool, so the second
        // found it at three).
        for stream in &mut silent[..5] {
            read_until_closed(stream, WAIT).await;
        }
        // (The log is written by a thread of its own: its line may come after the close.)
        let server = &fx.server;
        let dropped = || server.log_count("connections still logging in") - before;
        wait_until_async("the drops logged", WAIT, || dropped() >= 5).await;
        assert_eq!(dropped(), 5);
        // The server is now full, and a newcomer is told so once it has authenticated.
        let full = Ssh::from(port, localhost(8)).await.expect("connect");
        let said = full.disconnect_message_after_auth().await;
        assert!(said.contains("the server is full (2 readers at once)"), "{said:?}");

        // A client that authenticated while there was room, and asks for its shell once the
        // last place is taken, is told on its stderr (its place was never promised).
        assert_eq!(second.quit().await, Some(0));
        fx.server.wait_live(1).await;
        let mut late = Ssh::from(port, localhost(9)).await.expect("connect");
        let auth = late.handle.authenticate_none("late").await.expect("auth");
        assert!(auth.success());
        let third = Reader::open(port, localhost(10), 80, 24).await;
        third.frame().await;
        let refused = late.shell(80, 24).await.expect("the shell request is answered");
        wait_until_async("the refused shell to close", WAIT, || {
            refused.received.lock().expect("received").closed
        })
        .await;
        {
            let seen = refused.received.lock().expect("received");
            let stderr = String::from_utf8_lossy(&seen.stderr);
            assert!(stderr.contains("the server is full (2 readers at once)"), "{stderr:?}");
            assert_eq!(seen.exit_status, Some(1));
            assert!(seen.data.is_empty(), "a refused client was drawn a reader");
        }

        for reader in [first, third] {
            reader.answers_a_key().await;
            assert_eq!(reader.quit().await, Some(0));
        }
        drop((silent, refused));
        fx.assert_recovered("connections still logging in").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn margins_are_used_only_after_the_terminal_says_it_has_them() {
    // The session asks the client's terminal about left/right margins (DECRQM for mode 69)
    // with its first frame and never waits: with TERM=xterm-256color and no answer, scrolls
    // move whole rows (no DECLRMM is ever sent); once the terminal answers "supported"
    // (`CSI ? 69 ; 2 $ y`), a scroll beside the side pane uses them. The answer is not a key
    // (Esc would have left the document for the list).
    bounded(async {
        let dir = temp_dir("margins");
        let server = Server::start(&dir.join("host_key"), &[]);
        let reader = Reader::open(server.port, localhost(1), 80, 24).await;
        let first = reader.frame().await;
        assert!(contains(&first, b"\x1b[?69$p"), "the question is asked with the first frame");
        let scroll = |key: &'static [u8]| {
            let reader = &reader;
            async move {
                reader.send(key).await;
                tokio::time::sleep(Duration::from_millis(600)).await;
                reader.take()
            }
        };
        for _ in 0..3 {
            let out = scroll(b"j").await;
            assert!(!contains(&out, b"\x1b[?69h"), "margins before any answer");
        }
        reader.send(b"\x1b[?69;2$y").await;
        let mut used = false;
        for _ in 0..3 {
            used |= contains(&scroll(b"j").await, b"\x1b[?69h");
        }
        assert!(used, "no margin scroll after the terminal said it has margins");
        // Still reading the document: `k` scrolls back (a list screen would not scroll).
        assert!(contains(&scroll(b"k").await, b"\x1b[?69h"));
        assert_eq!(reader.quit().await, Some(0));
    })
    .await;
}

/// QA round 51: once whatever read the server's log was gone (`qari serve … 2>&1 | head`, a
/// log collector restarted), the next log line killed the server (a panic on EPIPE) and every
/// reader with it. A log line that cannot be written is dropped; the server keeps serving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_has_authenticated_is_not_pushed_out_by_a_flood() {
    // Session 15's hostile test: the oldest still logging in made room for a newcomer, so a
    // reader 100 ms away was pushed out by a flood of 120 greetings a second. Sockets that
    // have only said the greeting now go first.
    bounded(async {
        let mut fx = Fixture::start(&["--max-startups", "4"]).await;
        let port = fx.port;
        let before = fx.server.log_count("connections still logging in");
        let mut early = Ssh::from(port, localhost(9)).await.expect("connect");
        assert!(early.handle.authenticate_none("early").await.expect("auth").success());
        let mut silent = Vec::new();
        for n in 0..8u8 {
            let mut stream = tcp_from(port, localhost(2 + n / 2)).await;
            stream.write_all(b"SSH-2.0-silent\r\n").await.expect("write");
            silent.push(stream);
        }
        // Five of the flood made room for the other three (the pool holds four), none of them
        // the client that came before them all.
        for stream in &mut silent[..5] {
            read_until_closed(stream, WAIT).await;
        }
        // (The log is written by a thread of its own: its line may come after the close.)
        let server = &fx.server;
        let dropped = || server.log_count("connections still logging in") - before;
        wait_until_async("the drops logged", WAIT, || dropped() >= 5).await;
        assert_eq!(dropped(), 5);
        let reader = early.shell(80, 24).await.expect("its shell");
        reader.frame().await;
        assert_eq!(reader.quit().await, Some(0));
        drop(silent);
        fx.assert_recovered("a flood while a client logged in").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stays_after_its_reader_ends_is_disconnected() {
    // Session 15's hostile test: a client that quit its reader but kept the connection kept
    // its socket and its address's place (no other channel may be opened on it).
    bounded(async {
        let mut fx = Fixture::start(&[]).await;
        let reader = Reader::open(fx.port, localhost(12), 80, 24).await;
        reader.frame().await;
        reader.send(b"q").await;
        wait_until_async("the reader to end", WAIT, || {
            reader.received.lock().expect("received").closed
        })
        .await;
        // The client says nothing more and does not disconnect: the server does.
        fx.server.wait_log("disconnect 127.0.0.12:");
        let said = {
            let said = reader.said.lock().expect("said");
            said.clone().unwrap_or_default()
        };
        assert!(said.contains("the reader has ended"), "{said:?}");
        drop(reader);
        fx.assert_recovered("a client that stayed").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_whose_log_is_not_read_keeps_serving() {
    // Session 14's leftover: with its stderr a pipe nobody read (`qari serve 2>&1 | less` left
    // on its first page), the server stopped accepting anyone after about 360 connections, once
    // its log lines filled the pipe. Lines now wait in a bounded queue; the surplus is dropped
    // and said so once the log is read again.
    use std::io::BufRead;
    bounded(async {
        let dir = temp_dir("stalledlog");
        let (server, mut log) = Server::start_reading_log(&dir.join("host_key"));
        let port = server.port;
        // The log is no longer read: 2,500 connections that leave at once (three lines each,
        // more than the pipe and the queue hold), each still greeted.
        for _ in 0..2500 {
            let mut stream = tcp_from(port, localhost(2)).await;
            let mut greeting = [0u8; 8];
            tokio::time::timeout(WAIT, stream.read_exact(&mut greeting))
                .await
                .expect("the server greets in time")
                .expect("a greeting");
            assert_eq!(&greeting, b"SSH-2.0-");
        }
        let reader = Reader::open(port, localhost(1), 80, 24).await;
        reader.frame().await;
        reader.answers_a_key().await;
        assert_eq!(reader.quit().await, Some(0));
        // Read again, the log says what it dropped, and goes on.
        // (A thread of its own, not the runtime's: a read that never ends must not keep the
        // test from ending; killing the server ends it.)
        let (said, saying) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let mut found = false;
            while !found && log.read_line(&mut line).is_ok_and(|n| n > 0) {
                found = line.contains("log line(s) dropped");
                line.clear();
            }
            let _ = said.send(found);
        });
        let again = Reader::open(port, localhost(1), 80, 24).await;
        again.frame().await;
        assert_eq!(again.quit().await, Some(0));
        let found = tokio::time::timeout(WAIT, saying).await;
        drop(server);
        assert!(matches!(found, Ok(Ok(true))), "no line said what was dropped: {found:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_whose_log_reader_is_gone_keeps_serving() {
    bounded(async {
        let dir = temp_dir("nolog");
        let (mut server, log) = Server::start_reading_log(&dir.join("host_key"));
        let port = server.port;
        // The log's reader goes away: the server's next lines meet a closed pipe.
        drop(log);
        for _ in 0..2 {
            let reader = Reader::open(port, localhost(1), 80, 24).await;
            reader.frame().await;
            reader.answers_a_key().await;
            assert_eq!(reader.quit().await, Some(0));
        }
        assert!(server.is_running(), "the server died without its log");
    })
    .await;
}
