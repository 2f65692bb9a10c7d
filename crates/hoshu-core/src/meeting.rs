//! Meetings between the city and the contractor and their minutes 打合せ議事録 (000 第9章,
//! 003 2.5): what was held, who came, what was decided, the action items 宿題 that go on the
//! issue register, and the minutes' way to the city's approval.
//!
//! # When minutes are due
//!
//! The specification asks for minutes "会議終了後、おおむね7日以内". We count **calendar days**:
//! the due day is the meeting's day (in Tokyo) plus [`MINUTES_DUE_DAYS`]; when that day is a
//! closed day 閉庁日 the due day moves to the next open day, because minutes can only be handed
//! to the section on a day it is open. Counting open days instead would stretch "about a week"
//! to nine or ten days over Golden Week and the year end, which is not what the city means.

use crate::calendar::{Calendar, tokyo};
use crate::coded::coded_enum;
use crate::validation::ValidationErrors;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Calendar days after the meeting by which its minutes are due.
pub const MINUTES_DUE_DAYS: i64 = 7;
pub const TITLE_MAX_CHARS: usize = 100;
pub const PLACE_MAX_CHARS: usize = 100;
pub const NAME_MAX_CHARS: usize = 100;
/// One handout, agenda item, decision or action item.
pub const LINE_MAX_CHARS: usize = 500;
pub const DISCUSSION_MAX_CHARS: usize = 20_000;
pub const COMMENT_MAX_CHARS: usize = 2_000;
/// Most entries of one list (attendees, handouts, agenda, decisions, action items).
pub const LIST_MAX_LEN: usize = 100;
/// Most files handed out at one meeting (配布資料), each within the attachment size: the
/// minutes list them all and the delivery disc carries them.
pub const HANDOUT_FILES_MAX: usize = 20;

coded_enum!(
    /// The kinds of meeting the contract names (domain.md "Meetings and deliverables").
    MeetingKind {
        Regular = "regular" / "定例会議",
        ScheduleReview = "schedule_review" / "業務日程レビュー",
        GroupProgress = "group_progress" / "グループ進捗会議",
        Other = "other" / "その他",
    }
);

coded_enum!(
    /// Which party a person attends for.
    Side {
        City = "city" / "本市",
        Contractor = "contractor" / "受託者",
    }
);

coded_enum!(
    /// Where a meeting's minutes stand.
    MinutesStatus {
        Draft = "draft" / "作成中",
        Submitted = "submitted" / "提出済",
        Approved = "approved" / "承認済",
        Returned = "returned" / "差戻し",
    }
);

coded_enum!(
    /// A step on the minutes.
    MinutesAction {
        Submit = "submit" / "提出",
        Approve = "approve" / "承認",
        Return = "return" / "差戻し",
    }
);

/// One person on the attendance list; `present: false` lists an absentee 欠席者.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attendee {
    pub side: Side,
    /// 所属 (e.g. 生活保護・自立支援課, the contractor's company).
    pub organisation: String,
    /// 役職 (may be empty).
    pub title: String,
    pub name: String,
    pub present: bool,
}

/// An action item 宿題: what, who, by when. Recording a meeting puts each one on the issue
/// register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItem {
    pub description: String,
    pub owner: String,
    pub due: NaiveDate,
}

/// The next meeting 次回予定, as far as it was agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NextMeeting {
    pub starts_at: DateTime<Utc>,
    pub place: String,
}

/// What the contractor records about a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewMeeting {
    pub kind: MeetingKind,
    /// 会議名, e.g. 第5回 定例会議.
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub attendees: Vec<Attendee>,
    /// 配布資料.
    pub handouts: Vec<String>,
    /// 議題.
    pub agenda: Vec<String>,
    /// 議事内容.
    pub discussion: String,
    /// 決定事項.
    pub decisions: Vec<String>,
    /// 宿題.
    pub action_items: Vec<ActionItem>,
    pub next_meeting: Option<NextMeeting>,
}

