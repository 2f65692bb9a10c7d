//! Drafts on a shared terminal: what staff type may be a welfare recipient's personal data, and
//! the next person on the same Windows profile can read any file the app leaves. So a draft is
//! kept only while needed — erased when it is sent or discarded, and unread once older than the
//! set number of days — and it is encrypted (AES-256-GCM) under a key the operating system keeps
//! for this user (Windows Credential Manager; the kernel keyring on Linux), never beside the
//! files: another profile, or a copied file, reads nothing. File names are keyed MACs, so
//! not even who has drafts shows. Without a key store the drafts stay in memory only.

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

const KEY_LEN: usize = 32;
const EXTENSION: &str = "draft";
/// Names the key the drafts in the folder are sealed under (a MAC, not the key).
const KEY_CHECK_FILE: &str = "key-check";

/// Where the drafts' key lives.
pub trait KeyStore: Send + Sync {
    /// This user's key, created on first use; `Err` when the computer has no key store.
    fn key(&self) -> Result<[u8; KEY_LEN], String>;
}

/// The operating system's credential store for the logged-in user, under `service`.
pub struct OsKeyring {
    pub service: String,
}

impl OsKeyring {
    pub const SERVICE: &'static str = "jp.lg.hoshu-desk.drafts";

    fn entry(&self) -> keyring::Result<keyring::Entry> {
        // A process started outside a log-in session (a service, a container) has no session
        // keyring of its own, and a key added to the shared one cannot be found again: join
        // one first. The key itself is kept in the user's persistent keyring, linked into it.
        #[cfg(target_os = "linux")]
        linux_keyutils::KeyRing::from_special_id(linux_keyutils::KeyRingIdentifier::Session, true)
            .map_err(|e| keyring::Error::PlatformFailure(Box::new(e)))?;
        keyring::Entry::new(&self.service, "draft-key")
    }

