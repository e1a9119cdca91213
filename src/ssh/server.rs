//! The connection handler (russh's `Handler`): authentication, what a client may ask for (a pty
//! and a shell on one session channel, nothing else), limits, and logs.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, Disconnect, Pty};
use tokio::sync::{mpsc, watch};

use super::backend::ColorMode;
use super::session::{self, Input, Start};
use super::{log, ServeOptions, Stats};
use crate::app::Library;

/// Packets of input queued per session before more are dropped (a flood must not grow memory).
const INPUT_QUEUE: usize = 32;
/// Longest environment value kept (LANG, LC_*, COLORTERM).
const MAX_ENV_VALUE: usize = 64;

/// Counts open connections, in total and per client address.
#[derive(Debug, Default)]
pub struct Limits {
    per_ip: Mutex<HashMap<IpAddr, usize>>,
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
                "qari: the server is full ({} readers at once); please try again later",
                opts.max_sessions
            ),
            Refusal::TooManyFromAddress => format!(
                "qari: too many sessions from your address (at most {}); close one and retry",
                opts.max_per_ip
            ),
        }
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
}

impl Limits {
    /// Takes a slot for a connection from `ip`: admitted, refused (but given a slot to say why),
    /// or `None` when even the refusal slots are used up (then the socket is just closed).
    pub fn admit(
        self: &Arc<Self>,
        ip: IpAddr,
        stats: &Arc<Stats>,
        opts: &ServeOptions,
    ) -> Option<(Slot, Option<Refusal>)> {
        let mut per_ip = self.per_ip.lock().unwrap_or_else(PoisonError::into_inner);
        let from_ip = per_ip.get(&ip).copied().unwrap_or(0);
        let admitted_now = stats.connections.load(Ordering::SeqCst);
        let refusing_now = stats.refusing.load(Ordering::SeqCst);
        let refusal = if admitted_now >= opts.max_sessions {
            Some(Refusal::Full)
        } else if from_ip >= opts.max_per_ip {
            Some(Refusal::TooManyFromAddress)
        } else {
            None
        };
        if refusal.is_some() && (refusing_now >= REFUSAL_SLOTS || from_ip >= opts.max_per_ip * 2) {
            return None;
        }
        *per_ip.entry(ip).or_insert(0) += 1;
        let admitted = refusal.is_none();
        if admitted {
            stats.connections.fetch_add(1, Ordering::SeqCst);
        } else {
            stats.refusing.fetch_add(1, Ordering::SeqCst);
        }
        let slot = Slot { stats: Arc::clone(stats), limits: Arc::clone(self), ip, admitted };
        Some((slot, refusal))
    }
}

/// Connections at once that are being told "full" before being closed; beyond that, closed.
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

    fn start_session(&mut self, channel: ChannelId, session: &mut Session) -> bool {
        let (Some(size), Some(term), Some(writer)) =
            (self.size.as_ref(), self.channel.term.as_ref(), self.channel.writer.take())
        else {
            return false;
        };
        let colors = ColorMode::from_term(term, self.channel.colorterm.as_deref());
        let (tx, rx) = mpsc::channel(INPUT_QUEUE);
        self.input = Some(tx);
        self.channel.started = true;
        self.reading.store(true, Ordering::SeqCst);
        let (cols, rows) = *size.borrow();
        let (cols, rows) = session::clamp_size(cols, rows);
        // Counted under the log lock, so that the last line always shows the current count.
        let mut live = None;
        super::log_locked(|| {
            live = Some(self.stats.session_started());
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
        let start = Start {
            peer: self.peer.to_string(),
            colors,
            idle_timeout: self.opts.idle_timeout,
            write_timeout: self.opts.write_timeout,
            library: Arc::clone(&self.library),
            input: rx,
            size: size.subscribe(),
            shutdown: self.shutdown.clone(),
            margins: crate::ui::screen::margins_from_env(|name| {
                (name == "TERM").then(|| term.to_string())
            }),
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
        let _ = channel;
        tokio::spawn(async move {
            if task.await.is_err() {
                let reason = "qari: internal error".to_string();
                let _ = handle.disconnect(Disconnect::ByApplication, reason, String::new()).await;
            }
        });
        true
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
        // Open readers let anyone in without asking anything; a refused client gets in only to
        // be told why it is refused (see auth_succeeded).
        if self.refusal.is_some() || self.opts.authorized_keys.is_none() {
            Ok(Auth::Accept)
        } else {
            Ok(Auth::reject())
        }
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Only saves the client a signature for a key we would refuse; decides nothing.
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
        if self.start_session(channel, session) {
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
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
