//! Attainment figures for the monthly and annual reports.

use super::{SlaClockView, SlaItem};
use crate::sla::ClockState;
use serde::Serialize;

/// How many clocks were met, breached, are still running (or paused) or have not started,
/// and the attainment rate over the decided ones.
///
/// The caller chooses the clocks: those of the period the report covers (e.g. by deadline),
/// **without the incidents excluded under 000 第8章第3節** — exclusions are kept with the
/// incident but are not counted here.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attainment {
    pub met: usize,
    pub breached: usize,
    /// Running or paused: not decided yet, left out of the rate.
    pub running: usize,
    /// Waiting for the event that starts them: left out of the rate.
    pub not_started: usize,
    /// `met / (met + breached)`, from 0.0 to 1.0; `None` when nothing is decided yet.
    pub rate: Option<f64>,
}

impl Attainment {
    /// Met plus breached.
    pub fn decided(&self) -> usize {
        self.met + self.breached
    }

    /// The rate as reports print it: "100.0%", "87.5%"; "－" when nothing is decided.
    pub fn rate_text(&self) -> String {
        match self.rate {
            Some(r) => format!("{:.1}%", r * 100.0),
            None => "－".to_string(),
        }
    }

    fn add(&mut self, state: &ClockState) {
        match state {
            ClockState::NotStarted => self.not_started += 1,
            ClockState::Running { .. } | ClockState::Paused { .. } => self.running += 1,
            ClockState::Met { .. } => self.met += 1,
            ClockState::Breached { .. } => self.breached += 1,
        }
        let decided = self.decided();
        self.rate = (decided > 0).then(|| self.met as f64 / decided as f64);
    }
}

/// The attainment over `clocks` (see [`Attainment`] for which clocks to pass).
pub fn attainment<'a>(clocks: impl IntoIterator<Item = &'a SlaClockView>) -> Attainment {
    let mut a = Attainment::default();
    for c in clocks {
        a.add(&c.state);
    }
    a
}

/// The attainment of one SLA item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemAttainment {
    pub item: SlaItem,
    pub attainment: Attainment,
}

/// The attainment per item, in the order of [`SlaItem::ALL`]; items with no clock are left out.
pub fn attainment_by_item<'a>(
    clocks: impl IntoIterator<Item = &'a SlaClockView>,
) -> Vec<ItemAttainment> {
    let mut per_item: Vec<ItemAttainment> = SlaItem::ALL
        .iter()
        .map(|item| ItemAttainment {
            item: *item,
            attainment: Attainment::default(),
        })
        .collect();
    for c in clocks {
        if let Some(slot) = per_item.iter_mut().find(|s| s.item == c.item) {
            slot.attainment.add(&c.state);
        }
    }
    per_item.retain(|s| {
        let a = s.attainment;
        a.decided() + a.running + a.not_started > 0
    });
    per_item
}
