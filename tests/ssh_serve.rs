//! `qari serve` end to end with OpenSSH's own client (`ssh`, `sftp`, `ssh-keygen`), on loopback.
//!
//! Each test starts the real binary on a free port (`--listen 127.0.0.1:0`, the port read from
//! its log) with a host key in a temporary directory. Interactive sessions run `ssh -tt` inside
//! a private tmux server so that the client has a real terminal of a known size. Every wait is
//! bounded; nothing asserts a duration.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{next_id, temp_dir, wait_until, Server};

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Skips (with a note) when the OpenSSH client or tmux is missing; scripts/test installs them.
macro_rules! require_tools {
    ($($tool:expr),*) => {
        $(if !have($tool) {
            eprintln!("skipped: {} is not installed", $tool);
            return;
        })*
    };
}

/// Common options: this port, no host key prompts or files, never a password prompt.
fn ssh_options() -> Vec<String> {
    [
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "ConnectTimeout=10",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Runs OpenSSH's `ssh` against `server` with `args` (bounded to 20 s).
fn ssh(server: &Server, args: &[&str]) -> Output {
    let output = Command::new("timeout")
        .args(["20", "ssh", "-p", &server.port.to_string()])
        .args(ssh_options())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run ssh");
    assert_ne!(output.status.code(), Some(124), "ssh {args:?} hung");
    output
}

/// A private tmux server running one interactive `ssh -tt` to the server.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn ssh(server: &Server, cols: u16, rows: u16, ssh_extra: &str) -> Tmux {
        let n = next_id();
        let socket = format!("qari-ssh-test-{}-{n}", std::process::id());
        let command = format!(
            "TERM=xterm-256color ssh -tt -p {} {} {ssh_extra} localhost; echo EXIT=$?; sleep 60",
            server.port,
            ssh_options().join(" ")
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &cols.to_string(), "-y", &rows.to_string(), &command])
            .status()
            .expect("tmux");
        assert!(status.success());
        Tmux { socket }
    }

    fn run(&self, args: &[&str]) -> String {
        let out =
            Command::new("tmux").args(["-L", &self.socket]).args(args).output().expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p"])
    }

    fn keys(&self, keys: &str) {
        for key in keys.split_whitespace() {
            self.run(&["send-keys", key]);
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn wait_screen(&self, what: &str, mut test: impl FnMut(&str) -> bool) -> String {
        let mut last = String::new();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            last = self.screen();
            if test(&last) {
                return last;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; screen:\n{last}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

/// The first words of the bundled article in the order a terminal shows them (visual, shaped
/// into presentation forms, lam-alef as one ligature), computed by GNU FriBidi, independently
/// of qari's own layout.
fn first_words_visual() -> String {
    let text = qari::SEEDS[0].1;
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    let mut child = Command::new("fribidi")
        .args(["--rtl", "--nopad", "--nobreak"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("fribidi");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(words.join(" ").as_bytes()).expect("write");
    let out = child.wait_with_output().expect("fribidi output");
    // FriBidi leaves U+FEFF where a lam-alef ligature swallowed the alef (الأمين): drop it.
    String::from_utf8(out.stdout).expect("utf-8").replace('\u{FEFF}', "").trim().to_string()
}

#[test]
fn a_client_gets_a_screen_of_its_own_size_and_quits_cleanly() {
    require_tools!("ssh", "tmux");
    let dir = temp_dir("screen");
    let server = Server::start(&dir.join("host_key"), &[]);
    let tmux = Tmux::ssh(&server, 100, 30, "");
    // The reader is sized by the client's pty (100×30), not by anything on the server side.
    server.wait_log("xterm-256color 100x30 colours Indexed256");
    tmux.wait_screen("a drawn screen", |s| !s.trim().is_empty());
    tmux.keys("q");
    // Back on the main screen: the shell line after ssh shows the exit status.
    let screen = tmux.wait_screen("ssh to exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");
    server.wait_log(": Quit after");
    server.wait_log("(live sessions: 0)");
}

/// A directory served: readers see its name and its documents, not where it is on the server
/// nor which files were left out and why (those go to the server's log).
#[test]
fn a_served_directory_shows_readers_its_name_not_its_path_or_what_was_skipped() {
    require_tools!("ssh", "tmux");
    let dir = temp_dir("servedir");
    let news = dir.join("private-news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(news.join("a.txt"), "الخبر الأول عن اليابان.\n").unwrap();
    std::fs::write(news.join("b.txt"), "الخبر الثاني عن الصين.\n").unwrap();
    std::fs::write(news.join("broken.txt"), b"abc\xff").unwrap();
    let server = Server::start(&dir.join("host_key"), &[news.to_str().unwrap()]);
    server.wait_log("skipped");
    assert!(server.log().contains("broken.txt"), "{}", server.log());
    let tmux = Tmux::ssh(&server, 100, 30, "");
    let screen = tmux.wait_screen("the list", |s| s.contains("a.txt") && s.contains("b.txt"));
    assert!(screen.contains("private-news"), "{screen}");
    let parent = dir.to_string_lossy();
    assert!(!screen.contains(parent.as_ref()), "{screen}");
    assert!(!screen.contains("skipped") && !screen.contains("broken"), "{screen}");
    tmux.keys("q");
    tmux.wait_screen("ssh to exit", |s| s.contains("EXIT="));
    drop(tmux);
    drop(server);
    // Given as `…/sub/..`, the directory is still shown by its own name.
    std::fs::create_dir_all(news.join("sub")).unwrap();
    let dotted = news.join("sub").join("..");
    let server = Server::start(&dir.join("host_key"), &[dotted.to_str().unwrap()]);
    let tmux = Tmux::ssh(&server, 100, 30, "");
    let screen = tmux.wait_screen("the list", |s| s.contains("a.txt") && s.contains("b.txt"));
    assert!(screen.contains("qari · private-news"), "{screen}");
    assert!(!screen.contains(".."), "{screen}");
    tmux.keys("q");
    tmux.wait_screen("ssh to exit", |s| s.contains("EXIT="));
}

#[test]
fn ctrl_c_also_ends_the_session_with_status_zero() {
    require_tools!("ssh", "tmux");
    let dir = temp_dir("ctrlc");
    let server = Server::start(&dir.join("host_key"), &[]);
    let tmux = Tmux::ssh(&server, 80, 24, "");
    server.wait_log("80x24");
    tmux.wait_screen("a drawn screen", |s| !s.trim().is_empty());
    tmux.keys("C-c");
    let screen = tmux.wait_screen("ssh to exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");
}

/// A paste the client never ends (ESC [ 200 ~ and no ESC [ 201 ~: its packet may be dropped in
/// a flood) is taken as it is after a second's pause, and q quits after it: the server's timer
/// was made anew on every pass of a loop that passes every 100 ms (fuzzing).
#[test]
fn an_unfinished_paste_does_not_keep_the_keys_after_it() {
    require_tools!("ssh", "tmux");
    let dir = temp_dir("paste");
    let server = Server::start(&dir.join("host_key"), &[]);
    let tmux = Tmux::ssh(&server, 80, 24, "");
    server.wait_log("80x24");
    tmux.wait_screen("a drawn screen", |s| !s.trim().is_empty());
    let mut args = vec!["send-keys", "-H"];
    args.extend("1b 5b 32 30 30 7e 61".split(' '));
    tmux.run(&args);
    std::thread::sleep(Duration::from_millis(1600));
    tmux.keys("q");
    let screen = tmux.wait_screen("ssh to exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");
}

#[test]
fn the_article_reads_right_to_left_navigates_and_survives_a_resize() {
    require_tools!("ssh", "tmux", "fribidi");
    let dir = temp_dir("read");
    let server = Server::start(&dir.join("host_key"), &[]);
    let tmux = Tmux::ssh(&server, 100, 30, "");
    let words = first_words_visual();
    // The first words, shaped, in visual order, ending in the right half of their row and at
    // the right edge of the reader pane (the side pane, right of the `│`, is not text).
    let at_right = |screen: &str| {
        screen.lines().any(|line| {
            let line = line.split('│').next().unwrap_or(line);
            line.find(&words).is_some_and(|at| {
                let end = line[..at].chars().count() + words.chars().count();
                end > line.chars().count() / 2
                    && line[at + words.len()..].trim().chars().count() < 8
            })
        })
    };
    tmux.wait_screen("the first words at the right edge", at_right);
    tmux.run(&["resize-window", "-x", "60", "-y", "20"]);
    tmux.wait_screen("the first words after the resize", at_right);
    tmux.keys("Tab Tab j j j Enter");
    tmux.wait_screen("the third mention (1/3)", |s| s.contains("1/3"));
    tmux.keys("q");
    let screen = tmux.wait_screen("ssh to exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");
}

#[test]
fn everything_but_a_pty_shell_is_refused() {
    require_tools!("ssh", "sftp");
    let dir = temp_dir("refuse");
    let server = Server::start(&dir.join("host_key"), &[]);

    // A command: refused, and nothing of the file is printed.
    let out = ssh(&server, &["localhost", "cat", "/etc/passwd"]);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("root:"));
    // The user is told why, and how to read instead.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("running a command is not available here")
            && err.contains("connect without a command"),
        "{err}"
    );

    // A shell without a pty (ssh -T).
    let out = ssh(&server, &["-T", "localhost"]);
    assert!(!out.status.success(), "shell without pty accepted");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a shell without a terminal is not available here"), "{err}");
    assert!(err.contains("connect with `ssh -t`"), "{err}");
    // A command with a terminal (ssh -t host ls): not told to use -t, which it did.
    let out = ssh(&server, &["-tt", "localhost", "ls"]);
    assert!(!out.status.success());
    let all =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("connect without a command"), "{all}");

    // sftp (a subsystem).
    let out = Command::new("timeout")
        .args(["20", "sftp", "-P", &server.port.to_string()])
        .args(ssh_options())
        .args(["-b", "-", "localhost"])
        .stdin(Stdio::null())
        .output()
        .expect("sftp");
    assert!(!out.status.success(), "sftp accepted");

    // Local forwarding: ssh -W opens a direct-tcpip channel at once.
    let out = ssh(&server, &["-W", &format!("127.0.0.1:{}", server.port), "localhost"]);
    assert!(!out.status.success(), "direct-tcpip accepted");

    // Remote forwarding (tcpip-forward), with the client told to give up if it is refused.
    let out = ssh(
        &server,
        &["-tt", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:0:127.0.0.1:9", "localhost"],
    );
    assert!(!out.status.success(), "remote forwarding accepted");
    assert!(String::from_utf8_lossy(&out.stderr).contains("forwarding failed"));

    // The client may see a refusal before the server has logged it: wait (bounded) for each.
    for refusal in [
        "refused running a command",
        "refused a shell without a terminal",
        "refused the sftp subsystem",
        "refused port forwarding (direct-tcpip)",
        "refused port forwarding (tcpip-forward)",
    ] {
        server.wait_log(refusal);
    }
    // The log never carries what the client sent as a command.
    assert!(!server.log().contains("/etc/passwd"));
}

#[test]
fn the_host_key_is_created_private_and_reused_after_a_restart() {
    require_tools!("ssh-keygen");
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("hostkey");
    let key = dir.join("keys").join("host_ed25519");
    let fingerprint =
        |log: &str| log.split_whitespace().find(|w| w.starts_with("SHA256:")).map(str::to_string);
    let first = Server::start(&key, &[]);
    first.wait_log("(created)");
    let before = fingerprint(&first.log()).expect("fingerprint logged");
    drop(first);
    assert_eq!(std::fs::metadata(&key).expect("key file").permissions().mode() & 0o777, 0o600);
    // OpenSSH reads the file and agrees on the fingerprint.
    let keygen = Command::new("ssh-keygen").arg("-lf").arg(&key).output().expect("ssh-keygen");
    assert!(String::from_utf8_lossy(&keygen.stdout).contains(&before), "{keygen:?}");

    let second = Server::start(&key, &[]);
    second.wait_log("(loaded)");
    assert_eq!(fingerprint(&second.log()), Some(before));
}

fn keygen(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
    path
}

#[test]
fn authorized_keys_let_in_only_the_listed_key() {
    require_tools!("ssh", "ssh-keygen");
    let dir = temp_dir("authkeys");
    let allowed = keygen(&dir, "allowed");
    let other = keygen(&dir, "other");
    let authorized = dir.join("authorized_keys");
    std::fs::copy(allowed.with_extension("pub"), &authorized).expect("copy");
    let server = Server::start(
        &dir.join("host_key"),
        &["--authorized-keys", authorized.to_str().expect("utf-8")],
    );
    let with_key = |key: &Path| {
        let key = key.to_str().expect("utf-8");
        // -tt with stdin at EOF: a session opens, sees EOF and closes.
        ssh(
            &server,
            &[
                "-tt",
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "IdentityAgent=none",
                "-i",
                key,
                "localhost",
            ],
        )
    };

    let fingerprint_of = |key: &Path| {
        let out = Command::new("ssh-keygen").arg("-lf").arg(key.with_extension("pub")).output();
        String::from_utf8_lossy(&out.expect("ssh-keygen").stdout)
            .split_whitespace()
            .nth(1)
            .expect("fingerprint")
            .to_string()
    };

    let out = with_key(&other);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Only publickey is offered: never a password or keyboard-interactive prompt.
    assert!(stderr.contains("Permission denied (publickey)"), "{stderr}");
    // The refused key is logged by its fingerprint (QA round 51: only `key none` was).
    let refused = format!("refused key {} from 127.0.0.1", fingerprint_of(&other));
    server.wait_log(&refused);

    let out = with_key(&allowed);
    assert!(out.status.success(), "{out:?}");
    let pub_line = std::fs::read_to_string(allowed.with_extension("pub")).expect("pub");
    let fingerprint = fingerprint_of(&allowed);
    assert!(pub_line.contains("allowed"));
    server.wait_log("authenticated 127.0.0.1");
    assert!(server.log().contains(&format!("key {fingerprint}")), "{}", server.log());
}

/// QA round 51: a client with TERM=dumb got the full reader (escape sequences on a terminal
/// that cannot move its cursor) while the local reader refuses TERM=dumb. It is refused the same
/// way, with a line saying what to do, and a non-zero exit.
#[test]
fn a_dumb_terminal_is_refused_as_the_local_reader_refuses_it() {
    require_tools!("ssh");
    let dir = temp_dir("dumb");
    let server = Server::start(&dir.join("host_key"), &[]);
    let out = Command::new("timeout")
        .args(["20", "ssh", "-tt", "-p", &server.port.to_string()])
        .args(ssh_options())
        .arg("localhost")
        .env("TERM", "dumb")
        .stdin(Stdio::null())
        .output()
        .expect("run ssh");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("qari: TERM=dumb cannot show the reader"), "{err}");
    // Nothing of the reader was drawn: no escape sequence, no alternate screen.
    assert!(!out.stdout.contains(&0x1b), "{:?}", String::from_utf8_lossy(&out.stdout));
    server.wait_log("refused the reader on TERM=dumb from 127.0.0.1");
}

#[test]
fn clients_over_the_limits_are_told_why() {
    require_tools!("ssh", "tmux");
    let dir = temp_dir("limits");
    let server = Server::start(&dir.join("host_key"), &["--max-sessions", "1"]);
    let tmux = Tmux::ssh(&server, 80, 24, "");
    server.wait_log("(live sessions: 1)");
    let out = ssh(&server, &["-tt", "localhost"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the server is full (1 reader at once)"), "{stderr}");
    // The reader already in is not disturbed.
    tmux.keys("q");
    let screen = tmux.wait_screen("ssh to exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");

    let per_ip = Server::start(&dir.join("host_key"), &["--max-per-ip", "1"]);
    let _holder = Tmux::ssh(&per_ip, 80, 24, "");
    per_ip.wait_log("(live sessions: 1)");
    let out = ssh(&per_ip, &["-tt", "localhost"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("too many connections from your address"), "{stderr}");
}

#[test]
fn idle_sessions_are_closed_with_a_message() {
    require_tools!("ssh", "tmux");
    let dir = temp_dir("idle");
    let server = Server::start(&dir.join("host_key"), &["--idle-timeout", "1"]);
    let tmux = Tmux::ssh(&server, 80, 24, "");
    let screen = tmux.wait_screen("the idle close", |s| s.contains("EXIT="));
    assert!(screen.contains("closed after 1 s without input"), "{screen}");
    server.wait_log(": Idle after");
}

/// SIGTERM and SIGHUP (the terminal that started the server closed) stop the server the same
/// way: each reader is told, its client's screen restored (the shell's line back, ssh exits),
/// and the server logs that it is shutting down.
#[test]
fn sigterm_and_sighup_restore_every_clients_screen() {
    require_tools!("ssh", "tmux");
    for signal in ["TERM", "HUP"] {
        let dir = temp_dir("shutdown");
        let mut server = Server::start(&dir.join("host_key"), &[]);
        let tmux = Tmux::ssh(&server, 80, 24, "");
        server.wait_log("80x24");
        tmux.wait_screen("a drawn screen", |s| s.contains('│'));
        let pid = server.child.id().to_string();
        assert!(Command::new("kill").args(["-s", signal, &pid]).status().unwrap().success());
        let screen = tmux.wait_screen("ssh to exit", |s| s.contains("EXIT="));
        assert!(screen.contains("the server is shutting down"), "{signal}: {screen}");
        assert!(!screen.contains('│'), "{signal}: reader left on screen: {screen}");
        server.wait_log("shutting down");
        wait_until("the server to exit", Duration::from_secs(10), || !server.is_running());
    }
}
