//! Notifications: what a person is told, about which item, and the time-based ones (a deadline
//! near or passed) decided from clocks and "now" alone.
//!
//! Who is told what is decided by the use cases when they write the event; the kinds, the
//! items and the deadline rule live here so every front end names them the same way.

use crate::coded::coded_enum;
use crate::sla::{ClockState, SlaClockView};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Default of the warning time before an answer or SLA deadline (a setting).
pub const DEFAULT_DEADLINE_WARNING_MINUTES: i64 = 30;

coded_enum!(
    /// What happened, as the notification centre names it.
    NotificationKind {
        RequestFiled = "request_filed" / "新しい依頼",
        RequestCommented = "request_commented" / "依頼へのコメント",
        RequestAnswered = "request_answered" / "依頼への回答",
        RequestSentBack = "request_sent_back" / "回答の差戻し",
        RequestReopened = "request_reopened" / "依頼の再開",
        RequestAssigned = "request_assigned" / "依頼の割当",
        RequestUpdated = "request_updated" / "ウォッチ中の依頼の更新",
        AnswerDeadlineNear = "answer_deadline_near" / "回答期限が近い依頼",
        AnswerDeadlinePassed = "answer_deadline_passed" / "回答期限を過ぎた依頼",
        ChangeSubmitted = "change_submitted" / "承認待ちの変更",
        ChangeApproved = "change_approved" / "変更の承認",
        ChangeRejected = "change_rejected" / "変更の却下",
        ChangeSentBack = "change_sent_back" / "変更の差戻し",
        ChangeRevoked = "change_revoked" / "変更の承認取消",
        ChangeUpdated = "change_updated" / "ウォッチ中の変更の更新",
        OutageAhead = "outage_ahead" / "計画停止のお知らせ",
        MinutesSubmitted = "minutes_submitted" / "議事録の提出",
        MinutesApproved = "minutes_approved" / "議事録の承認",
        MinutesReturned = "minutes_returned" / "議事録の差戻し",
        SlaNearBreach = "sla_near_breach" / "SLA期限が近い障害",
        SlaBreached = "sla_breached" / "SLA期限超過",
    }
);

coded_enum!(
    /// The kind of record a notification points at (the window jumps to it).
    ItemKind {
        Request = "request" / "依頼",
        Change = "change" / "変更",
        Meeting = "meeting" / "会議",
        Incident = "incident" / "障害",
    }
);

/// A record a notification points at, or a person watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemRef {
    pub kind: ItemKind,
    pub id: i64,
}

impl ItemRef {
    pub fn request(id: i64) -> Self {
        Self {
            kind: ItemKind::Request,
            id,
        }
    }
    pub fn change(id: i64) -> Self {
        Self {
            kind: ItemKind::Change,
            id,
        }
    }
    pub fn meeting(id: i64) -> Self {
        Self {
            kind: ItemKind::Meeting,
            id,
        }
    }
    pub fn incident(id: i64) -> Self {
        Self {
            kind: ItemKind::Incident,
            id,
        }
    }
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} #{}", self.kind.label(), self.id)
    }
}

/// A deadline that has come near or passed: told once per recipient, which `once_key` makes
/// sure of (the same clock near, then passed, gives two keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineAlert {
    pub item: ItemRef,
    pub kind: NotificationKind,
    pub deadline: DateTime<Utc>,
    pub once_key: String,
}

/// What a running clock's deadline means at `now`: near when it falls within `warning`,
/// passed once it is over. Met, stopped and not-started clocks say nothing; a paused clock
/// (waiting for the requester) is not the contractor's to hurry.
///
/// `near` and `passed` are the kinds to use (request answer or incident SLA).
pub fn deadline_alert(
    item: ItemRef,
    clock: &SlaClockView,
    warning: TimeDelta,
    now: DateTime<Utc>,
    near: NotificationKind,
    passed: NotificationKind,
) -> Option<DeadlineAlert> {
    let (kind, deadline) = match clock.state {
        ClockState::Breached {
            deadline, at: None, ..
        } => (passed, deadline),
        ClockState::Running { deadline, .. } if deadline - now <= warning => (near, deadline),
        _ => return None,
    };
    Some(DeadlineAlert {
        item,
        kind,
        deadline,
        once_key: format!(
            "{}:{}:{}:{}",
            item.kind.code(),
            item.id,
            clock.item.code(),
            kind.code()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, ServiceHours};
    use crate::sla::{SlaTargets, request_answer_clock};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        crate::calendar::TOKYO
            .with_ymd_and_hms(2026, 4, 10, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn answer_alert(
        filed: DateTime<Utc>,
        answered: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<DeadlineAlert> {
        let clock = answer_clock(filed, answered, now);
        deadline_alert(
            ItemRef::request(7),
            &clock,
            TimeDelta::minutes(30),
            now,
            NotificationKind::AnswerDeadlineNear,
            NotificationKind::AnswerDeadlinePassed,
        )
    }

    fn answer_clock(
        filed: DateTime<Utc>,
        answered: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> crate::sla::SlaClockView {
        request_answer_clock(
            filed,
            answered,
            &[],
            &SlaTargets::default(),
            &Calendar::new(ServiceHours::default(), [], []),
            now,
        )
    }

    #[test]
    fn a_far_deadline_says_nothing_a_near_one_warns_a_passed_one_is_told() {
        let filed = at(9, 0);
        let clock = answer_clock(filed, None, filed);
        let deadline = clock.deadline.expect("an answer clock starts at filing");
        assert_eq!(
            answer_alert(filed, None, deadline - TimeDelta::minutes(31)),
            None
        );
        let near = answer_alert(filed, None, deadline - TimeDelta::minutes(30)).unwrap();
        assert_eq!(near.kind, NotificationKind::AnswerDeadlineNear);
        assert_eq!(near.deadline, deadline);
        assert_eq!(
            near.once_key,
            "request:7:request_answer:answer_deadline_near"
        );
        let passed = answer_alert(filed, None, deadline + TimeDelta::minutes(1)).unwrap();
        assert_eq!(passed.kind, NotificationKind::AnswerDeadlinePassed);
        assert_ne!(
            passed.once_key, near.once_key,
            "near and passed are told apart"
        );
    }

    #[test]
    fn an_answered_request_says_nothing_even_late() {
        let filed = at(9, 0);
        let deadline = answer_clock(filed, None, filed).deadline.unwrap();
        let late = deadline + TimeDelta::hours(1);
        assert_eq!(
            answer_alert(filed, Some(late), late + TimeDelta::hours(1)),
            None
        );
        assert_eq!(answer_alert(filed, Some(filed), deadline), None);
    }

    #[test]
    fn codes_round_trip() {
        for k in NotificationKind::ALL {
            assert_eq!(NotificationKind::from_code(k.code()), Some(*k));
        }
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_code(k.code()), Some(*k));
        }
        assert_eq!(ItemRef::change(3).to_string(), "変更 #3");
    }
}
