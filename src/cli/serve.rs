//! `qari serve`: the ssh server.

/// Arguments. PLACEHOLDER.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ServeArgs {}

/// Runs it. PLACEHOLDER.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
