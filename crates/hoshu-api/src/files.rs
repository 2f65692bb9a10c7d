//! Files crossing the API (attachments, rendered documents) as JSON: bytes in base64.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A file the caller saves where its user chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FileDownload {
    pub file_name: String,
    pub content_type: String,
    #[serde(with = "base64_bytes")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub bytes: Vec<u8>,
}

/// `Vec<u8>` as a base64 string (a JSON array of numbers would be four times the size).
pub(crate) mod base64_bytes {
    use super::*;

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

impl From<hoshu_app::Rendered> for FileDownload {
    fn from(rendered: hoshu_app::Rendered) -> Self {
        FileDownload {
            content_type: content_type_of(&rendered.file_name),
            file_name: rendered.file_name,
            bytes: rendered.bytes,
        }
    }
}

/// The media type of a file, from its extension.
pub fn content_type_of(name: &str) -> String {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "iso" => "application/x-iso9660-image",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
    .to_owned()
}

/// A file sent with an operation (the files chosen on the filing form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UploadedFile {
    pub file_name: String,
    pub bytes: Base64Bytes,
}

/// Uploaded bytes in an operation's arguments (a newtype: JSON sees only the base64 string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Base64Bytes(
    #[serde(with = "base64_bytes")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub Vec<u8>,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_travel_as_base64_and_come_back_unchanged() {
        let file = FileDownload {
            file_name: "議事録.pdf".into(),
            content_type: "application/pdf".into(),
            bytes: vec![0, 1, 2, 254, 255],
        };
        let json = serde_json::to_value(&file).unwrap();
        assert_eq!(json["bytes"], "AAEC/v8=");
        assert_eq!(json["fileName"], "議事録.pdf");
        let back: FileDownload = serde_json::from_value(json).unwrap();
        assert_eq!(back, file);
        assert!(serde_json::from_str::<Base64Bytes>("\"!!\"").is_err());
        let upload: UploadedFile =
            serde_json::from_str(r#"{"fileName": "a.pdf", "bytes": "AAEC"}"#).unwrap();
        assert_eq!(upload.bytes, Base64Bytes(vec![0, 1, 2]));
    }
}
