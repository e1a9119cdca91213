//! The connection handler (russh's `Handler`): authentication, what a client may ask for (a pty
//! and a shell on one session channel, nothing else), limits, and logs.

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, Disconnect, Pty};
use tokio::sync::{mpsc, watch, Notify};

use super::backend::ColorMode;
use super::session::{self, Input, Start};
use super::{log, ServeOptions, Stats};
use crate::app::Library;

/// How long a client may keep its connection once its reader has ended.
const AFTER_READER: std::time::Duration = std::time::Duration::from_secs(2);

/// Packets of input queued per session before more are dropped (a flood must not grow memory).
const INPUT_QUEUE: usize = 32;
/// Longest environment value kept (LANG, LC_*, COLORTERM).
const MAX_ENV_VALUE: usize = 64;

/// Counts open connections, in total and per client address, and keeps those still logging in
/// (from the TCP connect until their reader opens) in the order they came, so that the oldest
/// can make room for a newcomer (see [`ServeOptions::max_startups`]).
#[derive(Debug, Default)]
pub struct Limits {
    per_ip: Mutex<HashMap<IpAddr, usize>>,
    starting: Mutex<Starting>,
}

/// The connections still logging in, oldest first.
#[derive(Debug, Default)]
struct Starting {
    next: u64,
    waiting: BTreeMap<u64, Waiting>,
}

/// How far a connection still logging in has come: [`Stage`]'s values.
pub type StageCell = Arc<AtomicU8>;

/// How far a connection has come in logging in. A newcomer pushes out one that has come the
/// least way first: a client that has done the key exchange, or authenticated, has cost
/// something to get there and is most likely a reader on its way; sockets that only say the
/// greeting (a flood's) go before it, the oldest of them first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Stage {
    Connected = 0,
    /// Keys exchanged: it asked to authenticate.
    Keyed = 1,
    Authenticated = 2,
}

#[derive(Debug)]
struct Waiting {
    evicted: Arc<Notify>,
    stage: StageCell,
}

/// Why a connection is turned away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Full,
    TooManyFromAddress,
}

impl Refusal {
    pub fn message(self, opts: &ServeOptions) -> String {
        match self {
            Refusal::Full => format!(
                "qari: the server is full ({}); please try again later",
                counted(opts.max_sessions, "reader at once", "readers at once")
            ),
            // (It counts connections, those still logging in too: one per session.)
            Refusal::TooManyFromAddress => format!(
                "qari: too many connections from your address (at most {}); close one and retry",
                opts.max_per_ip
            ),
        }
    }
}

/// `n` and the noun that goes with it (1 reader, 2 readers).
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a client's address counts as: an IPv4 address (also one mapped into IPv6), or the /64
/// an IPv6 address belongs to (one host is usually given a whole /64, so counting its single
/// addresses would let it open as many connections as it likes).
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(network))
        }
        v4 => v4,
    }
}

/// A connection's place in the counts; given back on drop.
#[derive(Debug)]
pub struct Slot {
    stats: Arc<Stats>,
    limits: Arc<Limits>,
    ip: IpAddr,
    /// Counted as an admitted connection (not a refused one that is being told why).
    admitted: bool,
    /// Its place among the connections still logging in, until its reader opens.
    starting: Option<u64>,
    /// Notified when an admitted connection still logging in must go to make room.
    evicted: Arc<Notify>,
    stage: StageCell,
}

