//! Requests from the welfare offices to the contractor: kinds, the status machine and the
//! validation of what is filed.

use crate::request_details::RequestDetails;
use crate::validation::ValidationErrors;
use serde::{Deserialize, Serialize};

/// Longest title accepted; a title is one line in lists and on the register.
pub const TITLE_MAX_CHARS: usize = 100;
/// Longest body or comment accepted.
pub const BODY_MAX_CHARS: usize = 10_000;
/// Largest attachment stored in the database.
pub const ATTACHMENT_MAX_BYTES: usize = 10 * 1024 * 1024;
/// Longest attachment file name.
pub const FILE_NAME_MAX_CHARS: usize = 200;

use crate::coded::coded_enum;

coded_enum!(
    /// What the office asks for (003 4.2, 6).
    RequestKind {
        Inquiry = "inquiry" / "問合せ",
        Investigation = "investigation" / "調査依頼",
        Work = "work" / "作業依頼",
        SeSupport = "se_support" / "SE支援",
        FaultReport = "fault_report" / "障害・不具合報告",
        HoursExtension = "hours_extension" / "稼働時間延長依頼",
    }
);

coded_enum!(
    /// What kind of work a 作業依頼 asks for (003 4.2).
    WorkSubKind {
        MasterSetting = "master_setting" / "マスタ設定変更",
        ScheduleChange = "schedule_change" / "スケジュール変更",
        DataRecovery = "data_recovery" / "データリカバリ",
        Gaiji = "gaiji" / "外字登録",
        TrainingSupport = "training_support" / "操作研修支援",
        Other = "other" / "その他",
    }
);

coded_enum!(
    /// Where a request stands.
    RequestStatus {
        Received = "received" / "受付",
        InProgress = "in_progress" / "対応中",
        Answered = "answered" / "回答済",
        Closed = "closed" / "完了",
        Withdrawn = "withdrawn" / "取下げ",
    }
);

coded_enum!(
    /// A step that moves a request from one status to another.
    RequestAction {
        Start = "start" / "対応開始",
        Answer = "answer" / "回答",
        Close = "close" / "完了確認",
        SendBack = "send_back" / "差戻し",
        Reopen = "reopen" / "再開",
        Withdraw = "withdraw" / "取下げ",
    }
);

impl RequestStatus {
    /// Closed and withdrawn requests need nothing more from anyone.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestStatus::Closed | RequestStatus::Withdrawn)
    }

    /// The steps that may be taken from this status, in the order buttons are shown.
    pub fn allowed_actions(self) -> Vec<RequestAction> {
        RequestAction::ALL
            .iter()
            .copied()
            .filter(|a| next_status(self, *a).is_ok())
            .collect()
    }
}

/// The status machine: 受付 → 対応中 → 回答済 → 完了, with 差戻し (an answer sent back to the
/// contractor), 再開 (a closed request opened again) and 取下げ (the office withdraws it before
/// an answer). Who may take each step is the policy's business, not this function's.
pub fn next_status(
    from: RequestStatus,
    action: RequestAction,
) -> Result<RequestStatus, TransitionError> {
    use RequestAction as A;
    use RequestStatus as S;
    let to = match (from, action) {
        (S::Received, A::Start) => S::InProgress,
        (S::Received | S::InProgress, A::Answer) => S::Answered,
        (S::Answered, A::Close) => S::Closed,
        (S::Answered, A::SendBack) => S::InProgress,
        (S::Closed, A::Reopen) => S::InProgress,
        (S::Received | S::InProgress, A::Withdraw) => S::Withdrawn,
        _ => return Err(TransitionError { from, action }),
    };
    Ok(to)
}

/// A step that the status machine does not allow from the current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("状態が「{from}」の依頼に「{action}」はできません。")]
pub struct TransitionError {
    pub from: RequestStatus,
    pub action: RequestAction,
}

/// What a person types to file a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewRequest {
    pub kind: RequestKind,
    /// Required for 作業依頼, refused for every other kind.
    pub work_sub_kind: Option<WorkSubKind>,
    /// Code of the office the request is filed for.
    pub office: String,
    pub title: String,
    pub body: String,
    /// Urgency, the wished-for day and, for 稼働時間延長, the hours asked for.
    #[serde(default)]
    pub details: RequestDetails,
}

