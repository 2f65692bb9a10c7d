//! Log-in attempts per terminal address: after a few failures each further attempt waits
//! longer (progressive delay), so guessing from one address is slow, while a success or a
//! quiet spell forgets the failures. Kept in memory per server process: it slows a burst,
//! and the account's own failure count in the database covers attempts spread over servers.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures from one address that pass without delay.
const FREE_FAILURES: u32 = 5;
/// The longest wait between attempts.
const MAX_WAIT: Duration = Duration::from_secs(300);
/// Failures older than this are forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(3600);

/// How long an address must wait after `failures` failed log-ins in a row: nothing for the
/// first five, then 1, 2, 4, … seconds up to five minutes.
pub fn wait_after_failures(failures: u32) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_FAILURES).min(16);
    Duration::from_secs(1u64 << doublings).min(MAX_WAIT)
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

#[derive(Debug, Default)]
pub struct LoginThrottle {
    by_address: Mutex<HashMap<IpAddr, Failures>>,
}

impl LoginThrottle {
    /// `Err(wait)` when `ip` must wait before trying again.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut map = self.lock();
        map.retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
        let Some(f) = map.get(&ip) else {
            return Ok(());
        };
        let ready_at = f.last + wait_after_failures(f.count);
        if now < ready_at {
            Err(ready_at - now)
        } else {
            Ok(())
        }
    }

    pub fn failed(&self, ip: IpAddr, now: Instant) {
        let mut map = self.lock();
        let entry = map.entry(ip).or_insert(Failures {
            count: 0,
            last: now,
        });
        entry.count = entry.count.saturating_add(1);
        entry.last = now;
    }

    pub fn succeeded(&self, ip: IpAddr) {
        self.lock().remove(&ip);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Failures>> {
        self.by_address
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_five_failures_and_stop_at_five_minutes() {
        assert_eq!(wait_after_failures(0), Duration::ZERO);
        assert_eq!(wait_after_failures(4), Duration::ZERO);
        assert_eq!(wait_after_failures(5), Duration::from_secs(1));
        assert_eq!(wait_after_failures(6), Duration::from_secs(2));
        assert_eq!(wait_after_failures(10), Duration::from_secs(32));
        assert_eq!(wait_after_failures(40), MAX_WAIT);
    }

    #[test]
    fn an_address_is_held_back_and_a_success_forgets_it() {
        let throttle = LoginThrottle::default();
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..6 {
            throttle.failed(ip, t0);
        }
        assert_eq!(throttle.check(ip, t0), Err(Duration::from_secs(2)));
        assert_eq!(
            throttle.check(other, t0),
            Ok(()),
            "other terminals are not held back"
        );
        assert_eq!(throttle.check(ip, t0 + Duration::from_secs(2)), Ok(()));
        throttle.succeeded(ip);
        assert_eq!(throttle.check(ip, t0), Ok(()));
    }
}