impl NewMeeting {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        e.text("title", "会議名", &self.title, TITLE_MAX_CHARS)
            .printable("title", "会議名", &self.title);
        e.text("place", "場所", &self.place, PLACE_MAX_CHARS)
            .printable("place", "場所", &self.place);
        if self.ends_at <= self.starts_at {
            e.push(
                "ends_at",
                "終了日時",
                "終了日時は開始日時より後にしてください。".into(),
            );
        } else if self.ends_at - self.starts_at > TimeDelta::hours(12) {
            e.push(
                "ends_at",
                "終了日時",
                "会議時間は12時間以内にしてください。".into(),
            );
        }
        if self.attendees.is_empty() {
            e.push(
                "attendees",
                "出席者",
                "出席者を1人以上入力してください。".into(),
            );
        } else if !self.attendees.iter().any(|a| a.present) {
            e.push(
                "attendees",
                "出席者",
                "出席した人を1人以上入力してください。".into(),
            );
        }
        too_many(&mut e, "attendees", "出席者", self.attendees.len());
        for (i, a) in self.attendees.iter().enumerate() {
            let row = i + 1;
            if a.name.trim().is_empty() {
                e.push_row(
                    "attendees",
                    "出席者",
                    i,
                    format!("出席者（{row}行目）の氏名を入力してください。"),
                );
            }
            if a.organisation.trim().is_empty() {
                e.push_row(
                    "attendees",
                    "出席者",
                    i,
                    format!("出席者（{row}行目）の所属を入力してください。"),
                );
            }
            for (value, what) in [
                (&a.name, "氏名"),
                (&a.organisation, "所属"),
                (&a.title, "役職"),
            ] {
                if value.chars().count() > NAME_MAX_CHARS || has_control(value, false) {
                    e.push_row(
                        "attendees",
                        "出席者",
                        i,
                        format!(
                            "出席者（{row}行目）の{what}は改行・制御文字なしの{NAME_MAX_CHARS}文字以内で入力してください。"
                        ),
                    );
                }
            }
        }
        lines(&mut e, "handouts", "配布資料", &self.handouts);
        lines(&mut e, "agenda", "議題", &self.agenda);
        if self.agenda.is_empty() {
            e.push("agenda", "議題", "議題を1件以上入力してください。".into());
        }
        e.max_chars(
            "discussion",
            "議事内容",
            &self.discussion,
            DISCUSSION_MAX_CHARS,
        )
        .printable("discussion", "議事内容", &self.discussion);
        lines(&mut e, "decisions", "決定事項", &self.decisions);
        too_many(&mut e, "action_items", "宿題", self.action_items.len());
        let held_on = tokyo(self.starts_at).date_naive();
        for (i, item) in self.action_items.iter().enumerate() {
            let row = i + 1;
            if item.description.trim().is_empty() {
                e.push_row(
                    "action_items",
                    "宿題",
                    i,
                    format!("宿題（{row}行目）の内容を入力してください。"),
                );
            } else if item.description.chars().count() > LINE_MAX_CHARS
                || has_control(&item.description, true)
            {
                e.push_row(
                    "action_items",
                    "宿題",
                    i,
                    format!(
                        "宿題（{row}行目）の内容は制御文字なしの{LINE_MAX_CHARS}文字以内で入力してください。"
                    ),
                );
            }
            if item.owner.trim().is_empty() {
                e.push_row(
                    "action_items",
                    "宿題",
                    i,
                    format!("宿題（{row}行目）の担当者を入力してください。"),
                );
            } else if item.owner.chars().count() > NAME_MAX_CHARS || has_control(&item.owner, false)
            {
                e.push_row(
                    "action_items",
                    "宿題",
                    i,
                    format!(
                        "宿題（{row}行目）の担当者は{NAME_MAX_CHARS}文字以内で入力してください。"
                    ),
                );
            }
            if item.due < held_on {
                e.push_row(
                    "action_items",
                    "宿題",
                    i,
                    format!("宿題（{row}行目）の期限が会議の日より前になっています。"),
                );
            }
        }
        if let Some(next) = &self.next_meeting {
            if next.starts_at <= self.ends_at {
                e.push(
                    "next_meeting",
                    "次回予定",
                    "次回予定の日時はこの会議の終了より後にしてください。".into(),
                );
            }
            e.max_chars(
                "next_meeting",
                "次回予定の場所",
                &next.place,
                PLACE_MAX_CHARS,
            )
            .printable("next_meeting", "次回予定の場所", &next.place);
        }
        e.into_result()
    }

    /// Absentees 欠席者, in list order.
    pub fn absentees(&self) -> impl Iterator<Item = &Attendee> {
        self.attendees.iter().filter(|a| !a.present)
    }

    /// Those present 出席者, in list order.
    pub fn present(&self) -> impl Iterator<Item = &Attendee> {
        self.attendees.iter().filter(|a| a.present)
    }
}

fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t')))
}

fn too_many(e: &mut ValidationErrors, field: &'static str, label: &'static str, len: usize) {
    if len > LIST_MAX_LEN {
        e.push(
            field,
            label,
            format!("{label}は{LIST_MAX_LEN}件以内で入力してください（現在{len}件）。"),
        );
    }
}

/// A list of one-line-ish entries: none blank, none too long.
fn lines(e: &mut ValidationErrors, field: &'static str, label: &'static str, values: &[String]) {
    too_many(e, field, label, values.len());
    for (i, v) in values.iter().enumerate() {
        let row = i + 1;
        if v.trim().is_empty() {
            e.push_row(
                field,
                label,
                i,
                format!("{label}（{row}行目）が空です。不要な行は削除してください。"),
            );
        } else if v.chars().count() > LINE_MAX_CHARS || has_control(v, true) {
            e.push_row(
                field,
                label,
                i,
                format!(
                    "{label}（{row}行目）は制御文字なしの{LINE_MAX_CHARS}文字以内で入力してください。"
                ),
            );
        }
    }
}

/// The comment of an approval or a return: a return must say why.
pub fn validate_minutes_comment(
    action: MinutesAction,
    comment: &str,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    if action == MinutesAction::Return {
        e.text("comment", "差戻しの理由", comment, COMMENT_MAX_CHARS);
    } else {
        e.max_chars("comment", "コメント", comment, COMMENT_MAX_CHARS);
    }
    e.printable("comment", "コメント", comment);
    e.into_result()
}

/// The minutes' status machine: 作成中 → 提出済 → 承認済, and 提出済 → 差戻し → 提出済 again.
/// Approved minutes are final. Who may take each step is the policy's business (the
/// contractor submits, the section approves or returns).
pub fn next_minutes_status(
    from: MinutesStatus,
    action: MinutesAction,
) -> Result<MinutesStatus, MinutesTransitionError> {
    use MinutesAction as A;
    use MinutesStatus as S;
    match (from, action) {
        (S::Draft | S::Returned, A::Submit) => Ok(S::Submitted),
        (S::Submitted, A::Approve) => Ok(S::Approved),
        (S::Submitted, A::Return) => Ok(S::Returned),
        _ => Err(MinutesTransitionError { from, action }),
    }
}

impl MinutesStatus {
    /// The contractor may still edit the meeting record.
    pub fn is_editable(self) -> bool {
        matches!(self, MinutesStatus::Draft | MinutesStatus::Returned)
    }

    /// Minutes handed in (submitted or approved) are no longer late.
    pub fn is_handed_in(self) -> bool {
        matches!(self, MinutesStatus::Submitted | MinutesStatus::Approved)
    }

    pub fn allowed_actions(self) -> Vec<MinutesAction> {
        MinutesAction::ALL
            .iter()
            .copied()
            .filter(|a| next_minutes_status(self, *a).is_ok())
            .collect()
    }
}