    /// Removes the key: every draft encrypted under it becomes unreadable.
    pub fn forget(&self) -> Result<(), String> {
        match self.entry().and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

impl KeyStore for OsKeyring {
    fn key(&self) -> Result<[u8; KEY_LEN], String> {
        let entry = self.entry().map_err(|e| e.to_string())?;
        match entry.get_secret() {
            Ok(secret) if secret.len() == KEY_LEN => {
                let mut key = [0; KEY_LEN];
                key.copy_from_slice(&secret);
                Ok(key)
            }
            Ok(_) | Err(keyring::Error::NoEntry) => {
                let mut key = [0; KEY_LEN];
                SystemRandom::new()
                    .fill(&mut key)
                    .map_err(|_| "乱数を生成できません".to_owned())?;
                entry.set_secret(&key).map_err(|e| e.to_string())?;
                Ok(key)
            }
            Err(e) => Err(e.to_string()),
        }
    }
}

/// One draft: the window's own key for it (form and login) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredDraft {
    pub key: String,
    pub text: String,
}

struct Keys {
    seal: LessSafeKey,
    names: hmac::Key,
}

/// The drafts of every user of this terminal profile, in `folder`.
pub struct DraftVault {
    folder: PathBuf,
    keys: Option<Keys>,
    /// Drafts kept in memory when there is no key store (lost when the app closes).
    memory: Mutex<BTreeMap<(String, String), String>>,
}

impl DraftVault {
    /// Opens the vault in `folder` with the key from `keys`; without one, drafts are kept in
    /// memory only and any files there are erased unread.
    pub fn open(folder: PathBuf, keys: &dyn KeyStore) -> Self {
        let keys = keys.key().ok().and_then(|key| {
            Some(Keys {
                seal: LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).ok()?),
                names: hmac::Key::new(hmac::HMAC_SHA256, &key),
            })
        });
        let vault = Self {
            folder,
            keys,
            memory: Mutex::default(),
        };
        // Drafts sealed under another key (the key store was reset, or files were copied in)
        // can never be read: they go at once rather than waiting out their days.
        let key_matches = vault.keys.as_ref().is_some_and(|keys| {
            match std::fs::read_to_string(vault.folder.join(KEY_CHECK_FILE)) {
                Ok(check) => check == vault.name(keys, &[KEY_CHECK_FILE]),
                Err(_) => true,
            }
        });
        if !key_matches {
            let _ = std::fs::remove_dir_all(&vault.folder);
        }
        vault
    }

    /// Whether drafts survive a restart (they are on disk, encrypted).
    pub fn kept_on_disk(&self) -> bool {
        self.keys.is_some()
    }

    fn name(&self, keys: &Keys, parts: &[&str]) -> String {
        let mut ctx = hmac::Context::with_key(&keys.names);
        for part in parts {
            ctx.update(part.as_bytes());
            ctx.update(&[0]);
        }
        hex::encode(&ctx.sign().as_ref()[..16])
    }

    fn user_folder(&self, keys: &Keys, login: &str) -> PathBuf {
        self.folder.join(self.name(keys, &[login]))
    }

    /// Keeps `text` as `login`'s draft `key`, replacing the one before.
    pub fn write(&self, login: &str, key: &str, text: &str) -> std::io::Result<()> {
        let Some(keys) = &self.keys else {
            relock(&self.memory).insert((login.to_owned(), key.to_owned()), text.to_owned());
            return Ok(());
        };
        let folder = self.user_folder(keys, login);
        std::fs::create_dir_all(&folder)?;
        let check = self.folder.join(KEY_CHECK_FILE);
        if !check.exists() {
            std::fs::write(check, self.name(keys, &[KEY_CHECK_FILE]))?;
        }
        let stem = self.name(keys, &[login, key]);
        let plain = serde_json::to_vec(&StoredDraft {
            key: key.to_owned(),
            text: text.to_owned(),
        })?;
        let mut nonce = [0; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| std::io::Error::other("乱数を生成できません"))?;
        let mut sealed = plain;
        keys.seal
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad(login, &stem)),
                &mut sealed,
            )
            .map_err(|_| std::io::Error::other("下書きを暗号化できません"))?;
        let mut file = nonce.to_vec();
        file.extend_from_slice(&sealed);
        let path = folder.join(format!("{stem}.{EXTENSION}"));
        crate::files::write_atomically(&path, &file)
            .map(|_| ())
            .map_err(|e| std::io::Error::other(e.message))
    }

    /// Every draft of `login` that can still be read; one that cannot (another key, damaged)
    /// is erased.
    pub fn read_all(&self, login: &str) -> Vec<StoredDraft> {
        let Some(keys) = &self.keys else {
            return relock(&self.memory)
                .iter()
                .filter(|((l, _), _)| l == login)
                .map(|((_, key), text)| StoredDraft {
                    key: key.clone(),
                    text: text.clone(),
                })
                .collect();
        };
        let mut drafts = Vec::new();
        for path in draft_files(&self.user_folder(keys, login)) {
            match self.open_file(keys, login, &path) {
                Some(draft) => drafts.push(draft),
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        drafts.sort_by(|a, b| a.key.cmp(&b.key));
        drafts
    }

    fn open_file(&self, keys: &Keys, login: &str, path: &Path) -> Option<StoredDraft> {
        let stem = path.file_stem()?.to_str()?;
        let bytes = std::fs::read(path).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let mut sealed = sealed.to_vec();
        let plain = keys
            .seal
            .open_in_place(
                Nonce::try_assume_unique_for_key(nonce).ok()?,
                Aad::from(aad(login, stem)),
                &mut sealed,
            )
            .ok()?;
        let draft: StoredDraft = serde_json::from_slice(plain).ok()?;
        (self.name(keys, &[login, &draft.key]) == stem).then_some(draft)
    }

    /// Erases `login`'s draft `key`.
    pub fn erase(&self, login: &str, key: &str) {
        match &self.keys {
            None => {
                relock(&self.memory).remove(&(login.to_owned(), key.to_owned()));
            }
            Some(keys) => {
                let path = self
                    .user_folder(keys, login)
                    .join(format!("{}.{EXTENSION}", self.name(keys, &[login, key])));
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Erases every draft of `login`.
    pub fn erase_all(&self, login: &str) {
        match &self.keys {
            None => relock(&self.memory).retain(|(l, _), _| l != login),
            Some(keys) => {
                let _ = std::fs::remove_dir_all(self.user_folder(keys, login));
            }
        }
    }

    /// Erases, unread, every draft of every user last written more than `days` days before
    /// `now`. Answers how many went.
    pub fn erase_older_than(&self, days: i64, now: SystemTime) -> usize {
        let limit = Duration::from_secs(days.max(0) as u64 * 24 * 3600);
        let mut erased = 0;
        let users = std::fs::read_dir(&self.folder)
            .into_iter()
            .flatten()
            .flatten();
        for user in users {
            for path in draft_files(&user.path()) {
                let old = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .map(|written| now.duration_since(written).unwrap_or_default() > limit)
                    .unwrap_or(true);
                if old && std::fs::remove_file(&path).is_ok() {
                    erased += 1;
                }
            }
            // An emptied user folder goes too (it would only say someone once had drafts).
            let _ = std::fs::remove_dir(user.path());
        }
        erased
    }
}

fn aad(login: &str, stem: &str) -> Vec<u8> {
    [login.as_bytes(), &[0], stem.as_bytes()].concat()
}

fn draft_files(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == EXTENSION))
        .collect()
}

fn relock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed([u8; KEY_LEN]);
    impl KeyStore for Fixed {
        fn key(&self) -> Result<[u8; KEY_LEN], String> {
            Ok(self.0)
        }
    }
    struct NoStore;
    impl KeyStore for NoStore {
        fn key(&self) -> Result<[u8; KEY_LEN], String> {
            Err("no key store".into())
        }
    }

    const SECRET: &str = "生活保護受給者 山田太郎 様（ケース番号 123-4567）の返戻について";

    fn every_byte_under(folder: &Path) -> Vec<u8> {
        let mut all = Vec::new();
        for entry in walk(folder) {
            all.extend(std::fs::read(&entry).unwrap());
            all.extend(entry.to_string_lossy().as_bytes());
        }
        all
    }

    fn walk(folder: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn nothing_readable_is_on_disk_and_the_owner_reads_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let vault = DraftVault::open(dir.path().join("drafts"), &Fixed([7; KEY_LEN]));
        let text = serde_json::json!({"payload": {"body": SECRET}}).to_string();
        vault
            .write("staff01", "hoshu-desk.draft.staff01::new-request", &text)
            .unwrap();
        let disk = every_byte_under(dir.path());
        assert!(!disk.is_empty());
        for needle in [SECRET, "山田", "staff01", "new-request", "payload"] {
            assert!(
                !contains(&disk, needle.as_bytes()),
                "{needle} is readable on disk"
            );
        }
        let back = vault.read_all("staff01");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].text, text);
        assert!(
            vault.read_all("staff02").is_empty(),
            "another login sees nothing"
        );
    }

    #[test]
    fn a_copied_file_or_another_key_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("drafts");
        DraftVault::open(folder.clone(), &Fixed([1; KEY_LEN]))
            .write("staff01", "k", SECRET)
            .unwrap();
        let other = DraftVault::open(folder.clone(), &Fixed([2; KEY_LEN]));
        assert!(other.read_all("staff01").is_empty());
        let again = DraftVault::open(folder.clone(), &Fixed([1; KEY_LEN]));
        assert!(
            again.read_all("staff01").is_empty(),
            "a draft found under another key is erased, not kept"
        );
        assert!(walk(&folder).is_empty());
    }

    #[test]
    fn sent_discarded_and_old_drafts_are_erased() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("drafts");
        let vault = DraftVault::open(folder.clone(), &Fixed([3; KEY_LEN]));
        vault.write("staff01", "a", "1").unwrap();
        vault.write("staff01", "b", "2").unwrap();
        vault.write("chief", "c", "3").unwrap();
        vault.erase("staff01", "a");
        assert_eq!(vault.read_all("staff01").len(), 1);
        vault.erase_all("staff01");
        assert!(vault.read_all("staff01").is_empty());
        assert_eq!(vault.read_all("chief").len(), 1);
        let now = SystemTime::now();
        assert_eq!(vault.erase_older_than(7, now), 0);
        assert_eq!(
            vault.erase_older_than(7, now + Duration::from_secs(8 * 24 * 3600)),
            1
        );
        let left: Vec<_> = walk(&folder);
        assert_eq!(left, [folder.join(KEY_CHECK_FILE)], "only the key's check");
    }

    #[test]
    fn without_a_key_store_drafts_stay_in_memory_only() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("drafts");
        let vault = DraftVault::open(folder.clone(), &NoStore);
        assert!(!vault.kept_on_disk());
        vault.write("staff01", "k", SECRET).unwrap();
        assert_eq!(vault.read_all("staff01")[0].text, SECRET);
        assert!(!folder.exists());
    }

    /// The real key store of this computer (the kernel keyring on Linux).
    #[test]
    fn the_operating_system_keeps_the_key() {
        let store = OsKeyring {
            service: format!("jp.lg.hoshu-desk.drafts.test-{}", std::process::id()),
        };
        let first = store.key().expect("the operating system's key store");
        assert_eq!(
            store.key().unwrap(),
            first,
            "the same key on the next start"
        );
        let dir = tempfile::tempdir().unwrap();
        let vault = DraftVault::open(dir.path().to_owned(), &store);
        assert!(vault.kept_on_disk());
        vault.write("staff01", "k", SECRET).unwrap();
        assert!(!contains(&every_byte_under(dir.path()), SECRET.as_bytes()));
        store.forget().unwrap();
        let after = DraftVault::open(dir.path().to_owned(), &store);
        assert!(
            after.read_all("staff01").is_empty(),
            "a forgotten key reads nothing"
        );
        store.forget().unwrap();
    }
}
