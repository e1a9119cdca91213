//! The local terminal: raw mode, alternate screen, BiDi mode escapes, panic hook, signals.
