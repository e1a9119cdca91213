//! The reader: `qari [PATH]`.

/// Arguments. PLACEHOLDER.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ReadArgs {}

/// Runs it. PLACEHOLDER.
pub fn run(args: ReadArgs) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
