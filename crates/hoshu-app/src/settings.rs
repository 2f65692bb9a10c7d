//! Settings the administrator keeps: service hours, calendar overrides, idle log-out and lockout.

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::{Hoshu, audit};
use chrono::{NaiveDate, NaiveTime};
use hoshu_core::ValidationErrors;
use hoshu_core::calendar::{Calendar, ServiceHours};
use hoshu_core::export::DEFAULT_BULK_EXPORT_ROWS;
use hoshu_core::notification::DEFAULT_DEADLINE_WARNING_MINUTES;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_store::Tx;
use serde::{Deserialize, Serialize};

const KEY: &str = "desk";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct DeskSettings {
    pub service_open: NaiveTime,
    pub service_close: NaiveTime,
    /// Days closed although they would be open days (e.g. a system-wide shutdown).
    pub extra_closures: Vec<NaiveDate>,
    /// Days open although they would be closed (e.g. a Saturday run the city asked for).
    pub extra_open_days: Vec<NaiveDate>,
    pub idle_logout_minutes: i64,
    pub lockout_minutes: i64,
    /// Rows above which an export is a bulk export, confirmed before it leaves.
    pub bulk_export_rows: usize,
    /// Days an unsent draft may stay on a terminal before it is erased unread.
    pub draft_retention_days: i64,
    /// How long before an answer or SLA deadline the contractor or the chief is told.
    pub deadline_warning_minutes: i64,
}

impl Default for DeskSettings {
    fn default() -> Self {
        let hours = ServiceHours::default();
        Self {
            service_open: hours.open,
            service_close: hours.close,
            extra_closures: Vec::new(),
            extra_open_days: Vec::new(),
            idle_logout_minutes: 15,
            lockout_minutes: 30,
            bulk_export_rows: DEFAULT_BULK_EXPORT_ROWS,
            draft_retention_days: 7,
            deadline_warning_minutes: DEFAULT_DEADLINE_WARNING_MINUTES,
        }
    }
}

impl DeskSettings {
    pub(crate) async fn load(tx: &mut Tx<'_>) -> AppResult<Self> {
        match tx.get_setting(KEY).await? {
            None => Ok(Self::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| {
                AppError::new(
                    ErrorCode::Internal,
                    format!("保存されている設定を読み取れません: {e}"),
                )
            }),
        }
    }

    pub fn calendar(&self) -> Calendar {
        Calendar::new(
            ServiceHours {
                open: self.service_open,
                close: self.service_close,
            },
            self.extra_closures.iter().copied(),
            self.extra_open_days.iter().copied(),
        )
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.service_close <= self.service_open {
            e.push(
                "service_close",
                "サービス終了時刻",
                "サービス終了時刻は開始時刻より後にしてください。".into(),
            );
        }
        if !(1..=240).contains(&self.idle_logout_minutes) {
            e.push(
                "idle_logout_minutes",
                "自動ログアウト時間",
                "自動ログアウト時間は1〜240分で指定してください。".into(),
            );
        }
        if !(1..=1440).contains(&self.lockout_minutes) {
            e.push(
                "lockout_minutes",
                "ロック時間",
                "ロック時間は1〜1,440分で指定してください。".into(),
            );
        }
        if !(1..=100_000).contains(&self.bulk_export_rows) {
            e.push(
                "bulk_export_rows",
                "一括出力の警告件数",
                "一括出力の警告件数は1〜100,000件で指定してください。".into(),
            );
        }
        if !(1..=30).contains(&self.draft_retention_days) {
            e.push(
                "draft_retention_days",
                "下書きの保存日数",
                "下書きの保存日数は1〜30日で指定してください。".into(),
            );
        }
        if !(1..=1440).contains(&self.deadline_warning_minutes) {
            e.push(
                "deadline_warning_minutes",
                "期限の事前通知",
                "期限の事前通知は1〜1,440分で指定してください。".into(),
            );
        }
        if let Some(d) = self
            .extra_closures
            .iter()
            .find(|d| self.extra_open_days.contains(d))
        {
            e.push(
                "extra_open_days",
                "臨時開庁日",
                format!("{d} が臨時休業日と臨時開庁日の両方に指定されています。"),
            );
        }
        e.into_result()
    }
}

impl Hoshu {
    /// Anyone logged in may read the settings (the calendar view needs them).
    pub async fn settings(&self, session: &Session) -> AppResult<DeskSettings> {
        let mut tx = self.begin_read().await?;
        self.actor(&mut tx, session).await?;
        DeskSettings::load(&mut tx).await
    }

    /// The calendar as configured, for clocks and conflict checks.
    pub async fn calendar(&self) -> AppResult<Calendar> {
        let mut tx = self.begin_read().await?;
        Ok(DeskSettings::load(&mut tx).await?.calendar())
    }

    /// An administrator moves a terminal to another database (`target`, password already
    /// masked). Only an administrator may, once a terminal is set up, because whoever chooses
    /// the database receives every password typed at that terminal; the move is the last entry
    /// the terminal writes in the audit log of the database it leaves.
    pub async fn record_database_switch(&self, session: &Session, target: &str) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ManageSettings, Resource::System)?;
        audit(
            &mut tx,
            &actor,
            "database.switch",
            "settings:database".into(),
            format!("端末の接続先を {target} に切り替え"),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn update_settings(&self, session: &Session, new: DeskSettings) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ManageSettings, Resource::System)?;
        new.validate()?;
        let mut new = new;
        new.extra_closures.sort();
        new.extra_closures.dedup();
        new.extra_open_days.sort();
        new.extra_open_days.dedup();
        let json = serde_json::to_string(&new)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        tx.put_setting(KEY, &json, now).await?;
        audit(
            &mut tx,
            &actor,
            "settings.update",
            "settings:desk".into(),
            format!(
                "設定を変更（サービス時間 {}〜{}、臨時休業日{}件、臨時開庁日{}件、自動ログアウト{}分、一括出力の警告{}件超、下書き保存{}日）",
                new.service_open.format("%H:%M"),
                new.service_close.format("%H:%M"),
                new.extra_closures.len(),
                new.extra_open_days.len(),
                new.idle_logout_minutes,
                new.bulk_export_rows,
                new.draft_retention_days
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
