//! The delivery disc: an ISO 9660 image with Joliet names holding the chosen deliverables, a
//! MANIFEST (name, size, SHA-256 of each file) and the malware-check record (000 第9章第2節:
//! one CD-R or DVD-R, checked with current anti-malware software before handover).
//!
//! The image is written by the small writer below rather than by a general ISO crate. A
//! delivery disc needs one flat directory, Joliet (UCS-2) names and byte-identical output for
//! the same files and time; the general crates (hadris-iso and the like) bring boot records,
//! Rock Ridge and partition tables with their dependencies for none of that, and their
//! timestamps would have to be pinned from outside. The format needed here is small:
//! system area, a primary volume descriptor, a Joliet supplementary volume descriptor, the
//! terminator, both path tables of each tree, the two root directories and the file data,
//! each file once, referenced from both trees. Readers tested: isoinfo and xorriso.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDateTime, Timelike};
use sha2::{Digest, Sha256};

const SECTOR: usize = 2048;
/// Offset of Japan time from UTC, in the 15-minute units ISO 9660 records.
const JST_UNITS: u8 = 36;
/// Joliet file identifiers hold at most 64 UCS-2 characters (including `;1` readers add).
const JOLIET_MAX_CHARS: usize = 64;

/// The recording medium.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Media {
    /// CD-R, 700 MB (80 minutes, 360,000 sectors).
    #[default]
    CdR,
    /// DVD-R, 4.7 GB (single layer, 2,298,496 sectors).
    DvdR,
}

impl Media {
    /// Capacity in bytes.
    pub fn capacity(self) -> u64 {
        match self {
            Media::CdR => 360_000 * SECTOR as u64,
            Media::DvdR => 2_298_496 * SECTOR as u64,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Media::CdR => "CD-R（700MB）",
            Media::DvdR => "DVD-R（4.7GB）",
        }
    }
}

/// A file to put on the disc, named as the city will see it (Japanese allowed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The record of the malware check done before handover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalwareCheck {
    /// 実施者.
    pub checked_by: String,
    /// 実施日時 (Japan time).
    pub checked_at: NaiveDateTime,
    /// 使用ソフトウェア (product and version).
    pub product: String,
    /// パターンファイルのバージョン.
    pub pattern_version: String,
    /// 結果: マルウェアは検出されなかった.
    pub result: String,
}

/// What goes on the disc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscRequest {
    /// Volume label (Joliet; at most 16 characters are kept): 成果品_令和8年4月.
    pub volume_label: String,
    /// Recording time written into the volume and directory records (Japan time).
    pub created: NaiveDateTime,
    pub media: Media,
    /// What the disc is, for the MANIFEST's first line: 成果品, 引継資料.
    pub title: String,
    pub files: Vec<DiscFile>,
    /// The malware-check record; a disc made without one (the handover package, checked
    /// when it is written to its medium) carries none.
    pub malware_check: Option<MalwareCheck>,
    /// The audit log's head when the disc was made, `連番 1234 / MAC 3fa9…` (or `記録なし`):
    /// the received disc then vouches for the log up to that entry, and a later log that no
    /// longer reaches it — entries deleted and the chain cut back — is caught by comparison.
    pub audit_head: String,
}

/// The image and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscImage {
    pub iso: Vec<u8>,
    /// The MANIFEST text as written on the disc.
    pub manifest: String,
    /// Every file on the disc (deliverables, MANIFEST, malware-check record), in disc order.
    pub entries: Vec<DiscEntry>,
}

/// A file as recorded on the disc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscEntry {
    /// The Joliet name readers show: 打合せ議事録_令和8年4月10日.pdf.
    pub name: String,
    /// The ISO 9660 level 1 name of the same file for readers without Joliet: FILE0001.PDF.
    pub iso_name: String,
    pub size: usize,
}

/// Why the disc could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DiscError {
    #[error(
        "収録するデータ（{:.1}MB）が{media}の容量を超えています。DVD-R（4.7GB）を選択するか、収録するファイルを減らしてください",
        *bytes as f64 / 1_000_000.0
    )]
    TooLargeForCd { bytes: u64, media: &'static str },
    #[error(
        "収録するデータ（{:.1}MB）が{media}の容量を超えています。収録するファイルを減らしてください",
        *bytes as f64 / 1_000_000.0
    )]
    TooLarge { bytes: u64, media: &'static str },
    #[error("収録するファイルがありません")]
    Empty,
    #[error("ファイル名「{0}」は使えません（空、64文字超、または / \\ : * ? \" < > | を含む）")]
    BadName(String),
    #[error("ファイル名「{0}」が重複しています")]
    DuplicateName(String),
}