impl Limits {
    /// Takes a slot for a connection from `ip`: admitted, refused (but given a slot to say why),
    /// or `None` when even the refusal slots are used up (then the socket is just closed).
    ///
    /// An admitted connection joins those logging in; when `max_startups` of them already are,
    /// one is told to go (its `evicted` is notified): the oldest of those that have come the
    /// least way ([`Stage`]). The readers' limit is not checked
    /// here: a connection that has not authenticated costs little and takes no reader, and
    /// counting it as one let idle sockets from a few addresses keep every reader out.
    pub fn admit(
        self: &Arc<Self>,
        ip: IpAddr,
        stats: &Arc<Stats>,
        opts: &ServeOptions,
    ) -> Option<(Slot, Option<Refusal>)> {
        let ip = address_key(ip);
        let mut per_ip = self.per_ip.lock().unwrap_or_else(PoisonError::into_inner);
        let from_ip = per_ip.get(&ip).copied().unwrap_or(0);
        let refusing_now = stats.refusing.load(Ordering::SeqCst);
        let refusal = (from_ip >= opts.max_per_ip).then_some(Refusal::TooManyFromAddress);
        if refusal.is_some() && (refusing_now >= REFUSAL_SLOTS || from_ip >= opts.max_per_ip * 2) {
            return None;
        }
        *per_ip.entry(ip).or_insert(0) += 1;
        drop(per_ip);
        let admitted = refusal.is_none();
        let evicted = Arc::new(Notify::new());
        let stage: StageCell = Arc::new(AtomicU8::new(Stage::Connected as u8));
        let mut starting = None;
        if admitted {
            stats.connections.fetch_add(1, Ordering::SeqCst);
            let mut pool = self.starting.lock().unwrap_or_else(PoisonError::into_inner);
            while pool.waiting.len() >= opts.max_startups.max(1) {
                // (At most max_startups entries: a scan.)
                let victim = pool
                    .waiting
                    .iter()
                    .min_by_key(|(&id, w)| (w.stage.load(Ordering::SeqCst), id))
                    .map(|(&id, _)| id);
                if let Some(gone) = victim.and_then(|id| pool.waiting.remove(&id)) {
                    gone.evicted.notify_one();
                }
            }
            let id = pool.next;
            pool.next += 1;
            let waiting = Waiting { evicted: Arc::clone(&evicted), stage: Arc::clone(&stage) };
            pool.waiting.insert(id, waiting);
            starting = Some(id);
        } else {
            stats.refusing.fetch_add(1, Ordering::SeqCst);
        }
        let slot = Slot {
            stats: Arc::clone(stats),
            limits: Arc::clone(self),
            ip,
            admitted,
            starting,
            evicted,
            stage,
        };
        Some((slot, refusal))
    }

    /// How many admitted connections are still logging in.
    pub fn starting(&self) -> usize {
        self.starting.lock().unwrap_or_else(PoisonError::into_inner).waiting.len()
    }

    fn forget_starting(&self, id: u64) {
        self.starting.lock().unwrap_or_else(PoisonError::into_inner).waiting.remove(&id);
    }
}

impl Slot {
    /// What tells this connection to go, if it is still logging in when it is the oldest and
    /// the server needs room.
    pub fn evicted(&self) -> Arc<Notify> {
        Arc::clone(&self.evicted)
    }

    /// How far its connection has come in logging in.
    pub fn stage(&self) -> StageCell {
        Arc::clone(&self.stage)
    }

    /// Its connection has come to `stage` (never back).
    pub fn reached(&self, stage: Stage) {
        self.stage.fetch_max(stage as u8, Ordering::SeqCst);
    }

    /// Its reader is open: it no longer counts among those logging in, and cannot be evicted.
    pub fn now_reading(&mut self) {
        if let Some(id) = self.starting.take() {
            self.limits.forget_starting(id);
        }
    }
}

/// Connections at once that are being told "too many from your address" before being closed;
/// beyond that, closed.
const REFUSAL_SLOTS: usize = 16;

/// What a client refused a shell without a terminal should do instead.
const WITH_TERMINAL: &str = "connect with `ssh -t` to read";
/// What a client whose terminal is `TERM=dumb` is told (the local reader refuses it too).
const DUMB_TERMINAL: &str = "qari: TERM=dumb cannot show the reader; connect from a terminal \
    that can (or with `TERM=xterm-256color ssh …`).";
/// What a client refused a command or a subsystem should do instead.
const NO_COMMAND: &str = "connect without a command (`ssh -t` and the host alone) to read";

