//! Who may do what: the whole permission policy as one pure function.
//!
//! Every use case asks [`authorize`] before it reads or writes, so the rule is enforced below
//! the UI and is the same for the desktop app and the CLI.

use crate::change::ChangeStatus;
use crate::coded::coded_enum;
use crate::request::RequestAction;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// The four kinds of account (domain.md "The people").
    Role {
        Staff = "staff" / "一般職員",
        Chief = "chief" / "担当課",
        Contractor = "contractor" / "受託者",
        Admin = "admin" / "システム管理者",
    }
);

/// An authenticated person acting through the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Actor {
    pub account_id: i64,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// Code of the office (site) the account belongs to.
    pub office: String,
}

/// What the actor wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    FileRequest,
    ViewRequest,
    CommentOnRequest,
    AttachToRequest,
    AssignRequest,
    TransitionRequest(RequestAction),
    ListAllOffices,
    ViewChange,
    ProposeChange,
    EditChange,
    SubmitChange,
    ApproveChange,
    RejectChange,
    /// 差戻し (a submitted change back to its proposer) and 承認取消 (an approval withdrawn
    /// before the work starts): the approver's to give, as the approval is.
    SendBackChange,
    RevokeChangeApproval,
    WithdrawChange,
    CompleteChange,
    ViewOutageNotices,
    ManageAccounts,
    ManageSettings,
    VerifyAudit,
    ViewLoginRecords,
    /// Meetings, minutes and action items.
    ViewMeetings,
    RecordMeeting,
    ApproveMinutes,
    /// The issue register 課題管理表.
    ViewRegister,
    EditRegister,
    /// The operation plan 運用保守計画書.
    ViewPlan,
    EditPlan,
    /// PDF and .xlsx deliverables, reports and the delivery disc.
    RenderDeliverables,
    BuildDeliveryDisc,
    /// Incidents and their SLA clocks.
    ViewIncidents,
    RecordIncident,
    DecideExclusion,
    /// The operations log: daily checks, batch runs, maintenance work, and their settings
    /// (check items, job nets).
    ViewOperations,
    RecordOperations,
    /// Bringing records in from Redmine and the Excel register (written as imported).
    ImportRecords,
    /// The monthly business schedule 業務日程表: read it, draft and submit it (the contractor),
    /// approve or return it (the section).
    ViewBusinessSchedule,
    DraftBusinessSchedule,
    DecideBusinessSchedule,
    /// The handover 引継ぎ: reading the plan, drafting and submitting it, deciding on it, and
    /// exporting every record for the next contractor.
    ViewHandover,
    EditHandoverPlan,
    DecideHandoverPlan,
    ExportHandover,
}

/// What the action is done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// A request, known by the office it belongs to.
    Request { office: &'a str },
    /// A change, known by its status.
    Change { status: ChangeStatus },
    /// Anything not tied to one record: accounts, settings, the audit log, lists.
    System,
}

/// Why something was refused, in Japanese for the person who tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Denied {
    pub reason: String,
}

fn deny(reason: impl Into<String>) -> Result<(), Denied> {
    Err(Denied {
        reason: reason.into(),
    })
}

