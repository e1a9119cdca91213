//! The server's host key: ed25519, generated on first start, kept in an OpenSSH private key file
//! of mode 0600 and reused on every later start, so clients can pin it.

use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use anyhow::Context;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::ssh_key::LineEnding;
use russh::keys::{HashAlg, PrivateKey, PublicKey};

/// Loads the key at `path`, or creates it (and its directory) if there is no file there.
/// Returns the key and whether it was just created.
pub fn load_or_create(path: &Path) -> anyhow::Result<(PrivateKey, bool)> {
    match fs::read(path) {
        Ok(bytes) => {
            // The key crate's own message for a file that is no PEM at all is misleading
            // ("invalid data (NUL byte)" for plain text): say what is missing instead.
            if !bytes.starts_with(b"-----BEGIN OPENSSH PRIVATE KEY-----") {
                anyhow::bail!(
                    "{}: not an OpenSSH private key (no -----BEGIN OPENSSH PRIVATE KEY----- line)",
                    path.display()
                );
            }
            let key = PrivateKey::from_openssh(&bytes).map_err(|e| {
                anyhow::anyhow!("{}: not an OpenSSH private key: {e}", path.display())
            })?;
            if key.is_encrypted() {
                anyhow::bail!("{}: the host key must not be passphrase-protected", path.display());
            }
            let mode = fs::metadata(path)?.permissions().mode();
            if mode & 0o077 != 0 {
                anyhow::bail!(
                    "{}: host key readable by others (mode {:o}); run chmod 600 on it",
                    path.display(),
                    mode & 0o777
                );
            }
            Ok((key, false))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok((create(path)?, true)),
        Err(err) => {
            Err(err).with_context(|| format!("{}: cannot read the host key", path.display()))
        }
    }
}

fn create(path: &Path) -> anyhow::Result<PrivateKey> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("{}: cannot create the directory", dir.display()))?;
    }
    let mut seed = [0u8; 32];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .context("cannot read /dev/urandom to generate the host key")?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    let text = key.to_openssh(LineEnding::LF).context("cannot encode the host key")?;
    // create_new: never overwrite a key another process wrote meanwhile; 0600 from the start.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("{}: cannot create the host key", path.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("{}: cannot write the host key", path.display()))?;
    Ok(key)
}

/// `SHA256:…`, as `ssh-keygen -lf` and OpenSSH's prompts print it.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Reads an OpenSSH `authorized_keys` file (options are ignored; comments and blank lines
/// skipped). An unreadable file or a bad line is an error naming the line.
pub fn read_authorized_keys(path: &Path) -> anyhow::Result<Vec<PublicKey>> {
    let text = fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the authorized keys", path.display()))?;
    let mut keys = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let entry: russh::keys::ssh_key::authorized_keys::Entry = line.parse().map_err(|e| {
            anyhow::anyhow!("{}: line {}: not an authorized key: {e}", path.display(), n + 1)
        })?;
        keys.push(entry.public_key().clone());
    }
    if keys.is_empty() {
        anyhow::bail!("{}: no keys in the authorized keys file", path.display());
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("qari-hostkey-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn created_once_with_mode_0600_then_reused() {
        let dir = temp_dir("reuse");
        let path = dir.join("sub").join("host_ed25519");
        let (first, created) = load_or_create(&path).expect("create");
        assert!(created);
        assert_eq!(fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600);
        let (second, created) = load_or_create(&path).expect("reload");
        assert!(!created);
        assert_eq!(fingerprint(first.public_key()), fingerprint(second.public_key()));
        assert!(fingerprint(first.public_key()).starts_with("SHA256:"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_key_readable_by_others_is_refused() {
        let dir = temp_dir("mode");
        let path = dir.join("host");
        load_or_create(&path).expect("create");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = load_or_create(&path).expect_err("must refuse").to_string();
        assert!(err.contains("chmod 600"), "{err}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn garbage_key_file_is_a_clear_error() {
        let dir = temp_dir("garbage");
        fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("host");
        fs::write(&path, "not a key").expect("write");
        let err = format!("{:#}", load_or_create(&path).expect_err("must fail"));
        assert!(err.contains("not an OpenSSH private key"), "{err}");
        assert!(!err.contains("NUL"), "{err}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_bad_authorized_keys_line_is_named_by_its_number() {
        // Comments and blank lines are skipped; the bad line's number is in the one message.
        let dir = temp_dir("authkeys");
        fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("authorized_keys");
        let good =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE a@b";
        fs::write(&path, format!("# keys\n\n{good}\nnot a key\n")).expect("write");
        let err = format!("{:#}", read_authorized_keys(&path).expect_err("must fail"));
        assert!(err.contains("line 4"), "{err}");
        assert_eq!(err.matches("not an authorized key").count(), 1, "{err}");
        fs::write(&path, format!("# keys\n{good}\n")).expect("write");
        assert_eq!(read_authorized_keys(&path).expect("one key").len(), 1);
        let _ = fs::remove_dir_all(&dir);
    }
}
