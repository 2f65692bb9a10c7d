//! Files that cross a terminal: which names are safe to show and save, and which kinds of file
//! may be attached. A shared terminal's user opens what a colleague attached, so a name must
//! not disguise what the file is (a right-to-left override U+202E before `fdp.exe` shows a
//! program as `…exe.pdf`) and an attachment must be the kind its name says.

/// Characters that reorder or hide text on screen: the Unicode bidirectional controls and the
/// invisible marks that join, separate or change direction.
const INVISIBLE_OR_REORDERING: &[char] = &[
    '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}',
    '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
];

/// Names Windows reserves for devices: a file with one of these stems cannot be saved.
const WINDOWS_DEVICE_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Why `name` cannot be used as a file name on a terminal, in Japanese, or `None` when it can.
pub fn file_name_problem(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        return Some("ファイル名がありません。".into());
    }
    if let Some(c) = name.chars().find(|c| INVISIBLE_OR_REORDERING.contains(c)) {
        return Some(format!(
            "ファイル名に表示の向きを変える文字や見えない文字（U+{:04X}）が含まれています。拡張子を偽装するおそれがあるため使えません。",
            c as u32
        ));
    }
    if name.chars().any(char::is_control) {
        return Some("ファイル名に制御文字が含まれています。".into());
    }
    if name.contains(['/', '\\']) {
        return Some("ファイル名にフォルダの区切り文字は使えません。".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Some(format!(
            "ファイル名に Windows で使えない文字「{c}」が含まれています。"
        ));
    }
    if name.ends_with(['.', ' ']) {
        return Some("ファイル名の末尾に「.」や空白は使えません。".into());
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if WINDOWS_DEVICE_NAMES
        .iter()
        .any(|d| d.eq_ignore_ascii_case(stem))
    {
        return Some(format!(
            "「{stem}」は Windows が予約している名前のため、ファイル名に使えません。"
        ));
    }
    None
}

/// A kind of file that may be attached to a request: what staff and the contractor exchange
/// (documents, spreadsheets, screenshots, logs). Programs, scripts, macros and archives are not
/// on the list, so nothing attached runs when it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentKind {
    Pdf,
    Text,
    Csv,
    Png,
    Jpeg,
    Gif,
    Bmp,
    Tiff,
    /// Office Open XML without macros: .docx, .xlsx, .pptx.
    OfficeOpenXml,
    /// The older binary Office formats: .doc, .xls, .ppt.
    OfficeLegacy,
    /// OpenDocument: .odt, .ods, .odp.
    OpenDocument,
}

impl AttachmentKind {
    /// The kind a file extension names (case-insensitive), if it is on the list.
    pub fn from_extension(extension: &str) -> Option<Self> {
        use AttachmentKind::*;
        Some(match extension.to_ascii_lowercase().as_str() {
            "pdf" => Pdf,
            "txt" | "log" => Text,
            "csv" => Csv,
            "png" => Png,
            "jpg" | "jpeg" => Jpeg,
            "gif" => Gif,
            "bmp" => Bmp,
            "tif" | "tiff" => Tiff,
            "docx" | "xlsx" | "pptx" => OfficeOpenXml,
            "doc" | "xls" | "ppt" => OfficeLegacy,
            "odt" | "ods" | "odp" => OpenDocument,
            _ => return None,
        })
    }

    /// Whether the first bytes of a file are what this kind starts with. Text has no mark;
    /// it only must not be a program.
    fn starts_like(self, head: &[u8]) -> bool {
        use AttachmentKind::*;
        match self {
            Pdf => head.starts_with(b"%PDF-"),
            Text | Csv => !head.starts_with(b"MZ") && !head.starts_with(b"\x7FELF"),
            Png => head.starts_with(b"\x89PNG\r\n\x1A\n"),
            Jpeg => head.starts_with(b"\xFF\xD8\xFF"),
            Gif => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
            Bmp => head.starts_with(b"BM"),
            Tiff => head.starts_with(b"II*\0") || head.starts_with(b"MM\0*"),
            OfficeOpenXml | OpenDocument => head.starts_with(b"PK\x03\x04"),
            OfficeLegacy => head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
        }
    }

    /// The media type the file is served with.
    pub fn content_type(self, extension: &str) -> &'static str {
        use AttachmentKind::*;
        match (self, extension.to_ascii_lowercase().as_str()) {
            (Pdf, _) => "application/pdf",
            (Text, _) => "text/plain; charset=utf-8",
            (Csv, _) => "text/csv",
            (Png, _) => "image/png",
            (Jpeg, _) => "image/jpeg",
            (Gif, _) => "image/gif",
            (Bmp, _) => "image/bmp",
            (Tiff, _) => "image/tiff",
            (OfficeOpenXml, "docx") => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            (OfficeOpenXml, "pptx") => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            (OfficeOpenXml, _) => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            (OfficeLegacy, "doc") => "application/msword",
            (OfficeLegacy, "ppt") => "application/vnd.ms-powerpoint",
            (OfficeLegacy, _) => "application/vnd.ms-excel",
            (OpenDocument, "odt") => "application/vnd.oasis.opendocument.text",
            (OpenDocument, "odp") => "application/vnd.oasis.opendocument.presentation",
            (OpenDocument, _) => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }
}

