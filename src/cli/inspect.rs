//! `qari inspect`: the analysis as a summary or JSON.

/// Arguments. PLACEHOLDER.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InspectArgs {}

/// Runs it. PLACEHOLDER.
pub fn run(args: InspectArgs) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