impl NewRequest {
    /// Checks the input against the rules and the offices that exist.
    pub fn validate(&self, known_offices: &[&str]) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        e.text("title", "件名", &self.title, TITLE_MAX_CHARS)
            .printable("title", "件名", &self.title);
        if self.title.contains(['\n', '\r']) {
            e.push("title", "件名", "件名は1行で入力してください。".into());
        }
        e.text("body", "内容", &self.body, BODY_MAX_CHARS)
            .printable("body", "内容", &self.body);
        match (self.kind, self.work_sub_kind) {
            (RequestKind::Work, None) => e.push(
                "work_sub_kind",
                "作業区分",
                "作業依頼では作業区分を選択してください。".into(),
            ),
            (kind, Some(_)) if kind != RequestKind::Work => e.push(
                "work_sub_kind",
                "作業区分",
                format!("作業区分は作業依頼でのみ指定できます（種別: {kind}）。"),
            ),
            _ => {}
        }
        validate_office(&mut e, &self.office, known_offices);
        e.into_result()
    }
}

/// The office must be one of those registered.
pub fn validate_office(e: &mut ValidationErrors, office: &str, known_offices: &[&str]) {
    if office.trim().is_empty() {
        e.push("office", "所属", "所属を選択してください。".into());
    } else if !known_offices.contains(&office) {
        e.push(
            "office",
            "所属",
            format!("所属「{office}」は登録されていません。"),
        );
    }
}

/// A comment on a request's thread.
pub fn validate_comment(body: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    e.text("body", "コメント", body, BODY_MAX_CHARS)
        .printable("body", "コメント", body);
    e.into_result()
}

/// The answer the contractor gives.
pub fn validate_answer(body: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    e.text("answer", "回答", body, BODY_MAX_CHARS)
        .printable("answer", "回答", body);
    e.into_result()
}

