//! Running external commands: printing them exactly, timing, and small
//! facts about the machine (root? is a program on PATH? are we in CI?).

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

pub type Result<T> = std::result::Result<T, String>;

/// The command line as it could be pasted into a shell.
pub fn display(cmd: &Command) -> String {
    let mut line = String::new();
    if let Some(dir) = cmd.get_current_dir() {
        line.push_str("(cd ");
        line.push_str(&quote(dir.as_os_str()));
        line.push_str(" && ");
    }
    line.push_str(&quote(cmd.get_program()));
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    if cmd.get_current_dir().is_some() {
        line.push(')');
    }
    line
}

fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%^".contains(c));
    if plain {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

fn describe(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => format!("{status}"),
    }
}

fn start_error(cmd: &Command, err: &std::io::Error) -> String {
    format!("could not start `{}`: {err}", display(cmd))
}

fn status_error(cmd: &Command, status: ExitStatus) -> String {
    format!("`{}` failed ({})", display(cmd), describe(status))
}

/// Prints the command, runs it with inherited output, and fails unless it
/// exits with status 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    println!("$ {}", display(cmd));
    flush();
    let status = cmd.status().map_err(|e| start_error(cmd, &e))?;
    if status.success() {
        Ok(())
    } else {
        Err(status_error(cmd, status))
    }
}

/// Like [`run`], but also hands back what the command wrote to stdout
/// (which is still shown line by line as it arrives).
pub fn run_echo(cmd: &mut Command) -> Result<String> {
    println!("$ {}", display(cmd));
    flush();
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| start_error(cmd, &e))?;
    let mut seen = String::new();
    if let Some(out) = child.stdout.take() {
        let mut reader = BufReader::new(out);
        let mut buf = Vec::new();
        let stdout = std::io::stdout();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(_) => {
                    let mut lock = stdout.lock();
                    // A closed stdout must not stop the child; ignore write errors.
                    let _ = lock.write_all(&buf);
                    let _ = lock.flush();
                    seen.push_str(&String::from_utf8_lossy(&buf));
                }
                Err(e) => return Err(format!("reading output of `{}`: {e}", display(cmd))),
            }
        }
    }
    let status = child.wait().map_err(|e| start_error(cmd, &e))?;
    if status.success() {
        Ok(seen)
    } else {
        Err(status_error(cmd, status))
    }
}

/// Runs a query command quietly (stdin closed) and returns its stdout;
/// on failure the error carries its stderr.
pub fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| start_error(cmd, &e))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(format!(
            "{}: {}",
            status_error(cmd, out.status),
            stderr.trim()
        ))
    }
}

pub fn flush() {
    let _ = std::io::stdout().flush();
}

/// Finds an executable on PATH, also looking in the sbin directories that a
/// non-login root shell may lack.
pub fn which(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|dir| dir.join(program))
        .find(|candidate| {
            candidate
                .metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// Whether this process runs with effective user id 0.
pub fn is_root() -> bool {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status.lines() {
            if let Some(ids) = line.strip_prefix("Uid:") {
                // real, effective, saved, filesystem
                return ids.split_whitespace().nth(1) == Some("0");
            }
        }
    }
    output(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

/// Whether we run under CI (CI=true, as CI systems set it).
pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A `cargo` command, with colours off under CI so logs stay readable.
pub fn cargo() -> Command {
    let mut cmd = Command::new("cargo");
    if is_ci() {
        cmd.env("CARGO_TERM_COLOR", "never");
    }
    cmd
}

pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        let whole = d.as_secs();
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}
