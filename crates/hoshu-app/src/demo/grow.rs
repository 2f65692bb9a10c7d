//! Growing the demo to a large size for benchmarks.

use super::*;

/// Requests written per transaction when the demo is grown to a large size.
pub(super) const GROW_BATCH: usize = 5_000;

impl Hoshu {
    /// Grows the demo data to `target` requests (for the search and list benchmarks): the
    /// extra ones are answered and closed requests from the same templates, spread over the
    /// demo's period, each with a reference number of its own (`整理番号 R000123`) so rare
    /// terms exist. They are written straight to the store in batches, one audit entry per
    /// batch; the search index follows at each commit. Answers how many were added.
    pub async fn grow_demo_requests(
        &self,
        seed: u64,
        today: NaiveDate,
        target: usize,
    ) -> AppResult<usize> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5EA2C4);
        let calendar = DeskSettings::default().calendar();
        let mut added = 0;
        loop {
            let mut tx = self.begin().await?;
            let existing = usize::try_from(tx.count_requests().await?).unwrap_or(usize::MAX);
            if existing >= target {
                return Ok(added);
            }
            let accounts = tx.list_accounts().await?;
            let staff: Vec<_> = accounts.iter().filter(|a| a.role == Role::Staff).collect();
            let contractor = accounts
                .iter()
                .find(|a| a.role == Role::Contractor)
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::Validation,
                        "受託者のアカウントがありません。先に `hoshu demo` でデモデータを作成してください。",
                    )
                })?;
            if staff.is_empty() {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    "職員のアカウントがありません。先に `hoshu demo` でデモデータを作成してください。",
                ));
            }
            let from = today - TimeDelta::days(730);
            let batch = (target - existing).min(GROW_BATCH);
            for i in 0..batch {
                let number = existing + i + 1;
                let filer = staff[rng.gen_range(0..staff.len())];
                let template = &TEMPLATES[rng.gen_range(0..TEMPLATES.len())];
                let day = from + TimeDelta::days(rng.gen_range(0..730));
                let detail = detail(&mut rng, day);
                let filed = office_moment(&mut rng, &calendar, day);
                let id = tx
                    .insert_request(
                        &hoshu_store::NewRequestRow {
                            kind: template.kind,
                            work_sub_kind: template.sub,
                            office: filer.office.clone(),
                            title: template.title.to_owned(),
                            body: format!(
                                "{}（整理番号 R{number:06}）",
                                template.body.replace("{}", &detail)
                            ),
                            filed_by: filer.id,
                            details: Default::default(),
                        },
                        filed,
                    )
                    .await?;
                let answered =
                    calendar.add_service_time(filed, TimeDelta::minutes(rng.gen_range(30..600)));
                tx.set_request_status(
                    id,
                    1,
                    hoshu_core::request::RequestStatus::Answered,
                    Some(&template.answer.replace("{}", &detail)),
                    answered,
                )
                .await?;
                tx.set_request_status(
                    id,
                    2,
                    hoshu_core::request::RequestStatus::Closed,
                    None,
                    calendar
                        .add_service_time(answered, TimeDelta::minutes(rng.gen_range(30..1500))),
                )
                .await?;
                if rng.gen_ratio(1, 3) {
                    tx.insert_comment(
                        id,
                        contractor.id,
                        COMMENTS_BY_CONTRACTOR[number % COMMENTS_BY_CONTRACTOR.len()],
                        answered,
                    )
                    .await?;
                }
            }
            let now = self.now();
            tx.append_audit(
                hoshu_core::audit::AuditEvent {
                    actor: "demo".into(),
                    action: "demo.grow_requests".into(),
                    target: "requests".into(),
                    summary: format!("デモデータの依頼を {batch} 件追加"),
                },
                now,
            )
            .await?;
            tx.commit().await?;
            added += batch;
            tracing::info!(added, target, "demo requests grown");
        }
    }
}
