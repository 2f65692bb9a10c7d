//! What every test of the `hoshu` binary shares.

use std::process::{Command, Output};

/// Runs `cmd` with a temporary folder of its own and checks that it leaves nothing there:
/// whatever a render, export or import does on the way, no copy of the records stays behind.
pub fn run_leaving_no_temp_files(mut cmd: Command) -> Output {
    let tmp = tempfile::tempdir().expect("temp folder");
    let out = cmd.env("TMPDIR", tmp.path()).output().expect("run hoshu");
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("temp folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "{cmd:?} left {left:?} in its temp folder");
    out
}