impl Drop for Slot {
    fn drop(&mut self) {
        self.now_reading();
        let mut per_ip = self.limits.per_ip.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = per_ip.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                per_ip.remove(&self.ip);
            }
        }
        let counter = if self.admitted { &self.stats.connections } else { &self.stats.refusing };
        counter.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What the client asked for on its session channel.
#[derive(Debug, Default)]
struct ChannelState {
    id: Option<ChannelId>,
    /// Taken when the shell starts.
    writer: Option<russh::ChannelWriteHalf<Msg>>,
    term: Option<String>,
    colorterm: Option<String>,
    started: bool,
}

/// What a shell request came to.
enum Started {
    Reading,
    /// No pty yet, or the channel's writer is gone.
    NotReady,
    /// Every reader's place is taken.
    Full,
}

/// One client connection.
pub struct Connection {
    pub peer: SocketAddr,
    opts: Arc<ServeOptions>,
    library: Arc<Library>,
    stats: Arc<Stats>,
    refusal: Option<Refusal>,
    /// Set once the reader runs (the login grace period is over).
    reading: Arc<AtomicBool>,
    shutdown: watch::Receiver<bool>,
    started_at: Instant,
    fingerprint: Option<String>,
    channel: ChannelState,
    size: Option<watch::Sender<(u32, u32)>>,
    input: Option<mpsc::Sender<Input>>,
    dropped_packets: usize,
    slot: Option<Slot>,
    /// Cuts the connection's stream: a session that stalled (its client stopped reading) ends
    /// the connection with it, or the client would keep its slot as long as it stays connected.
    cut: Option<super::stream::Cut>,
}