/// The extensions that may be attached, for messages and the open dialog's filter.
pub const ATTACHMENT_EXTENSIONS: &[&str] = &[
    "pdf", "txt", "log", "csv", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "docx", "xlsx",
    "pptx", "doc", "xls", "ppt", "odt", "ods", "odp",
];

/// The extension of `name` (after its last dot), if it has one.
pub fn extension_of(name: &str) -> Option<&str> {
    name.rsplit_once('.')
        .map(|(_, ext)| ext)
        .filter(|ext| !ext.is_empty())
}

/// The kind of an attachment called `name` whose content starts with `head`, or why it may
/// not be attached (in Japanese).
pub fn attachment_kind(name: &str, head: &[u8]) -> Result<AttachmentKind, String> {
    let allowed = || ATTACHMENT_EXTENSIONS.join("、");
    let Some(extension) = extension_of(name) else {
        return Err(format!(
            "拡張子のないファイルは添付できません。添付できる種類: {}",
            allowed()
        ));
    };
    let Some(kind) = AttachmentKind::from_extension(extension) else {
        return Err(format!(
            "「.{extension}」のファイルは添付できません。添付できる種類: {}",
            allowed()
        ));
    };
    if !kind.starts_like(head) {
        return Err(format!(
            "ファイルの中身が拡張子「.{extension}」の形式ではありません。名前と中身が一致するファイルを添付してください。"
        ));
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_right_to_left_override_cannot_disguise_a_program() {
        let disguised = "請求書\u{202E}fdp.exe";
        let problem = file_name_problem(disguised).unwrap();
        assert!(problem.contains("U+202E"), "{problem}");
        assert!(file_name_problem("請求書\u{2067}.pdf").is_some());
        assert!(file_name_problem("a\u{200B}b.pdf").is_some());
    }

    #[test]
    fn ordinary_japanese_names_are_fine() {
        assert_eq!(file_name_problem("レセプト画面 (1).png"), None);
        assert_eq!(file_name_problem("議事録_令和8年4月.pdf"), None);
    }

    #[test]
    fn windows_reserved_names_and_characters_are_refused() {
        assert!(file_name_problem("CON.txt").is_some());
        assert!(file_name_problem("nul").is_some());
        assert!(file_name_problem("a:b.txt").is_some());
        assert!(file_name_problem("report.pdf.").is_some());
        assert!(file_name_problem("..\\secret.txt").is_some());
        assert!(file_name_problem("line\nbreak.txt").is_some());
        assert!(file_name_problem("  ").is_some());
        assert_eq!(file_name_problem("console.txt"), None);
    }

    #[test]
    fn only_listed_kinds_whose_content_matches_are_attached() {
        assert_eq!(
            attachment_kind("画面.PNG", b"\x89PNG\r\n\x1A\n...."),
            Ok(AttachmentKind::Png)
        );
        assert_eq!(
            attachment_kind("手順.pdf", b"%PDF-1.7\n"),
            Ok(AttachmentKind::Pdf)
        );
        assert_eq!(
            attachment_kind("ログ.txt", "エラー".as_bytes()),
            Ok(AttachmentKind::Text)
        );
        let exe = attachment_kind("setup.exe", b"MZ\x90\0").unwrap_err();
        assert!(exe.contains("「.exe」のファイルは添付できません"), "{exe}");
        let macro_book = attachment_kind("集計.xlsm", b"PK\x03\x04").unwrap_err();
        assert!(macro_book.contains(".xlsm"), "{macro_book}");
        assert!(attachment_kind("README", b"text").is_err());
    }

    #[test]
    fn a_program_renamed_to_a_document_is_refused() {
        let e = attachment_kind("見積書.pdf", b"MZ\x90\0\x03").unwrap_err();
        assert!(
            e.contains("中身が拡張子「.pdf」の形式ではありません"),
            "{e}"
        );
        assert!(attachment_kind("memo.txt", b"MZ\x90\0").is_err());
        assert!(attachment_kind("表.xlsx", b"%PDF-").is_err());
    }

    #[test]
    fn every_listed_extension_has_a_kind_and_a_content_type() {
        for ext in ATTACHMENT_EXTENSIONS {
            let kind = AttachmentKind::from_extension(ext).unwrap();
            assert!(!kind.content_type(ext).is_empty());
        }
        assert_eq!(
            AttachmentKind::OfficeOpenXml.content_type("DOCX"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
    }
}