/// File name of the manifest on the disc.
pub const MANIFEST_NAME: &str = "MANIFEST.txt";
/// File name of the malware-check record on the disc.
pub const MALWARE_CHECK_NAME: &str = "ウイルスチェック記録.txt";

/// Checks that `total_bytes` of image fit on `media`.
pub fn check_capacity(media: Media, total_bytes: u64) -> Result<(), DiscError> {
    if total_bytes <= media.capacity() {
        return Ok(());
    }
    Err(match media {
        Media::CdR => DiscError::TooLargeForCd {
            bytes: total_bytes,
            media: media.label(),
        },
        Media::DvdR => DiscError::TooLarge {
            bytes: total_bytes,
            media: media.label(),
        },
    })
}

fn sectors(len: usize) -> usize {
    len.div_ceil(SECTOR)
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The MANIFEST: one line per deliverable, `SHA-256  size  name`, after a short header.
fn manifest(req: &DiscRequest) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} 収録ファイル一覧 (MANIFEST)", req.title);
    let _ = writeln!(
        s,
        "# 作成日時: {}",
        req.created.format("%Y-%m-%d %H:%M:%S JST")
    );
    let _ = writeln!(s, "# 監査ログ先頭: {}", req.audit_head);
    let _ = writeln!(s, "# 形式: SHA-256  サイズ(バイト)  ファイル名");
    for f in &req.files {
        let _ = writeln!(s, "{}  {}  {}", sha256_hex(&f.bytes), f.bytes.len(), f.name);
    }
    s.replace('\n', "\r\n")
}

fn malware_record(m: &MalwareCheck, req: &DiscRequest) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "ウイルスチェック記録");
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "実施日時　　　　　: {}",
        m.checked_at.format("%Y-%m-%d %H:%M")
    );
    let _ = writeln!(s, "実施者　　　　　　: {}", m.checked_by);
    let _ = writeln!(s, "使用ソフトウェア　: {}", m.product);
    let _ = writeln!(s, "パターンファイル　: {}", m.pattern_version);
    let _ = writeln!(s, "検査結果　　　　　: {}", m.result);
    let _ = writeln!(
        s,
        "検査対象　　　　　: {}（{}件）",
        MANIFEST_NAME,
        req.files.len()
    );
    s.replace('\n', "\r\n")
}

fn valid_name(name: &str) -> bool {
    let n = name.chars().count();
    n > 0
        && n + 2 <= JOLIET_MAX_CHARS
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c.is_control() || "/\\:*?\"<>|;".contains(c) || u32::from(c) > 0xFFFF)
}

/// Builds the image: checks names and capacity, writes the MANIFEST and the malware-check
/// record beside the files.
pub fn build_disc(req: &DiscRequest) -> Result<DiscImage, DiscError> {
    if req.files.is_empty() {
        return Err(DiscError::Empty);
    }
    let mut seen = BTreeSet::new();
    for f in &req.files {
        if !valid_name(&f.name) {
            return Err(DiscError::BadName(f.name.clone()));
        }
        if !seen.insert(f.name.to_lowercase())
            || f.name == MANIFEST_NAME
            || f.name == MALWARE_CHECK_NAME
        {
            return Err(DiscError::DuplicateName(f.name.clone()));
        }
    }
    // Capacity first, before anything is hashed or copied.
    let payload: u64 = req
        .files
        .iter()
        .map(|f| (sectors(f.bytes.len()) * SECTOR) as u64)
        .sum();
    check_capacity(req.media, payload + 64 * SECTOR as u64)?;

    let manifest = manifest(req);
    let record = req
        .malware_check
        .as_ref()
        .map(|check| malware_record(check, req));
    let mut files: Vec<(&str, &[u8])> = req
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.bytes.as_slice()))
        .collect();
    files.push((MANIFEST_NAME, manifest.as_bytes()));
    if let Some(record) = &record {
        files.push((MALWARE_CHECK_NAME, record.as_bytes()));
    }
    let iso = write_iso(&req.volume_label, req.created, &files);
    check_capacity(req.media, iso.len() as u64)?;
    Ok(DiscImage {
        iso,
        entries: files
            .iter()
            .enumerate()
            .map(|(i, f)| DiscEntry {
                name: f.0.to_owned(),
                iso_name: short_name(i, f.0),
                size: f.1.len(),
            })
            .collect(),
        manifest,
    })
}