/// The policy. Staff see and act only on their own office's requests; only the chief approves
/// or rejects; the contractor works every request and proposes changes; the administrator
/// manages accounts and settings but reads no request content (000 第3章第3節 d).
pub fn authorize(actor: &Actor, action: Action, resource: Resource<'_>) -> Result<(), Denied> {
    use Action as A;
    use Role as R;
    let own_office = |office: &str| office == actor.office;
    match (actor.role, action, resource) {
        // The administrator keeps the system but never reads what offices wrote.
        (
            R::Admin,
            A::ManageAccounts
            | A::ManageSettings
            | A::VerifyAudit
            | A::ViewLoginRecords
            | A::ImportRecords,
            _,
        ) => Ok(()),
        (R::Admin, _, _) => deny("システム管理者は依頼・変更の内容を参照・操作できません。"),
        (_, A::ManageAccounts | A::ManageSettings, _) => {
            deny("アカウントと設定の管理はシステム管理者のみが行えます。")
        }
        (R::Chief, A::VerifyAudit | A::ViewLoginRecords, _) => Ok(()),
        (_, A::VerifyAudit | A::ViewLoginRecords, _) => {
            deny("監査ログとログイン記録は担当課またはシステム管理者のみが参照できます。")
        }

        // Requests.
        (R::Staff, _, Resource::Request { office }) if !own_office(office) => {
            deny("他の所属の依頼は参照・操作できません。")
        }
        (R::Staff, A::ListAllOffices, _) => deny("一般職員は自所属の依頼のみ一覧できます。"),
        (_, A::ListAllOffices, _) => Ok(()),
        (
            _,
            A::FileRequest | A::ViewRequest | A::CommentOnRequest | A::AttachToRequest,
            Resource::Request { .. },
        ) => Ok(()),
        (R::Contractor, A::AssignRequest, Resource::Request { .. }) => Ok(()),
        (_, A::AssignRequest, _) => deny("担当者の割り当ては受託者のみが行えます。"),
        (role, A::TransitionRequest(step), Resource::Request { .. }) => {
            request_step_allowed(role, step)
        }

        // Changes.
        (R::Staff, A::ViewOutageNotices, _)
        | (R::Chief | R::Contractor, A::ViewOutageNotices, _) => Ok(()),
        (R::Contractor, A::ViewChange, _) => Ok(()),
        (R::Chief, A::ViewChange, Resource::Change { status }) if status != ChangeStatus::Draft => {
            Ok(())
        }
        (R::Chief, A::ViewChange, _) => deny("下書きの変更は受託者のみが参照できます。"),
        (
            R::Staff,
            A::ViewChange,
            Resource::Change {
                status: ChangeStatus::Approved | ChangeStatus::Done,
            },
        ) => Ok(()),
        (R::Staff, A::ViewChange, _) => deny("一般職員は承認済みの変更のみ参照できます。"),
        (
            R::Contractor,
            A::ProposeChange
            | A::EditChange
            | A::SubmitChange
            | A::WithdrawChange
            | A::CompleteChange,
            _,
        ) => Ok(()),
        (
            _,
            A::ProposeChange
            | A::EditChange
            | A::SubmitChange
            | A::WithdrawChange
            | A::CompleteChange,
            _,
        ) => deny("変更の起案・申請・取下げ・結果登録は受託者のみが行えます。"),
        (
            R::Chief,
            A::ApproveChange | A::RejectChange | A::SendBackChange | A::RevokeChangeApproval,
            _,
        ) => Ok(()),
        (
            _,
            A::ApproveChange | A::RejectChange | A::SendBackChange | A::RevokeChangeApproval,
            _,
        ) => deny("変更の承認・却下・差戻し・承認取消は担当課のみが行えます。"),

        // Deliverables and incidents are the business of the section and the contractor.
        (
            R::Staff,
            A::ViewMeetings | A::ViewRegister | A::ViewPlan | A::ViewIncidents | A::ViewOperations,
            _,
        ) => {
            deny("会議・課題管理表・計画書・障害記録・運用記録は担当課と受託者のみが参照できます。")
        }
        (
            R::Chief | R::Contractor,
            A::ViewMeetings | A::ViewRegister | A::ViewPlan | A::ViewIncidents | A::ViewOperations,
            _,
        ) => Ok(()),
        (
            R::Contractor,
            A::RecordMeeting
            | A::EditPlan
            | A::RecordIncident
            | A::RecordOperations
            | A::BuildDeliveryDisc,
            _,
        ) => Ok(()),
        (
            _,
            A::RecordMeeting
            | A::EditPlan
            | A::RecordIncident
            | A::RecordOperations
            | A::BuildDeliveryDisc,
            _,
        ) => deny("会議・計画書・障害・運用の記録と納品媒体の作成は受託者のみが行えます。"),
        (R::Chief | R::Contractor, A::EditRegister | A::RenderDeliverables, _) => Ok(()),
        (_, A::EditRegister | A::RenderDeliverables, _) => {
            deny("課題管理表の編集と納品物の作成は担当課または受託者のみが行えます。")
        }
        (R::Chief, A::ApproveMinutes | A::DecideExclusion, _) => Ok(()),
        (_, A::ApproveMinutes | A::DecideExclusion, _) => {
            deny("議事録の承認と免責の判断は担当課のみが行えます。")
        }
        (R::Chief | R::Contractor, A::ViewBusinessSchedule, _) => Ok(()),
        (_, A::ViewBusinessSchedule, _) => deny("業務日程表は担当課と受託者のみが参照できます。"),
        (R::Contractor, A::DraftBusinessSchedule, _) => Ok(()),
        (_, A::DraftBusinessSchedule, _) => deny("業務日程表の作成・提出は受託者のみが行えます。"),
        (R::Chief, A::DecideBusinessSchedule, _) => Ok(()),
        (_, A::DecideBusinessSchedule, _) => {
            deny("業務日程表の承認・差戻しは担当課のみが行えます。")
        }
        (R::Chief | R::Contractor, A::ViewHandover, _) => Ok(()),
        (_, A::ViewHandover, _) => deny("引継計画書は担当課と受託者のみが参照できます。"),
        (R::Contractor, A::EditHandoverPlan | A::ExportHandover, _) => Ok(()),
        (_, A::EditHandoverPlan | A::ExportHandover, _) => {
            deny("引継計画書の作成・提出と引継資料の出力は受託者のみが行えます。")
        }
        (R::Chief, A::DecideHandoverPlan, _) => Ok(()),
        (_, A::DecideHandoverPlan, _) => deny("引継計画書の承認・差戻しは担当課のみが行えます。"),
        (R::Contractor, A::ImportRecords, _) => Ok(()),
        (_, A::ImportRecords, _) => {
            deny("過去データの取込は受託者またはシステム管理者のみが行えます。")
        }

        (_, _, _) => deny("この操作は許可されていません。"),
    }
}

