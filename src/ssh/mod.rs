//! `qari serve`: an ssh server (russh) where every client gets its own reader.
