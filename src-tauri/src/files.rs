//! Files on this computer. The window never names a path: the open and save dialogs are opened
//! from here, and only the file the user picked is read or written. A file to send is checked
//! before it is read — a regular file on a local drive (a network path makes Windows offer the
//! user's credentials to whoever runs the share; a device such as `/dev/zero` never ends), no
//! bigger than the limit — and read with the limit still in force in case it grows meanwhile. A
//! file is written through a temporary file in the chosen folder that is removed on any failure,
//! so neither half a document nor a stray temporary file is left behind.

use hoshu_app::{AppError, AppResult, ErrorCode};
use hoshu_core::files::file_name_problem;
use std::future::Future;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// Kinds of file a dialog offers: a caption and the extensions (without dots).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

impl FileFilter {
    pub fn new(name: &str, extensions: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
        }
    }
}

/// What a dialog is asked: its title, the suggested file name (save only) and the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogRequest {
    pub title: String,
    pub file_name: Option<String>,
    pub filter: FileFilter,
}

type Chosen<'a> = Pin<Box<dyn Future<Output = Option<PathBuf>> + Send + 'a>>;

/// Asks the user for a file. `None`: the dialog was cancelled.
pub trait FileChooser: Send + Sync {
    fn open(&self, request: DialogRequest) -> Chosen<'_>;
    fn save(&self, request: DialogRequest) -> Chosen<'_>;
}

/// The operating system's dialogs, over the window.
pub struct DialogChooser<R: tauri::Runtime> {
    pub app: tauri::AppHandle<R>,
}

impl<R: tauri::Runtime> DialogChooser<R> {
    fn builder(&self, request: &DialogRequest) -> tauri_plugin_dialog::FileDialogBuilder<R> {
        use tauri_plugin_dialog::DialogExt;
        let extensions: Vec<&str> = request
            .filter
            .extensions
            .iter()
            .map(String::as_str)
            .collect();
        let mut builder = self
            .app
            .dialog()
            .file()
            .set_title(&request.title)
            .add_filter(&request.filter.name, &extensions);
        if let Some(name) = &request.file_name {
            builder = builder.set_file_name(name);
        }
        builder
    }
}

impl<R: tauri::Runtime> FileChooser for DialogChooser<R> {
    fn open(&self, request: DialogRequest) -> Chosen<'_> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.builder(&request).pick_file(move |picked| {
            let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
        });
        Box::pin(async move { rx.await.ok().flatten() })
    }

    fn save(&self, request: DialogRequest) -> Chosen<'_> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.builder(&request).save_file(move |picked| {
            let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
        });
        Box::pin(async move { rx.await.ok().flatten() })
    }
}

/// Dialogs answered without a window, for the end-to-end tests (which cannot drive native
/// dialogs) and only in debug builds: a save goes to the folder `HOSHU_TEST_DIALOGS` under the
/// suggested name; an open picks the first file (by name) of its `open` subfolder.
#[cfg(debug_assertions)]
pub struct FolderChooser {
    pub folder: PathBuf,
}

#[cfg(debug_assertions)]
impl FolderChooser {
    pub const ENV: &'static str = "HOSHU_TEST_DIALOGS";

    pub fn from_env() -> Option<Self> {
        std::env::var_os(Self::ENV)
            .filter(|v| !v.is_empty())
            .map(|folder| Self {
                folder: folder.into(),
            })
    }
}

#[cfg(debug_assertions)]
impl FileChooser for FolderChooser {
    fn open(&self, _request: DialogRequest) -> Chosen<'_> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.join("open"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        names.sort();
        Box::pin(async move { names.into_iter().next() })
    }

    fn save(&self, request: DialogRequest) -> Chosen<'_> {
        let path = request.file_name.map(|name| self.folder.join(name));
        Box::pin(async move { path })
    }
}

/// A file the user picked, read after its checks.
#[derive(Debug)]
pub struct PickedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

fn refuse(message: String) -> AppError {
    AppError::field("file", "ファイル", message)
}