/// A short 8.3 name of d-characters for the primary (ISO 9660 level 1) tree: FILE0001.PDF.
fn short_name(i: usize, name: &str) -> String {
    let ext: String = name
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty() && e.len() <= 3 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or("")
        .to_ascii_uppercase();
    if ext.is_empty() {
        format!("FILE{:04}", i + 1)
    } else {
        format!("FILE{:04}.{ext}", i + 1)
    }
}

fn both16(v: u16) -> [u8; 4] {
    let mut b = [0; 4];
    b[..2].copy_from_slice(&v.to_le_bytes());
    b[2..].copy_from_slice(&v.to_be_bytes());
    b
}

fn both32(v: u32) -> [u8; 8] {
    let mut b = [0; 8];
    b[..4].copy_from_slice(&v.to_le_bytes());
    b[4..].copy_from_slice(&v.to_be_bytes());
    b
}

fn lba(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The 7-byte recording time of directory records.
fn dir_time(t: NaiveDateTime) -> [u8; 7] {
    [
        u8::try_from(t.year() - 1900).unwrap_or(0),
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
        JST_UNITS,
    ]
}

/// The 17-byte volume descriptor time.
fn vd_time(t: Option<NaiveDateTime>) -> [u8; 17] {
    let mut b = [b'0'; 17];
    b[16] = 0;
    if let Some(t) = t {
        let s = format!("{}00", t.format("%Y%m%d%H%M%S"));
        b[..16].copy_from_slice(&s.as_bytes()[..16]);
        b[16] = JST_UNITS;
    }
    b
}

/// One directory record.
fn dir_record(id: &[u8], extent: usize, size: usize, dir: bool, t: NaiveDateTime) -> Vec<u8> {
    let len = 33 + id.len() + (1 - id.len() % 2);
    let mut r = Vec::with_capacity(len);
    r.push(len as u8);
    r.push(0);
    r.extend_from_slice(&both32(lba(extent)));
    r.extend_from_slice(&both32(lba(size)));
    r.extend_from_slice(&dir_time(t));
    r.push(if dir { 2 } else { 0 });
    r.push(0);
    r.push(0);
    r.extend_from_slice(&both16(1));
    r.push(id.len() as u8);
    r.extend_from_slice(id);
    r.resize(len, 0);
    r
}

/// A directory's records laid into sectors (a record never crosses a sector boundary).
fn directory(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    for r in records {
        let used = out.len() % SECTOR;
        if used + r.len() > SECTOR {
            out.resize(out.len() + SECTOR - used, 0);
        }
        out.extend_from_slice(r);
    }
    out.resize(sectors(out.len()).max(1) * SECTOR, 0);
    out
}

fn ucs2(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// A fixed-width text field: `fill`-padded a-characters, or UCS-2 padded with spaces.
fn field(text: &[u8], len: usize, pad: &[u8]) -> Vec<u8> {
    let mut v: Vec<u8> = text.iter().copied().take(len).collect();
    while v.len() < len {
        v.push(pad[v.len() % pad.len()]);
    }
    v
}

struct Tree {
    root_lba: usize,
    root_len: usize,
    path_l: usize,
    path_m: usize,
}

fn path_table(root_lba: usize, big_endian: bool) -> Vec<u8> {
    let mut t = vec![1u8, 0];
    let l = lba(root_lba);
    t.extend_from_slice(&if big_endian {
        l.to_be_bytes()
    } else {
        l.to_le_bytes()
    });
    t.extend_from_slice(&if big_endian {
        1u16.to_be_bytes()
    } else {
        1u16.to_le_bytes()
    });
    t.push(0);
    t.push(0);
    t
}

#[allow(clippy::too_many_arguments)]
fn volume_descriptor(
    joliet: bool,
    volume_id: &[u8],
    total_sectors: usize,
    tree: &Tree,
    root_record: &[u8],
    publisher: &[u8],
    application: &[u8],
    t: NaiveDateTime,
) -> Vec<u8> {
    let pad: &[u8] = if joliet { &[0, b' '] } else { b" " };
    let mut d = Vec::with_capacity(SECTOR);
    d.push(if joliet { 2 } else { 1 });
    d.extend_from_slice(b"CD001");
    d.push(1);
    d.push(0);
    d.extend(field(b"", 32, pad)); // system identifier
    d.extend(field(volume_id, 32, pad));
    d.extend([0u8; 8]);
    d.extend_from_slice(&both32(lba(total_sectors)));
    let mut escapes = [0u8; 32];
    if joliet {
        escapes[..3].copy_from_slice(b"%/E"); // UCS-2 level 3
    }
    d.extend_from_slice(&escapes);
    d.extend_from_slice(&both16(1)); // volume set size
    d.extend_from_slice(&both16(1)); // volume sequence number
    d.extend_from_slice(&both16(SECTOR as u16));
    d.extend_from_slice(&both32(10)); // path table size
    d.extend_from_slice(&lba(tree.path_l).to_le_bytes());
    d.extend_from_slice(&0u32.to_le_bytes());
    d.extend_from_slice(&lba(tree.path_m).to_be_bytes());
    d.extend_from_slice(&0u32.to_be_bytes());
    d.extend_from_slice(root_record);
    d.extend(field(b"", 128, pad)); // volume set
    d.extend(field(publisher, 128, pad));
    d.extend(field(b"", 128, pad)); // data preparer
    d.extend(field(application, 128, pad));
    d.extend(field(b"", 37, pad)); // copyright file
    d.extend(field(b"", 37, pad)); // abstract file
    d.extend(field(b"", 37, pad)); // bibliographic file
    d.extend_from_slice(&vd_time(Some(t)));
    d.extend_from_slice(&vd_time(Some(t)));
    d.extend_from_slice(&vd_time(None));
    d.extend_from_slice(&vd_time(Some(t)));
    d.push(1); // file structure version
    d.resize(SECTOR, 0);
    d
}

/// Writes the image. Files keep the given order for their data; each directory lists them
/// sorted by identifier, as ISO 9660 requires.
fn write_iso(volume_label: &str, t: NaiveDateTime, files: &[(&str, &[u8])]) -> Vec<u8> {
    let short: Vec<String> = files
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{};1", short_name(i, f.0)))
        .collect();
    let joliet: Vec<Vec<u8>> = files.iter().map(|f| ucs2(&format!("{};1", f.0))).collect();

    // Sizes of the directories are known before the extents: lay them out once with zeros.
    let dir_len = |ids: &[Vec<u8>]| {
        let mut recs = vec![
            dir_record(&[0], 0, 0, true, t),
            dir_record(&[1], 0, 0, true, t),
        ];
        recs.extend(ids.iter().map(|id| dir_record(id, 0, 0, false, t)));
        directory(&recs).len()
    };
    let short_ids: Vec<Vec<u8>> = short.iter().map(|s| s.as_bytes().to_vec()).collect();
    let p_dir_len = dir_len(&short_ids);
    let j_dir_len = dir_len(&joliet);

    // Sectors: 0-15 system area, 16 PVD, 17 SVD, 18 terminator, 19-22 path tables.
    let primary = Tree {
        root_lba: 23,
        root_len: p_dir_len,
        path_l: 19,
        path_m: 20,
    };
    let jtree = Tree {
        root_lba: 23 + sectors(p_dir_len),
        root_len: j_dir_len,
        path_l: 21,
        path_m: 22,
    };
    let mut next = jtree.root_lba + sectors(j_dir_len);
    let mut extents = Vec::with_capacity(files.len());
    for f in files {
        extents.push(next);
        next += sectors(f.1.len());
    }
    let total = next;

    let dir_bytes = |tree: &Tree, ids: &[Vec<u8>]| {
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
        let mut recs = vec![
            dir_record(&[0], tree.root_lba, tree.root_len, true, t),
            dir_record(&[1], tree.root_lba, tree.root_len, true, t),
        ];
        for i in order {
            recs.push(dir_record(&ids[i], extents[i], files[i].1.len(), false, t));
        }
        directory(&recs)
    };

    let mut iso = vec![0u8; 16 * SECTOR];
    let vol_ascii: Vec<u8> = volume_label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .map(|c| c.to_ascii_uppercase() as u8)
        .collect();
    let vol_ascii = if vol_ascii.is_empty() {
        format!("HOSHU_{}", t.format("%Y%m%d")).into_bytes()
    } else {
        vol_ascii
    };
    let vol_j: String = volume_label.chars().take(16).collect();
    let app = b"HOSHU DESK";
    iso.extend(volume_descriptor(
        false,
        &vol_ascii,
        total,
        &primary,
        &dir_record(&[0], primary.root_lba, primary.root_len, true, t),
        b"",
        app,
        t,
    ));
    iso.extend(volume_descriptor(
        true,
        &ucs2(&vol_j),
        total,
        &jtree,
        &dir_record(&[0], jtree.root_lba, jtree.root_len, true, t),
        b"",
        &ucs2("HOSHU DESK"),
        t,
    ));
    let mut term = vec![255u8];
    term.extend_from_slice(b"CD001");
    term.push(1);
    term.resize(SECTOR, 0);
    iso.extend(term);
    for (root, be) in [
        (primary.root_lba, false),
        (primary.root_lba, true),
        (jtree.root_lba, false),
        (jtree.root_lba, true),
    ] {
        let mut s = path_table(root, be);
        s.resize(SECTOR, 0);
        iso.extend(s);
    }
    iso.extend(dir_bytes(&primary, &short_ids));
    iso.extend(dir_bytes(&jtree, &joliet));
    for f in files {
        iso.extend_from_slice(f.1);
        iso.resize(sectors(iso.len()) * SECTOR, 0);
    }
    debug_assert_eq!(iso.len(), total * SECTOR);
    iso
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_for_the_primary_tree() {
        assert_eq!(
            short_name(0, "打合せ議事録_令和8年4月10日.pdf"),
            "FILE0001.PDF"
        );
        assert_eq!(short_name(11, "課題管理表.xlsx"), "FILE0012");
        assert_eq!(short_name(2, "MANIFEST.txt"), "FILE0003.TXT");
    }

    #[test]
    fn records_are_even_and_never_cross_sectors() {
        let t = NaiveDateTime::default();
        let r = dir_record(b"FILE0001.PDF;1", 30, 100, false, t);
        assert_eq!(r.len() % 2, 0);
        assert_eq!(usize::from(r[0]), r.len());
        let recs: Vec<Vec<u8>> = (0..200).map(|_| r.clone()).collect();
        let d = directory(&recs);
        assert_eq!(d.len() % SECTOR, 0);
        assert!(d.len() >= 200 * r.len());
    }

    #[test]
    fn capacity_of_cd_and_dvd() {
        assert!(check_capacity(Media::CdR, 700_000_000).is_ok());
        let err = check_capacity(Media::CdR, 800_000_000).unwrap_err();
        assert!(err.to_string().contains("DVD-R（4.7GB）"), "{err}");
        assert!(check_capacity(Media::DvdR, 800_000_000).is_ok());
        assert!(check_capacity(Media::DvdR, 5_000_000_000).is_err());
    }

    #[test]
    fn bad_and_duplicate_names_are_refused() {
        let mk = |names: &[&str]| DiscRequest {
            volume_label: "成果品".into(),
            created: NaiveDateTime::default(),
            media: Media::CdR,
            title: "成果品".into(),
            files: names
                .iter()
                .map(|n| DiscFile {
                    name: (*n).into(),
                    bytes: vec![1],
                })
                .collect(),
            malware_check: Some(MalwareCheck {
                checked_by: "a".into(),
                checked_at: NaiveDateTime::default(),
                product: "p".into(),
                pattern_version: "1".into(),
                result: "ok".into(),
            }),
            audit_head: "記録なし".into(),
        };
        assert_eq!(build_disc(&mk(&[])), Err(DiscError::Empty));
        assert!(matches!(
            build_disc(&mk(&["a/b.pdf"])),
            Err(DiscError::BadName(_))
        ));
        assert!(matches!(
            build_disc(&mk(&["議事録.pdf", "議事録.PDF"])),
            Err(DiscError::DuplicateName(_))
        ));
        assert!(build_disc(&mk(&["議事録.pdf"])).is_ok());
    }
}
