//! Password hashing with Argon2id (the argon2 crate's defaults follow OWASP's advice).

use crate::error::{AppError, ErrorCode};
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

pub fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("パスワードを保存できません: {e}"),
            )
        })
}

/// `false` for a wrong password and for a stored hash that cannot be parsed.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Runs Argon2 on a blocking thread: each hash takes tens of milliseconds of CPU, which must not
/// stall the async threads serving every other terminal. Each also takes 19 MiB, so no more run
/// at once than there are cores: a morning's burst of log-ins then queues instead of holding
/// gigabytes (150 at once held 2.7 GB before), and finishes no later.
async fn on_hashing_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let unavailable = |e: &dyn std::fmt::Display| {
        AppError::new(
            ErrorCode::Internal,
            format!("パスワードを確認できません: {e}"),
        )
    };
    let _slot = slots.acquire().await.map_err(|e| unavailable(&e))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| unavailable(&e))
}

/// [`verify`] off the async threads.
pub async fn verify_off_thread(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_owned(), stored.to_owned());
    on_hashing_thread(move || verify(&password, &stored))
        .await
        .unwrap_or(false)
}

/// A one-time password from the operating system's randomness (an administrator never
/// chooses one): for a reset and for an account created by an import.
pub fn one_time() -> String {
    use rand::RngCore;
    let mut random = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut random);
    hoshu_core::account::one_time_password(&random)
}

/// [`hash`] off the async threads.
pub async fn hash_off_thread(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    on_hashing_thread(move || hash(&password)).await?
}

/// [`burn_time`] off the async threads.
pub async fn burn_time_off_thread(password: &str) {
    let password = password.to_owned();
    let _ = on_hashing_thread(move || burn_time(&password)).await;
}

/// Verifies against a throw-away hash so that an unknown log-in ID takes as long as a wrong
/// password, and the time taken does not reveal which IDs exist.
pub fn burn_time(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("not-a-real-account-password").unwrap_or_default());
    let _ = verify(password, stored);
}

#[cfg(test)]
mod tests {
    #[test]
    fn hash_verifies_only_the_same_password() {
        let h = super::hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("correct horse battery", &h));
        assert!(!super::verify("correct horse batterx", &h));
        assert!(!super::verify("correct horse battery", "garbage"));
    }
}
