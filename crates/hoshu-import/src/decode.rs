//! Text files as Japanese offices save them: UTF-8 (with or without a byte-order mark) or
//! CP932, which Excel and Redmine ≤ 5.1 write as "Shift_JIS".

use crate::Problem;
use encoding_rs::{SHIFT_JIS, UTF_8};

/// The text of a CSV file. CP932 is decoded with the WHATWG Shift_JIS decoder, which is
/// Windows-31J: NEC and IBM extensions (①, ㈱, 髙) and ～ come through as Windows shows them.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, Problem> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return UTF_8
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(|t| t.into_owned())
            .ok_or_else(|| Problem::file("文字コード", "UTF-8 として読めない箇所があります。"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| {
            Problem::file(
                "文字コード",
                "CP932（Shift_JIS）としても UTF-8 としても読めません。",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp932_only_characters_survive() {
        let text = "①㈱髙～";
        let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
        assert!(!unmappable);
        assert_eq!(decode_text(&bytes).unwrap(), text);
    }

    #[test]
    fn a_byte_order_mark_means_utf8() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("題名".as_bytes());
        assert_eq!(decode_text(&bytes).unwrap(), "題名");
    }

    #[test]
    fn bytes_neither_utf8_nor_cp932_are_a_problem() {
        let p = decode_text(b"\x82\xa0\xff\xff").unwrap_err();
        assert_eq!(p.field, "文字コード");
    }
}