/// Which side takes which step of a request: the contractor works and answers; the office that
/// filed it (or the chief for the city) accepts, sends back, reopens or withdraws.
fn request_step_allowed(role: Role, step: RequestAction) -> Result<(), Denied> {
    use RequestAction as S;
    match (role, step) {
        (Role::Contractor, S::Start | S::Answer) => Ok(()),
        (Role::Contractor, _) => deny(format!("「{step}」は依頼した側（市）が行います。")),
        (Role::Staff | Role::Chief, S::Close | S::SendBack | S::Reopen | S::Withdraw) => Ok(()),
        (Role::Staff | Role::Chief, _) => deny(format!("「{step}」は受託者が行います。")),
        (Role::Admin, _) => deny("システム管理者は依頼を操作できません。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, office: &str) -> Actor {
        Actor {
            account_id: 1,
            login: "x".into(),
            display_name: "x".into(),
            role,
            office: office.into(),
        }
    }

    const NAKA: Resource<'static> = Resource::Request { office: "naka" };
    const HIGASHI: Resource<'static> = Resource::Request { office: "higashi" };

    #[test]
    fn staff_act_on_own_office_only() {
        let staff = actor(Role::Staff, "naka");
        for action in [
            Action::ViewRequest,
            Action::FileRequest,
            Action::CommentOnRequest,
            Action::AttachToRequest,
            Action::TransitionRequest(RequestAction::Close),
        ] {
            assert!(authorize(&staff, action, NAKA).is_ok(), "{action:?}");
            let err = authorize(&staff, action, HIGASHI).unwrap_err();
            assert_eq!(err.reason, "他の所属の依頼は参照・操作できません。");
        }
        assert!(authorize(&staff, Action::ListAllOffices, Resource::System).is_err());
    }

    #[test]
    fn only_the_contractor_and_the_administrator_import() {
        for role in Role::ALL {
            let allowed =
                authorize(&actor(*role, "x"), Action::ImportRecords, Resource::System).is_ok();
            assert_eq!(
                allowed,
                matches!(role, Role::Contractor | Role::Admin),
                "{role:?}"
            );
        }
    }

    #[test]
    fn contractor_answers_and_office_closes() {
        let c = actor(Role::Contractor, "contractor");
        let staff = actor(Role::Staff, "naka");
        let step = |a| Action::TransitionRequest(a);
        assert!(authorize(&c, step(RequestAction::Answer), NAKA).is_ok());
        assert!(authorize(&c, step(RequestAction::Close), NAKA).is_err());
        assert!(authorize(&staff, step(RequestAction::Answer), NAKA).is_err());
        assert!(authorize(&staff, step(RequestAction::Withdraw), NAKA).is_ok());
        assert!(authorize(&c, Action::AssignRequest, NAKA).is_ok());
        assert!(authorize(&staff, Action::AssignRequest, NAKA).is_err());
    }

    #[test]
    fn only_chief_approves_or_rejects() {
        let submitted = Resource::Change {
            status: ChangeStatus::Submitted,
        };
        for role in Role::ALL {
            let a = actor(*role, "section");
            for action in [
                Action::ApproveChange,
                Action::RejectChange,
                Action::SendBackChange,
                Action::RevokeChangeApproval,
            ] {
                assert_eq!(
                    authorize(&a, action, submitted).is_ok(),
                    *role == Role::Chief,
                    "{role:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn admin_reads_no_request_content_but_manages_accounts() {
        let admin = actor(Role::Admin, "section");
        assert!(authorize(&admin, Action::ViewRequest, NAKA).is_err());
        assert!(authorize(&admin, Action::ListAllOffices, Resource::System).is_err());
        assert!(
            authorize(
                &admin,
                Action::ViewChange,
                Resource::Change {
                    status: ChangeStatus::Approved
                }
            )
            .is_err()
        );
        assert!(authorize(&admin, Action::ManageAccounts, Resource::System).is_ok());
        assert!(authorize(&admin, Action::VerifyAudit, Resource::System).is_ok());
        let chief = actor(Role::Chief, "section");
        assert!(authorize(&chief, Action::ManageAccounts, Resource::System).is_err());
    }

    #[test]
    fn staff_see_only_approved_or_done_changes() {
        let staff = actor(Role::Staff, "naka");
        for status in ChangeStatus::ALL {
            let ok = authorize(
                &staff,
                Action::ViewChange,
                Resource::Change { status: *status },
            )
            .is_ok();
            assert_eq!(
                ok,
                matches!(status, ChangeStatus::Approved | ChangeStatus::Done)
            );
        }
        assert!(authorize(&staff, Action::ViewOutageNotices, Resource::System).is_ok());
        assert!(authorize(&staff, Action::ProposeChange, Resource::System).is_err());
    }

    #[test]
    fn deliverables_and_incidents_split_between_section_and_contractor() {
        let allowed = |role, action| authorize(&actor(role, "x"), action, Resource::System).is_ok();
        for action in [
            Action::ViewMeetings,
            Action::ViewRegister,
            Action::ViewPlan,
            Action::ViewIncidents,
            Action::ViewOperations,
        ] {
            assert!(!allowed(Role::Staff, action));
            assert!(!allowed(Role::Admin, action));
            assert!(allowed(Role::Chief, action));
            assert!(allowed(Role::Contractor, action));
        }
        for action in [
            Action::RecordMeeting,
            Action::EditPlan,
            Action::RecordIncident,
            Action::RecordOperations,
            Action::BuildDeliveryDisc,
        ] {
            assert!(allowed(Role::Contractor, action));
            assert!(!allowed(Role::Chief, action));
        }
        for role in Role::ALL {
            let role = *role;
            assert_eq!(
                allowed(role, Action::ViewHandover),
                matches!(role, Role::Chief | Role::Contractor)
            );
            assert_eq!(
                allowed(role, Action::EditHandoverPlan),
                role == Role::Contractor
            );
            assert_eq!(
                allowed(role, Action::ExportHandover),
                role == Role::Contractor
            );
            assert_eq!(
                allowed(role, Action::DecideHandoverPlan),
                role == Role::Chief
            );
        }
        for action in [Action::ApproveMinutes, Action::DecideExclusion] {
            assert!(allowed(Role::Chief, action));
            assert!(!allowed(Role::Contractor, action));
        }
        assert!(allowed(Role::Chief, Action::EditRegister));
        assert!(allowed(Role::Contractor, Action::RenderDeliverables));
        assert!(!allowed(Role::Staff, Action::RenderDeliverables));
    }

    #[test]
    fn the_contractor_drafts_the_business_schedule_and_the_section_decides() {
        let allowed = |role, action| authorize(&actor(role, "x"), action, Resource::System).is_ok();
        for role in [Role::Chief, Role::Contractor] {
            assert!(allowed(role, Action::ViewBusinessSchedule));
        }
        for role in [Role::Staff, Role::Admin] {
            assert!(!allowed(role, Action::ViewBusinessSchedule));
        }
        assert!(allowed(Role::Contractor, Action::DraftBusinessSchedule));
        assert!(!allowed(Role::Chief, Action::DraftBusinessSchedule));
        assert!(allowed(Role::Chief, Action::DecideBusinessSchedule));
        assert!(!allowed(Role::Contractor, Action::DecideBusinessSchedule));
        assert!(!allowed(Role::Staff, Action::DecideBusinessSchedule));
    }

    #[test]
    fn chief_does_not_see_contractor_drafts() {
        let chief = actor(Role::Chief, "section");
        let draft = Resource::Change {
            status: ChangeStatus::Draft,
        };
        assert!(authorize(&chief, Action::ViewChange, draft).is_err());
    }
}
