//! A TCP stream whose writes give up when they stay blocked too long: a client that stops reading
//! the socket must not keep its connection (and a session slot) forever. It can also be cut from
//! outside ([`Cut`]): russh offers no way to abort a connection stuck in its key exchange, but
//! a stream that fails ends it.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::watch;
use tokio::time::Sleep;

type CutSignal = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Wraps a stream; a write or flush pending for longer than `timeout` fails with `TimedOut`, and
/// once [`Cut::cut`] is called every read and write fails with `ConnectionAborted`.
pub struct StallGuard<S> {
    inner: S,
    timeout: Duration,
    stalled_since: Option<Pin<Box<Sleep>>>,
    cut: CutSignal,
}

/// Cuts a [`StallGuard`]'s stream (and so ends the connection using it).
#[derive(Clone, Debug)]
pub struct Cut(Arc<watch::Sender<bool>>);

impl Cut {
    pub fn cut(&self) {
        self.0.send_replace(true);
    }
}

impl<S> StallGuard<S> {
    /// The guarded stream, and the handle that cuts it.
    pub fn new(inner: S, timeout: Duration) -> (Self, Cut) {
        let (tx, mut rx) = watch::channel(false);
        let cut: CutSignal = Box::pin(async move {
            // An error means the sender is gone: it can no longer cut, so never resolve.
            if rx.wait_for(|&cut| cut).await.is_err() {
                std::future::pending::<()>().await;
            }
        });
        (Self { inner, timeout, stalled_since: None, cut }, Cut(Arc::new(tx)))
    }

    /// `Some(error)` once the stream was cut (and registers for the wake-up until then).
    fn check_cut(&mut self, cx: &mut Context<'_>) -> Option<io::Error> {
        self.cut.as_mut().poll(cx).is_ready().then(|| {
            io::Error::new(io::ErrorKind::ConnectionAborted, "connection cut by the server")
        })
    }

    fn on_pending<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let timeout = self.timeout;
        let sleep = self.stalled_since.get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        if sleep.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "client stopped reading",
            )));
        }
        Poll::Pending
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for StallGuard<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(err) = self.check_cut(cx) {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for StallGuard<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Some(err) = self.check_cut(cx) {
            return Poll::Ready(Err(err));
        }
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Ready(result) => {
                self.stalled_since = None;
                Poll::Ready(result)
            }
            Poll::Pending => self.on_pending(cx),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(err) = self.check_cut(cx) {
            return Poll::Ready(Err(err));
        }
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Ready(result) => {
                self.stalled_since = None;
                Poll::Ready(result)
            }
            Poll::Pending => self.on_pending(cx),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[tokio::test]
    async fn a_reader_that_never_reads_times_the_writer_out() {
        // A duplex pipe with a 16-byte buffer whose other end is never read.
        let (near, _far) = tokio::io::duplex(16);
        let (mut guarded, _cut) = StallGuard::new(near, Duration::from_millis(50));
        let result = tokio::time::timeout(Duration::from_secs(5), guarded.write_all(&[0; 1024]))
            .await
            .expect("the guard must end the write, not the outer timeout");
        assert_eq!(result.expect_err("stalled").kind(), io::ErrorKind::TimedOut);
    }

    #[tokio::test]
    async fn a_slow_but_steady_reader_is_fine() {
        let (near, mut far) = tokio::io::duplex(16);
        let reader = tokio::spawn(async move {
            let mut sink = Vec::new();
            tokio::io::AsyncReadExt::read_to_end(&mut far, &mut sink).await.map(|_| sink.len())
        });
        let (mut guarded, _cut) = StallGuard::new(near, Duration::from_secs(5));
        guarded.write_all(&[7; 4096]).await.expect("write");
        guarded.shutdown().await.expect("shutdown");
        drop(guarded);
        assert_eq!(reader.await.expect("join").expect("read"), 4096);
    }

    #[tokio::test]
    async fn a_cut_ends_a_read_that_would_wait_forever() {
        use tokio::io::AsyncReadExt;
        // The other end stays open and silent: only the cut can end this read.
        let (near, _far) = tokio::io::duplex(16);
        let (mut guarded, cut) = StallGuard::new(near, Duration::from_secs(60));
        let reading = tokio::spawn(async move {
            let mut buf = [0u8; 8];
            guarded.read(&mut buf).await
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        cut.cut();
        let result = tokio::time::timeout(Duration::from_secs(5), reading)
            .await
            .expect("the cut must wake the reader")
            .expect("join");
        assert_eq!(result.expect_err("cut").kind(), io::ErrorKind::ConnectionAborted);
    }
}