impl Connection {
    /// The handle that cuts this connection's stream (see [`super::stream::StallGuard`]).
    pub fn set_cut(&mut self, cut: super::stream::Cut) {
        self.cut = Some(cut);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn new(
        peer: SocketAddr,
        opts: Arc<ServeOptions>,
        library: Arc<Library>,
        stats: Arc<Stats>,
        refusal: Option<Refusal>,
        reading: Arc<AtomicBool>,
        shutdown: watch::Receiver<bool>,
        slot: Slot,
    ) -> Self {
        Self {
            peer,
            opts,
            library,
            stats,
            refusal,
            reading,
            shutdown,
            started_at: Instant::now(),
            cut: None,
            fingerprint: None,
            channel: ChannelState::default(),
            size: None,
            input: None,
            dropped_packets: 0,
            slot: Some(slot),
        }
    }

    fn key_allowed(&self, key: &PublicKey) -> bool {
        match &self.opts.authorized_keys {
            None => true,
            Some(keys) => keys.iter().any(|k| k.key_data() == key.key_data()),
        }
    }

    fn is_ours(&self, channel: ChannelId) -> bool {
        self.channel.id == Some(channel)
    }

    /// Refuses a channel request, with a line on the client's stderr saying why, and closes the
    /// channel (the client has nothing else to wait for).
    /// `how`: what to do instead (QA round 51: `ssh -t host ls` was told to use `ssh -t`).
    fn refuse_request(&mut self, channel: ChannelId, why: &str, how: &str, session: &mut Session) {
        let message = format!("qari: {why} is not available here; {how}.");
        self.refuse(channel, why, &message, session);
    }

    /// Refuses a channel request with `message` (one line) on the client's stderr, logging
    /// `what` was refused, and closes the channel.
    fn refuse(&mut self, channel: ChannelId, what: &str, message: &str, session: &mut Session) {
        log(format_args!("refused {} from {}", what, self.peer));
        self.tell(channel, message, session);
    }

    /// Answers a channel request with `message` (one line) on the client's stderr, an exit
    /// status of 1, and the channel's close.
    fn tell(&mut self, channel: ChannelId, message: &str, session: &mut Session) {
        let message = format!("{message}\r\n");
        // The request is answered with success, then refused by its result: OpenSSH's client
        // exits at once on a failure ("exec request failed"), before it prints what came on
        // stderr, so the user would never read why. Nothing is run either way.
        let _ = session.channel_success(channel);
        let _ = session.extended_data(channel, 1, message.into_bytes());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    /// Refuses a channel of a kind we never offer (forwarding, x11), logging `what` if given.
    async fn refuse_channel(
        &self,
        what: Option<&str>,
        reply: ChannelOpenHandle,
    ) -> Result<(), russh::Error> {
        if let Some(what) = what {
            log(format_args!("refused {what} from {}", self.peer));
        }
        reply.reject(ChannelOpenFailure::AdministrativelyProhibited).await;
        Ok(())
    }

    /// Its connection has come to `stage` in logging in (see [`Stage`]).
    fn reached(&self, stage: Stage) {
        if let Some(slot) = &self.slot {
            slot.reached(stage);
        }
    }

    /// A client that is not refused yet is refused as `Full` when every reader's place is taken
    /// now (it is told so once it has authenticated).
    fn check_full(&mut self) {
        if self.refusal.is_none()
            && self.stats.sessions.load(Ordering::SeqCst) >= self.opts.max_sessions
        {
            self.refusal = Some(Refusal::Full);
        }
    }

    /// Opens the reader on `channel`, if the pty is there and a reader's place is free.
    fn start_session(&mut self, session: &mut Session) -> Started {
        let (Some(size), Some(term), true) =
            (self.size.as_ref(), self.channel.term.as_ref(), self.channel.writer.is_some())
        else {
            return Started::NotReady;
        };
        let colors = ColorMode::from_term(term, self.channel.colorterm.as_deref());
        let (cols, rows) = *size.borrow();
        let (cols, rows) = session::clamp_size(cols, rows);
        let size_rx = size.subscribe();
        let margins =
            crate::ui::screen::margins_from_env(|name| (name == "TERM").then(|| term.to_string()));
        // Taken and counted under the log lock, so that the last line always shows the current
        // count. The place is taken only now: other clients may have taken the last ones since
        // this one authenticated.
        let mut live = None;
        super::log_locked(|| {
            live = self.stats.try_session_started(self.opts.max_sessions);
            if live.is_none() {
                return format!("refused {}: Full (at its shell request)", self.peer);
            }
            format!(
                "session {} key {} term {} {}x{} colours {:?} (live sessions: {})",
                self.peer,
                self.fingerprint.as_deref().unwrap_or("none"),
                sanitize(term),
                cols,
                rows,
                colors,
                self.stats.sessions.load(Ordering::SeqCst)
            )
        });
        let (Some(live), Some(writer)) = (live, self.channel.writer.take()) else {
            return Started::Full;
        };
        let (tx, rx) = mpsc::channel(INPUT_QUEUE);
        self.input = Some(tx);
        self.channel.started = true;
        self.reading.store(true, Ordering::SeqCst);
        if let Some(slot) = &mut self.slot {
            slot.now_reading();
        }
        let start = Start {
            peer: self.peer.to_string(),
            colors,
            idle_timeout: self.opts.idle_timeout,
            write_timeout: self.opts.write_timeout,
            library: Arc::clone(&self.library),
            input: rx,
            size: size_rx,
            shutdown: self.shutdown.clone(),
            margins,
        };
        let stats = Arc::clone(&self.stats);
        let handle = session.handle();
        let peer = self.peer;
        let cut = self.cut.clone();
        let task = tokio::spawn(async move {
            let begun = Instant::now();
            let end = session::run(start, writer).await;
            if end == session::End::Stalled {
                // The client reads nothing more, not even the channel's close: cut it off, so
                // that its connection (and its slot) go now.
                if let Some(cut) = &cut {
                    cut.cut();
                }
            }
            super::log_locked(|| {
                drop(live);
                format!(
                    "session end {peer}: {end:?} after {:.1} s (live sessions: {})",
                    begun.elapsed().as_secs_f64(),
                    stats.sessions.load(Ordering::SeqCst)
                )
            });
            end
        });
        // A panic outside the reader (which is caught) still must not leave the client hanging.
        // Nor must a client that stays once its reader has ended (session 15's hostile test:
        // still connected 12 s after quitting, with a socket and its address's place): the
        // connection's one session is over and nothing else may be opened on it, so after a
        // moment for the client to close it itself, the server does.
        tokio::spawn(async move {
            let reason = match task.await {
                Err(_) => "qari: internal error",
                Ok(_) => {
                    tokio::time::sleep(AFTER_READER).await;
                    "qari: the reader has ended"
                }
            };
            let _ =
                handle.disconnect(Disconnect::ByApplication, reason.into(), String::new()).await;
        });
        Started::Reading
    }
}

/// A client-supplied string made safe for our log: no control characters, bounded length.
fn sanitize(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(40).collect()
}

impl Drop for Connection {
    fn drop(&mut self) {
        super::log_locked(|| {
            drop(self.slot.take());
            format!(
                "disconnect {} key {} after {:.1} s{} (live connections: {})",
                self.peer,
                self.fingerprint.as_deref().unwrap_or("none"),
                self.started_at.elapsed().as_secs_f64(),
                if self.dropped_packets > 0 {
                    format!(", {} input packets dropped", self.dropped_packets)
                } else {
                    String::new()
                },
                self.stats.connections.load(Ordering::SeqCst),
            )
        });
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        self.reached(Stage::Keyed);
        self.check_full();
        // Open readers let anyone in without asking anything; a refused client gets in only to
        // be told why it is refused (see auth_succeeded).
        if self.refusal.is_some() || self.opts.authorized_keys.is_none() {
            Ok(Auth::Accept)
        } else {
            Ok(Auth::reject())
        }
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        self.reached(Stage::Keyed);
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Only saves the client a signature for a key we would refuse; decides nothing.
        self.reached(Stage::Keyed);
        if self.key_allowed(offer.public_key) {
            Ok(Auth::Accept)
        } else {
            // Which key was turned away, for the operator to tell a stranger from a user
            // whose key is missing from the list (QA round 51: only `key none` was logged).
            log(format_args!(
                "refused key {} from {}",
                super::hostkey::fingerprint(offer.public_key),
                self.peer
            ));
            Ok(Auth::reject())
        }
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        // The signature is proven here: this is where access is decided.
        if self.key_allowed(key.public_key) {
            self.fingerprint = Some(super::hostkey::fingerprint(key.public_key));
            Ok(Auth::Accept)
        } else {
            log(format_args!(
                "refused key {} from {}",
                super::hostkey::fingerprint(key.public_key),
                self.peer
            ));
            Ok(Auth::reject())
        }
    }

    async fn auth_succeeded(&mut self, session: &mut Session) -> Result<(), Self::Error> {
        self.reached(Stage::Authenticated);
        self.check_full();
        if let Some(refusal) = self.refusal {
            log(format_args!("refused {}: {:?}", self.peer, refusal));
            session.disconnect(
                Disconnect::TooManyConnections,
                &refusal.message(&self.opts),
                "en",
            )?;
            return Ok(());
        }
        log(format_args!(
            "authenticated {} key {}",
            self.peer,
            self.fingerprint.as_deref().unwrap_or("none")
        ));
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.refusal.is_some() || self.channel.id.is_some() {
            log(format_args!("refused a second channel from {}", self.peer));
            reply.reject(ChannelOpenFailure::ResourceShortage).await;
            return Ok(());
        }
        // Requests and input reach us through the Handler callbacks; the read half is dropped
        // so that nothing queues up unread in it.
        let (read, write) = channel.split();
        drop(read);
        self.channel.id = Some(write.id());
        self.channel.writer = Some(write);
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(Some("x11 channel"), reply).await
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(Some("port forwarding (direct-tcpip)"), reply).await
    }

    async fn channel_open_forwarded_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Only answers a tcpip-forward we never grant: not worth a log line.
        self.refuse_channel(None, reply).await
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        _socket_path: &str,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(Some("socket forwarding"), reply).await
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_ours(channel) || self.channel.started || self.channel.term.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        self.channel.term = Some(term.to_string());
        self.size = Some(watch::channel((col_width, row_height)).0);
        session.channel_success(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let (true, Some(size)) = (self.is_ours(channel), &self.size) {
            // The latest size wins; the session reads it when it is ready.
            size.send_replace((col_width, row_height));
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        variable_name: &str,
        variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let wanted = variable_name == "LANG"
            || variable_name.starts_with("LC_")
            || variable_name == "COLORTERM";
        if !self.is_ours(channel) || !wanted || variable_value.len() > MAX_ENV_VALUE {
            session.channel_failure(channel)?;
            return Ok(());
        }
        if variable_name == "COLORTERM" {
            self.channel.colorterm = Some(variable_value.to_string());
        }
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_ours(channel) || self.channel.started {
            session.channel_failure(channel)?;
            return Ok(());
        }
        if self.channel.term.is_none() {
            self.refuse_request(channel, "a shell without a terminal", WITH_TERMINAL, session);
            return Ok(());
        }
        // As the local reader refuses it: a terminal that cannot move its cursor would show
        // escape sequences, or a garbled screen, instead of the article.
        if self.channel.term.as_deref() == Some("dumb") {
            self.refuse(channel, "the reader on TERM=dumb", DUMB_TERMINAL, session);
            return Ok(());
        }
        match self.start_session(session) {
            Started::Reading => session.channel_success(channel)?,
            Started::NotReady => session.channel_failure(channel)?,
            // Logged as it was decided.
            Started::Full => self.tell(channel, &Refusal::Full.message(&self.opts), session),
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The command itself is never logged: it is the client's input.
        self.refuse_request(channel, "running a command", NO_COMMAND, session);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let what = format!("the {} subsystem", sanitize(name));
        self.refuse_request(channel, &what, NO_COMMAND, session);
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        log(format_args!("refused x11 forwarding from {}", self.peer));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        log(format_args!("refused agent forwarding from {}", self.peer));
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        log(format_args!("refused port forwarding (tcpip-forward) from {}", self.peer));
        Ok(false)
    }

    async fn cancel_tcpip_forward(
        &mut self,
        _address: &str,
        _port: u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        log(format_args!("refused socket forwarding from {}", self.peer));
        Ok(false)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let (true, Some(input)) = (self.is_ours(channel), &self.input) {
            // Never awaits: a session busy writing must not stall this loop (which also carries
            // the window adjustments its writes wait for). A flood beyond the queue is dropped.
            if input.try_send(Input::Data(data.to_vec())).is_err() {
                self.dropped_packets += 1;
            }
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_ours(channel) {
            // The session reads what is queued, then sees the end.
            self.input = None;
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_ours(channel) {
            self.input = None;
            self.size = None;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future;

    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn an_ipv6_host_counts_as_its_64_and_a_mapped_ipv4_as_itself() {
        let host = address_key(ip("2001:db8:1:2:aaaa::1"));
        assert_eq!(host, address_key(ip("2001:db8:1:2:ffff:1:2:3")));
        assert_eq!(host, ip("2001:db8:1:2::"));
        assert_ne!(host, address_key(ip("2001:db8:1:3::1")));
        assert_eq!(address_key(ip("::ffff:192.0.2.7")), ip("192.0.2.7"));
        assert_eq!(address_key(ip("192.0.2.7")), ip("192.0.2.7"));
        assert_ne!(address_key(ip("192.0.2.7")), address_key(ip("192.0.2.8")));
    }

    #[test]
    fn one_ipv6_64_is_held_to_the_per_address_limit() {
        let limits = Arc::new(Limits::default());
        let stats = Arc::new(Stats::default());
        let opts = ServeOptions { max_per_ip: 2, ..ServeOptions::default() };
        let mut slots = Vec::new();
        for n in 1..=4 {
            let (slot, refusal) =
                limits.admit(ip(&format!("2001:db8::{n}")), &stats, &opts).expect("a slot");
            assert_eq!(refusal.is_some(), n > 2, "connection {n}");
            slots.push(slot);
        }
        // Twice the limit: closed without a word.
        assert!(limits.admit(ip("2001:db8::99"), &stats, &opts).is_none());
        // Another /64 is another address.
        assert!(limits.admit(ip("2001:db8:0:1::1"), &stats, &opts).expect("a slot").1.is_none());
    }

    #[test]
    fn the_oldest_still_logging_in_makes_room_and_readers_never_do() {
        let limits = Arc::new(Limits::default());
        let stats = Arc::new(Stats::default());
        let opts = ServeOptions { max_startups: 3, max_per_ip: 100, ..ServeOptions::default() };
        let mut admit = |n: u8| {
            let (slot, refusal) = limits.admit(ip(&format!("10.0.0.{n}")), &stats, &opts).unwrap();
            assert_eq!(refusal, None);
            slot
        };
        let mut reader = admit(1);
        reader.now_reading();
        let slots: Vec<Slot> = (2..=4).map(&mut admit).collect();
        let evicted: Vec<_> = slots.iter().map(Slot::evicted).collect();
        // A fourth one logging in: the oldest of those logging in (2) is told to go, not the
        // reader (1), which left the pool.
        let newcomer = admit(5);
        let told = |notify: &Arc<Notify>| {
            let notified = std::pin::pin!(notify.notified());
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            notified.poll(&mut cx).is_ready()
        };
        assert!(told(&evicted[0]));
        assert!(!told(&evicted[1]) && !told(&evicted[2]));
        assert!(!told(&reader.evicted()) && !told(&newcomer.evicted()));
        assert_eq!(limits.starting(), 3);
        // One that leaves frees its place: the next newcomer pushes nobody out.
        drop(slots);
        let _another = admit(6);
        assert_eq!(limits.starting(), 2);
        // Every slot counts while it lives, the evicted one too until its connection goes.
        assert_eq!(stats.connections.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn those_that_came_the_least_way_make_room_first() {
        // Session 15's hostile test: a flood pushed out every reader on its way whose login
        // took longer than 64 newcomers (120 a second for a client 100 ms away).
        let limits = Arc::new(Limits::default());
        let stats = Arc::new(Stats::default());
        let opts = ServeOptions { max_startups: 3, max_per_ip: 100, ..ServeOptions::default() };
        let admit = |n: u8| limits.admit(ip(&format!("10.0.1.{n}")), &stats, &opts).unwrap().0;
        let told = |notify: &Arc<Notify>| {
            let notified = std::pin::pin!(notify.notified());
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            notified.poll(&mut cx).is_ready()
        };
        let authenticated = admit(1);
        authenticated.reached(Stage::Authenticated);
        let keyed = admit(2);
        keyed.reached(Stage::Keyed);
        let silent = admit(3);
        // Newcomers that only say the greeting push out the silent one, then each other,
        // however old the two that came further are.
        let flood: Vec<Slot> = (4..=6).map(admit).collect();
        assert!(told(&silent.evicted()));
        assert!(told(&flood[0].evicted()) && told(&flood[1].evicted()));
        assert!(!told(&flood[2].evicted()));
        assert!(!told(&keyed.evicted()) && !told(&authenticated.evicted()));
        // A stage is never lost; of two that came as far, the older goes.
        keyed.reached(Stage::Connected);
        flood[2].reached(Stage::Authenticated);
        let _next = admit(7);
        assert!(told(&keyed.evicted()));
        assert!(!told(&authenticated.evicted()) && !told(&flood[2].evicted()));
    }
}