/// Reads the file at `path` (the user's choice) when it is a regular file on a local drive
/// with a usable name and at most `limit` bytes; otherwise a Japanese refusal and nothing read.
pub fn read_picked(path: &Path, limit: u64) -> AppResult<PickedFile> {
    if !is_on_local_drive(path) {
        return Err(refuse(
            "ネットワーク上のファイルは直接添付できません。いったんこの端末のフォルダにコピーしてから選んでください。".into(),
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(problem) = file_name_problem(&name) {
        return Err(refuse(problem));
    }
    let unreadable =
        |e: std::io::Error| refuse(format!("ファイル「{name}」を読み込めませんでした: {e}"));
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(refuse(format!(
            "「{name}」は通常のファイルではありません。"
        )));
    }
    if meta.len() > limit {
        return Err(too_big(&name, meta.len(), limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(&name, bytes.len() as u64, limit));
    }
    Ok(PickedFile { name, bytes })
}

fn too_big(name: &str, size: u64, limit: u64) -> AppError {
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    refuse(format!(
        "「{name}」は大きすぎます（{:.1}MB）。{:.0}MB以内のファイルを選んでください。",
        mb(size),
        mb(limit)
    ))
}

/// Whether `path` is on a drive of this computer: on Windows a drive letter, never a UNC
/// `\\server\share` or device path; elsewhere any absolute path (the checks on the file itself
/// keep devices out).
fn is_on_local_drive(path: &Path) -> bool {
    #[cfg(windows)]
    {
        use std::path::{Component, Prefix};
        matches!(
            path.components().next(),
            Some(Component::Prefix(p))
                if matches!(p.kind(), Prefix::Disk(_) | Prefix::VerbatimDisk(_))
        )
    }
    #[cfg(not(windows))]
    {
        path.is_absolute()
    }
}

/// Where a saved file went, for the window to show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedFile {
    /// Absolute path of the written file.
    pub path: String,
    pub bytes: u64,
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place
/// when complete; a failure removes it, so nothing half-written stays.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> AppResult<SavedFile> {
    let fail = |e: std::io::Error| {
        AppError::new(
            ErrorCode::Internal,
            format!("ファイルを保存できませんでした（{}）: {e}", path.display()),
        )
    };
    let absolute = std::path::absolute(path).map_err(fail)?;
    let folder = absolute.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".hoshu-")
        .suffix(".part")
        .tempfile_in(folder)
        .map_err(fail)?;
    temporary.write_all(bytes).map_err(fail)?;
    temporary.as_file().sync_all().map_err(fail)?;
    temporary.persist(&absolute).map_err(|e| fail(e.error))?;
    Ok(SavedFile {
        path: absolute.display().to_string(),
        bytes: bytes.len() as u64,
    })
}

/// `name` made safe to offer in a save dialog: characters that disguise or that Windows
/// refuses become `_` (files attached before these rules may carry them).
pub fn safe_file_name(name: &str) -> String {
    if file_name_problem(name).is_none() {
        return name.to_owned();
    }
    let replaced: String = name
        .chars()
        .map(|c| {
            let one = c.to_string();
            if file_name_problem(&format!("a{one}a")).is_some() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = replaced.trim_end_matches(['.', ' ']);
    match file_name_problem(trimmed) {
        None => trimmed.to_owned(),
        Some(_) => format!("_{trimmed}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_a_folder_and_a_big_file_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let folder = read_picked(dir.path(), 1024).unwrap_err();
        assert!(
            folder.message.contains("通常のファイルではありません"),
            "{}",
            folder.message
        );
        let zero = read_picked(Path::new("/dev/zero"), 1024).unwrap_err();
        assert!(
            zero.message.contains("通常のファイルではありません"),
            "{}",
            zero.message
        );
        // A sparse file of 64 GiB: refused by its size, in no time, without reading it.
        let huge = dir.path().join("huge.log");
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(64 << 30)
            .unwrap();
        let e = read_picked(&huge, 10 << 20).unwrap_err();
        assert!(e.message.contains("大きすぎます"), "{}", e.message);
        assert!(e.message.contains("10MB以内"), "{}", e.message);
    }

    #[test]
    fn a_disguised_name_is_refused_and_a_good_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let disguised = dir.path().join("請求書\u{202E}fdp.exe");
        std::fs::write(&disguised, b"MZ").unwrap();
        let e = read_picked(&disguised, 1024).unwrap_err();
        assert!(e.message.contains("U+202E"), "{}", e.message);
        let good = dir.path().join("画面.txt");
        std::fs::write(&good, "エラー画面".as_bytes()).unwrap();
        let picked = read_picked(&good, 1024).unwrap();
        assert_eq!(picked.name, "画面.txt");
        assert_eq!(picked.bytes, "エラー画面".as_bytes());
        assert!(read_picked(Path::new("relative.txt"), 1024).is_err());
    }

    #[test]
    fn a_write_leaves_only_the_file_and_a_failed_one_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("報告書.pdf");
        let saved = write_atomically(&path, b"%PDF-1.7").unwrap();
        assert_eq!(saved.bytes, 8);
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7");
        // Replacing an existing file is fine.
        write_atomically(&path, b"%PDF-2.0").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-2.0");
        // The target is a folder: the rename fails and the temporary file goes too.
        let folder = dir.path().join("folder.pdf");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("inside"), b"x").unwrap();
        assert!(write_atomically(&folder, b"%PDF").is_err());
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["folder.pdf", "報告書.pdf"]);
    }

    #[test]
    fn unsafe_names_are_made_safe_for_the_save_dialog() {
        assert_eq!(safe_file_name("議事録.pdf"), "議事録.pdf");
        assert_eq!(safe_file_name("a\u{202E}fdp.exe"), "a_fdp.exe");
        assert_eq!(safe_file_name("a:b?.txt"), "a_b_.txt");
        assert_eq!(safe_file_name("CON.txt"), "_CON.txt");
        assert_eq!(safe_file_name("report.pdf."), "report.pdf");
    }
}
