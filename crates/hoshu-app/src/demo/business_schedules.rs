//! A year of 業務日程表: each month drafted from the record a few days before it is due,
//! submitted on the due day and approved at its review; every fourth month returned first with
//! a comment and approved as the second version.

use super::*;
use crate::business_schedules::{draft, review_days, revise, step};
use hoshu_core::business_schedule::{ScheduleAction, ScheduleMonth, submission_due};

const RETURN_COMMENTS: &[&str] = &[
    "月末の定期リリースの作業時間を記載してください。",
    "定例会議の開始時刻が会議の案内と異なります。確認のうえ修正してください。",
    "連休前のバッチ処理の前倒し予定を追記してください。",
];

async fn version(tx: &mut Tx<'_>, id: i64) -> AppResult<i64> {
    Ok(tx
        .business_schedule(id)
        .await?
        .map(|s| s.header.version)
        .unwrap_or_default())
}

/// The months from the one after `from` whose review was held before `end`, up to twelve,
/// newest last. Returns how many were approved.
pub(super) async fn generate(
    tx: &mut Tx<'_>,
    people: &People,
    calendar: &Calendar,
    from: NaiveDate,
    end: DateTime<Utc>,
) -> AppResult<usize> {
    let contractor = &people.contractors[0];
    let chief = &people.chief;
    let today = tokyo(end).date_naive();
    let mut month = ScheduleMonth::new(today.year(), today.month())?.next();
    let mut months = Vec::new();
    while months.len() < 12 && month.first_day() > from {
        months.push(month);
        month = month.previous();
    }
    months.reverse();
    let mut approved = 0;
    for (n, month) in months.into_iter().enumerate() {
        let reviews = review_days(tx, month).await?;
        let Some(review) = reviews.iter().min().copied() else {
            continue;
        };
        let Ok(due) = submission_due(month, &reviews, calendar) else {
            continue;
        };
        let reviewed = at(review, 11, 0);
        if reviewed >= end {
            continue;
        }
        let id = draft(tx, contractor, month, at(due - TimeDelta::days(4), 10, 0)).await?;
        let v = version(tx, id).await?;
        let v = step(
            tx,
            contractor,
            id,
            v,
            ScheduleAction::Submit,
            "",
            at(due, 16, 0),
        )
        .await?;
        let final_id = if n % 4 == 3 {
            let comment = RETURN_COMMENTS[n % RETURN_COMMENTS.len()];
            step(tx, chief, id, v, ScheduleAction::Return, comment, reviewed).await?;
            let revised = revise(tx, contractor, id, reviewed + TimeDelta::hours(2)).await?;
            let v = version(tx, revised).await?;
            step(
                tx,
                contractor,
                revised,
                v,
                ScheduleAction::Submit,
                "",
                reviewed + TimeDelta::hours(3),
            )
            .await?;
            revised
        } else {
            id
        };
        let v = version(tx, final_id).await?;
        let decided = if final_id == id {
            reviewed
        } else {
            reviewed + TimeDelta::hours(4)
        };
        step(tx, chief, final_id, v, ScheduleAction::Approve, "", decided).await?;
        approved += 1;
    }
    Ok(approved)
}
