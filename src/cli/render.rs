//! `qari render`: prints laid-out text for pipes.

/// Arguments. PLACEHOLDER.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RenderArgs {}

/// Runs it. PLACEHOLDER.
pub fn run(args: RenderArgs) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