/// A step the minutes' status machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("状態が「{from}」の議事録に「{action}」はできません。")]
pub struct MinutesTransitionError {
    pub from: MinutesStatus,
    pub action: MinutesAction,
}

/// The day the minutes of a meeting held at `held_at` are due: [`MINUTES_DUE_DAYS`] calendar
/// days after the meeting's day in Tokyo, moved to the next open day when that is closed.
pub fn minutes_due(held_at: DateTime<Utc>, calendar: &Calendar) -> NaiveDate {
    let day = tokyo(held_at).date_naive() + TimeDelta::days(MINUTES_DUE_DAYS);
    calendar.open_day_on_or_after(day)
}

/// Late: not handed in, and the due day has passed in Tokyo (the due day itself is in time).
pub fn is_overdue(status: MinutesStatus, due: NaiveDate, now: DateTime<Utc>) -> bool {
    !status.is_handed_in() && tokyo(now).date_naive() > due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::TOKYO;
    use chrono::TimeZone;

    fn jst(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        TOKYO
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(crate) fn sample() -> NewMeeting {
        NewMeeting {
            kind: MeetingKind::Regular,
            title: "第1回 定例会議".into(),
            starts_at: jst(2026, 4, 15, 14),
            ends_at: jst(2026, 4, 15, 15),
            place: "岡山市役所 本庁舎 第3会議室".into(),
            attendees: vec![
                Attendee {
                    side: Side::City,
                    organisation: "生活保護・自立支援課".into(),
                    title: "課長".into(),
                    name: "岡本 誠".into(),
                    present: true,
                },
                Attendee {
                    side: Side::Contractor,
                    organisation: "株式会社吉備情報システム".into(),
                    title: "業務責任者".into(),
                    name: "小川 健".into(),
                    present: false,
                },
            ],
            handouts: vec!["資料1 運用状況報告".into()],
            agenda: vec!["3月の運用状況".into()],
            discussion: "運用状況を報告した。".into(),
            decisions: vec!["次回までに帳票改善案を提示する。".into()],
            action_items: vec![ActionItem {
                description: "帳票改善案の作成".into(),
                owner: "小川 健".into(),
                due: date(2026, 4, 30),
            }],
            next_meeting: Some(NextMeeting {
                starts_at: jst(2026, 5, 13, 14),
                place: "同上".into(),
            }),
        }
    }

    #[test]
    fn a_complete_meeting_is_valid_and_splits_attendance() {
        let m = sample();
        assert_eq!(m.validate(), Ok(()));
        assert_eq!(m.present().count(), 1);
        assert_eq!(m.absentees().next().unwrap().name, "小川 健");
    }

    #[test]
    fn problems_name_the_field_and_the_row() {
        let mut m = sample();
        m.title = " ".into();
        m.ends_at = m.starts_at;
        m.attendees[1].name = String::new();
        m.agenda = vec![];
        m.handouts.push(String::new());
        m.action_items[0].due = date(2026, 4, 14);
        m.action_items[0].owner = String::new();
        let e = m.validate().unwrap_err();
        assert_eq!(
            e.field("title").unwrap().message,
            "会議名を入力してください。"
        );
        assert_eq!(
            e.field("ends_at").unwrap().message,
            "終了日時は開始日時より後にしてください。"
        );
        let all: Vec<&str> = e.0.iter().map(|f| f.message.as_str()).collect();
        assert!(
            all.contains(&"出席者（2行目）の氏名を入力してください。"),
            "{all:?}"
        );
        assert!(all.contains(&"議題を1件以上入力してください。"));
        assert!(all.contains(&"配布資料（2行目）が空です。不要な行は削除してください。"));
        assert!(all.contains(&"宿題（1行目）の担当者を入力してください。"));
        assert!(all.contains(&"宿題（1行目）の期限が会議の日より前になっています。"));
        // Each list problem carries its row (0-based) for the form; the others none.
        let rows: Vec<(&str, Option<usize>)> = e.0.iter().map(|f| (f.field, f.row)).collect();
        assert!(rows.contains(&("attendees", Some(1))), "{rows:?}");
        assert!(rows.contains(&("handouts", Some(1))), "{rows:?}");
        assert!(rows.contains(&("action_items", Some(0))), "{rows:?}");
        assert!(rows.contains(&("title", None)), "{rows:?}");
        assert!(rows.contains(&("agenda", None)), "{rows:?}");
    }

    #[test]
    fn nobody_present_and_next_meeting_in_the_past_are_refused() {
        let mut m = sample();
        m.attendees[0].present = false;
        m.next_meeting.as_mut().unwrap().starts_at = m.starts_at;
        let e = m.validate().unwrap_err();
        assert!(e.field("attendees").is_some());
        assert!(e.field("next_meeting").is_some());
    }

    #[test]
    fn status_machine() {
        use MinutesAction as A;
        use MinutesStatus as S;
        assert_eq!(next_minutes_status(S::Draft, A::Submit), Ok(S::Submitted));
        assert_eq!(
            next_minutes_status(S::Submitted, A::Approve),
            Ok(S::Approved)
        );
        assert_eq!(
            next_minutes_status(S::Submitted, A::Return),
            Ok(S::Returned)
        );
        assert_eq!(
            next_minutes_status(S::Returned, A::Submit),
            Ok(S::Submitted)
        );
        let err = next_minutes_status(S::Approved, A::Return).unwrap_err();
        assert_eq!(
            err.to_string(),
            "状態が「承認済」の議事録に「差戻し」はできません。"
        );
        assert!(next_minutes_status(S::Draft, A::Approve).is_err());
        assert_eq!(S::Submitted.allowed_actions(), vec![A::Approve, A::Return]);
        assert!(S::Returned.is_editable() && !S::Submitted.is_editable());
    }

    #[test]
    fn minutes_are_due_seven_calendar_days_later_on_an_open_day() {
        let cal = Calendar::default();
        // Wed 2026-04-15 → Wed 2026-04-22.
        assert_eq!(minutes_due(jst(2026, 4, 15, 14), &cal), date(2026, 4, 22));
        // Early morning in Tokyo counts as that day although it is the day before in UTC.
        assert_eq!(minutes_due(jst(2026, 4, 15, 8), &cal), date(2026, 4, 22));
        // Fri 2026-04-24 → Fri 05-01 (open).
        assert_eq!(minutes_due(jst(2026, 4, 24, 10), &cal), date(2026, 5, 1));
        // Sun 2026-04-26 (hypothetical) → Sun 05-03 → Golden Week → Thu 05-07.
        assert_eq!(minutes_due(jst(2026, 4, 26, 10), &cal), date(2026, 5, 7));
        // Year end: Tue 2026-12-22 → Tue 12-29 closed → Mon 2027-01-04.
        assert_eq!(minutes_due(jst(2026, 12, 22, 10), &cal), date(2027, 1, 4));
    }

    #[test]
    fn overdue_only_after_the_due_day_and_until_handed_in() {
        let due = date(2026, 4, 22);
        assert!(!is_overdue(MinutesStatus::Draft, due, jst(2026, 4, 22, 23)));
        assert!(is_overdue(MinutesStatus::Draft, due, jst(2026, 4, 23, 0)));
        assert!(is_overdue(MinutesStatus::Returned, due, jst(2026, 5, 1, 9)));
        assert!(!is_overdue(
            MinutesStatus::Submitted,
            due,
            jst(2026, 5, 1, 9)
        ));
        assert!(!is_overdue(
            MinutesStatus::Approved,
            due,
            jst(2026, 5, 1, 9)
        ));
    }

    #[test]
    fn returning_needs_a_reason() {
        assert!(validate_minutes_comment(MinutesAction::Approve, "").is_ok());
        let e = validate_minutes_comment(MinutesAction::Return, " ").unwrap_err();
        assert_eq!(
            e.field("comment").unwrap().message,
            "差戻しの理由を入力してください。"
        );
    }
}