/// An attached file: a usable name that disguises nothing, a kind on the allow-list whose
/// content matches its name, and a size within the limit. Answers the kind.
pub fn validate_attachment(
    file_name: &str,
    bytes: &[u8],
) -> Result<crate::files::AttachmentKind, ValidationErrors> {
    let mut e = ValidationErrors::new();
    e.text("file_name", "ファイル名", file_name, FILE_NAME_MAX_CHARS);
    if let Some(problem) = crate::files::file_name_problem(file_name) {
        e.push("file_name", "ファイル名", problem);
    }
    if bytes.is_empty() {
        e.push("file", "添付ファイル", "添付ファイルが空です。".into());
    } else if bytes.len() > ATTACHMENT_MAX_BYTES {
        e.push(
            "file",
            "添付ファイル",
            format!(
                "添付ファイルは{}MB以内にしてください（現在{:.1}MB）。",
                ATTACHMENT_MAX_BYTES / (1024 * 1024),
                bytes.len() as f64 / (1024.0 * 1024.0)
            ),
        );
    }
    let kind = crate::files::attachment_kind(file_name, bytes);
    match kind {
        Ok(kind) => e.into_result().map(|()| kind),
        Err(problem) => {
            e.push("file", "添付ファイル", problem);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestAction as A;
    use RequestStatus as S;

    const OFFICES: &[&str] = &["kita_chuo", "naka"];

    fn inquiry() -> NewRequest {
        NewRequest {
            kind: RequestKind::Inquiry,
            work_sub_kind: None,
            office: "naka".into(),
            title: "返戻レセプトの再審査請求について".into(),
            body: "再審査請求の画面で対象月が選べません。".into(),
            details: Default::default(),
        }
    }

    #[test]
    fn the_happy_path_goes_received_in_progress_answered_closed() {
        let s = next_status(S::Received, A::Start).unwrap();
        assert_eq!(s, S::InProgress);
        let s = next_status(s, A::Answer).unwrap();
        assert_eq!(s, S::Answered);
        assert_eq!(next_status(s, A::Close).unwrap(), S::Closed);
    }

    #[test]
    fn every_pair_not_listed_is_refused() {
        let allowed = [
            (S::Received, A::Start, S::InProgress),
            (S::Received, A::Answer, S::Answered),
            (S::InProgress, A::Answer, S::Answered),
            (S::Answered, A::Close, S::Closed),
            (S::Answered, A::SendBack, S::InProgress),
            (S::Closed, A::Reopen, S::InProgress),
            (S::Received, A::Withdraw, S::Withdrawn),
            (S::InProgress, A::Withdraw, S::Withdrawn),
        ];
        for from in S::ALL {
            for action in A::ALL {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| f == from && a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(
                    next_status(*from, *action).ok(),
                    expected,
                    "{from:?} + {action:?}"
                );
            }
        }
    }

    #[test]
    fn withdrawn_is_final() {
        assert!(S::Withdrawn.allowed_actions().is_empty());
        assert_eq!(S::Closed.allowed_actions(), vec![A::Reopen]);
    }

    #[test]
    fn refused_step_explains_in_japanese() {
        let err = next_status(S::Closed, A::Answer).unwrap_err();
        assert_eq!(
            err.to_string(),
            "状態が「完了」の依頼に「回答」はできません。"
        );
    }

    #[test]
    fn codes_round_trip() {
        for k in RequestKind::ALL {
            assert_eq!(RequestKind::from_code(k.code()), Some(*k));
        }
        for k in WorkSubKind::ALL {
            assert_eq!(WorkSubKind::from_code(k.code()), Some(*k));
        }
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::from_code(s.code()), Some(*s));
        }
        assert_eq!(RequestKind::from_code("unknown"), None);
    }

    #[test]
    fn a_valid_inquiry_passes() {
        assert_eq!(inquiry().validate(OFFICES), Ok(()));
    }

    #[test]
    fn empty_title_and_unknown_office_are_both_reported() {
        let mut r = inquiry();
        r.title = " ".into();
        r.office = "tokyo".into();
        let e = r.validate(OFFICES).unwrap_err();
        assert_eq!(
            e.field("title").unwrap().message,
            "件名を入力してください。"
        );
        assert_eq!(
            e.field("office").unwrap().message,
            "所属「tokyo」は登録されていません。"
        );
    }

    #[test]
    fn work_request_needs_a_sub_kind_and_others_refuse_one() {
        let mut r = inquiry();
        r.kind = RequestKind::Work;
        assert!(
            r.validate(OFFICES)
                .unwrap_err()
                .field("work_sub_kind")
                .is_some()
        );
        r.work_sub_kind = Some(WorkSubKind::Gaiji);
        assert_eq!(r.validate(OFFICES), Ok(()));
        r.kind = RequestKind::Inquiry;
        assert!(
            r.validate(OFFICES)
                .unwrap_err()
                .field("work_sub_kind")
                .is_some()
        );
    }

    #[test]
    fn multi_line_title_is_refused() {
        let mut r = inquiry();
        r.title = "一行目\n二行目".into();
        assert_eq!(
            r.validate(OFFICES)
                .unwrap_err()
                .field("title")
                .unwrap()
                .message,
            "件名は1行で入力してください。"
        );
    }

    #[test]
    fn attachment_limits() {
        let png = |len: usize| {
            let mut b = b"\x89PNG\r\n\x1A\n".to_vec();
            b.resize(len, 0);
            b
        };
        assert_eq!(
            validate_attachment("画面.png", &png(1024)),
            Ok(crate::files::AttachmentKind::Png)
        );
        assert!(validate_attachment("画面.png", &[]).is_err());
        let e = validate_attachment("画面.png", &png(ATTACHMENT_MAX_BYTES + 1)).unwrap_err();
        assert!(
            e.field("file")
                .unwrap()
                .message
                .starts_with("添付ファイルは10MB以内")
        );
        assert!(validate_attachment("../etc/passwd", b"root").is_err());
        let disguised = validate_attachment("請求書\u{202E}fdp.exe", b"MZ").unwrap_err();
        assert!(
            disguised
                .field("file_name")
                .unwrap()
                .message
                .contains("U+202E")
        );
        let program = validate_attachment("setup.exe", b"MZ").unwrap_err();
        assert!(program.field("file").unwrap().message.contains("「.exe」"));
    }
}
