//! Database URLs: the one place that builds a `sqlite:` URL from a file, reads the file back
//! out of one, and hides a password before a URL is shown or logged.
//!
//! Standard library only, so that `xtask` (which has no dependencies) compiles this same file.

use std::path::{Path, PathBuf};

/// The `sqlite:` URL for a file, with the characters a URL would misread percent-encoded: a
/// Windows profile folder may hold `#`, `%` or `?`, and must still open that file.
pub fn sqlite_url(path: &Path) -> String {
    let mut url = String::from("sqlite:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '\u{0}'..='\u{1f}' => {
                url.push_str(&format!("%{:02X}", u32::from(c)));
            }
            // Everything else, multi-byte characters included, goes in as it is: the URL
            // parser percent-encodes it and the SQLite driver decodes it again.
            _ => url.push(c),
        }
    }
    url
}

/// The file a `sqlite:` URL names (options after `?` dropped, `%XX` decoded); `None` for any
/// other database.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let encoded = rest.split('?').next().unwrap_or_default();
    let bytes = encoded.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    Some(PathBuf::from(
        String::from_utf8_lossy(&decoded).into_owned(),
    ))
}

/// The URL with its password replaced by `***`, for showing on screen or in a log. Only the
/// authority is looked at, so an `@` in a path or query is left alone.
pub fn masked(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_goes_into_a_url_and_comes_back_unchanged() {
        for path in [
            "/home/山田 太郎/100%?#.sqlite",
            "C:\\Users\\#1 福祉課\\AppData\\hoshu.sqlite",
            "hoshu.sqlite",
        ] {
            let url = sqlite_url(Path::new(path));
            assert_eq!(sqlite_file(&url), Some(PathBuf::from(path)), "{url}");
        }
        assert_eq!(
            sqlite_url(Path::new("/home/山田 太郎/100%?#.sqlite")),
            "sqlite:/home/山田%20太郎/100%25%3F%23.sqlite"
        );
    }

    #[test]
    fn options_and_slashes_are_not_part_of_the_file() {
        assert_eq!(
            sqlite_file("sqlite:///var/hoshu/hoshu.sqlite?mode=rwc"),
            Some(PathBuf::from("/var/hoshu/hoshu.sqlite"))
        );
        assert_eq!(sqlite_file("sqlite:a%2.db"), Some(PathBuf::from("a%2.db")));
        assert_eq!(sqlite_file("postgres://u@h/x"), None);
    }

    #[test]
    fn passwords_are_masked_and_nothing_else() {
        assert_eq!(
            masked("postgres://u:secret@db.example:5433/x?sslmode=require"),
            "postgres://u:***@db.example:5433/x?sslmode=require"
        );
        assert_eq!(masked("postgres://u:p@ss@h/x"), "postgres://u:***@h/x");
        assert_eq!(masked("postgres://u@h/x"), "postgres://u@h/x");
        assert_eq!(
            masked("https://desk.example/a@b"),
            "https://desk.example/a@b"
        );
        assert_eq!(masked("not a url"), "not a url");
    }
}
