//! Load: 40 concurrent ssh readers on one `qari serve`, driven by a russh client in this process.
//! Each gets a screen and quits; the server's live-session count goes back to 0 and its memory
//! back near where it started. The memory figures are printed (`--nocapture`) for
//! docs/PERFORMANCE.md; only loose bounds are asserted, never a time.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{contains, temp_dir, wait_until_async, Client, Server};
use russh::client;
use russh::ChannelMsg;
use tokio::sync::Barrier;

const CLIENTS: usize = 40;

/// What one client saw.
#[derive(Debug, Default)]
struct Seen {
    bytes: usize,
    alternate_screen: bool,
    exit_status: Option<u32>,
}

/// One reader: connect, pty 80×24, shell, wait for a drawn screen, then (after `go`) quit.
async fn reader(port: u16, ready: Arc<Barrier>, go: Arc<Barrier>) -> Result<Seen, russh::Error> {
    let config = Arc::new(client::Config::default());
    let mut session = client::connect(config, ("127.0.0.1", port), Client::default()).await?;
    assert!(session.authenticate_none("reader").await?.success());
    let mut channel = session.channel_open_session().await?;
    channel.request_pty(true, "xterm-256color", 80, 24, 0, 0, &[]).await?;
    channel.request_shell(true).await?;
    let mut seen = Seen::default();
    let mut screen = Vec::new();
    // A screen: the alternate screen entered and a frame drawn down to its status bar's hint.
    while !(seen.alternate_screen && contains(&screen, b"help")) {
        match tokio::time::timeout(Duration::from_secs(30), channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => {
                seen.bytes += data.len();
                screen.extend_from_slice(&data);
                seen.alternate_screen = contains(&screen, b"\x1b[?1049h");
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => return Ok(seen),
        }
    }
    ready.wait().await;
    go.wait().await;
    channel.data(&b"q"[..]).await?;
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(30), channel.wait()).await {
        match msg {
            ChannelMsg::ExitStatus { exit_status } => seen.exit_status = Some(exit_status),
            ChannelMsg::Close => break,
            _ => {}
        }
    }
    let _ = session.disconnect(russh::Disconnect::ByApplication, "", "en").await;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_concurrent_readers_get_a_screen_and_leave_nothing_behind() {
    let dir = temp_dir("load");
    let server =
        Server::start(&dir.join("host_key"), &["--max-sessions", "64", "--max-per-ip", "64"]);

    // Warm up with one session so that one-time allocations count in the baseline.
    let warm = reader(server.port, Arc::new(Barrier::new(1)), Arc::new(Barrier::new(1)))
        .await
        .expect("warm-up session");
    assert_eq!(warm.exit_status, Some(0));
    server.wait_live(0).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let baseline = server.rss_kib();

    let (peak1, after1) = round(&server).await;
    // More rounds: if sessions leaked, memory would grow again by what they kept, each time.
    let (peak2, after2) = round(&server).await;
    let (_, after3) = round(&server).await;
    let (_, after4) = round(&server).await;

    let per_session = peak1.saturating_sub(baseline) / CLIENTS as u64;
    eprintln!(
        "RSS baseline {baseline} KiB; round 1: {CLIENTS} sessions {peak1} KiB \
         ({per_session} KiB per session), after {after1} KiB; round 2: {peak2} KiB, after {after2} KiB; round 3: after {after3} KiB; round 4: after {after4} KiB"
    );
    // The allocator keeps freed memory for reuse (per thread arena, so the plateau takes a round
    // or two to settle): "back to baseline" means each round ends below its peak, and later
    // rounds do not keep growing. A leak of even a quarter of each session's memory would add
    // 40 × that per round: more than half a round's worth over two rounds.
    // Disconnecting allocates a little (log lines, russh's close path): a few KiB above the
    // peak is noise, an eighth of a round's cost (5 sessions' worth) is not.
    let round_cost = peak1.saturating_sub(baseline);
    let slack = round_cost / 8;
    assert!(
        after1 <= peak1 + slack && after2 <= peak2 + slack,
        "memory grew after the sessions ended: {peak1} → {after1}, {peak2} → {after2} KiB"
    );
    assert!(
        after4.saturating_sub(after2) < round_cost / 2,
        "memory keeps growing: {after2} → {after3} → {after4} KiB (a round costs {round_cost} KiB)"
    );
    // The disconnect lines agree: every connection (and the warm-up) closed, none left open.
    wait_until_async("every disconnect line", Duration::from_secs(60), || {
        server.log_count("qari serve: disconnect ") > 4 * CLIENTS
    })
    .await;
    let log = server.log();
    let last = log.lines().rfind(|l| l.contains("live connections")).unwrap_or("");
    assert!(last.ends_with("(live connections: 0)"), "{last}");
}

/// 40 readers at once: all get a screen, all quit with status 0. Returns the server's RSS with
/// all of them live and after they are gone.
async fn round(server: &Server) -> (u64, u64) {
    let ready = Arc::new(Barrier::new(CLIENTS + 1));
    let go = Arc::new(Barrier::new(CLIENTS + 1));
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| tokio::spawn(reader(server.port, Arc::clone(&ready), Arc::clone(&go))))
        .collect();
    tokio::time::timeout(Duration::from_secs(120), ready.wait())
        .await
        .expect("all readers got a screen");
    server.wait_live(CLIENTS).await;
    let peak = server.rss_kib();
    go.wait().await;
    for task in tasks {
        let seen = task.await.expect("client task").expect("client session");
        assert!(seen.alternate_screen && seen.bytes > 0, "{seen:?}");
        assert_eq!(seen.exit_status, Some(0), "{seen:?}");
    }
    server.wait_live(0).await;
    // And their connections closed (the last disconnect line counts none left).
    server.wait_no_connections().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    (peak, server.rss_kib())
}
