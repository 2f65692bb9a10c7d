//! Japanese labels of every coded value, from the domain's own `label()` so screens and
//! documents never disagree.

use hoshu_core::Role;
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeOutcome, ChangeStatus, OutageReason, ReleaseKind,
};
use hoshu_core::request::{RequestAction, RequestKind, RequestStatus, WorkSubKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// One coded value: its stable code and its Japanese label, in the domain's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coded {
    pub code: &'static str,
    pub label: &'static str,
}

macro_rules! coded {
    ($($name:literal => $ty:ty),+ $(,)?) => {{
        let mut m = BTreeMap::new();
        $(m.insert($name, <$ty>::ALL.iter().map(|v| Coded { code: v.code(), label: v.label() }).collect::<Vec<_>>());)+
        m
    }};
}

pub fn all_labels() -> BTreeMap<&'static str, Vec<Coded>> {
    coded! {
        "role" => Role,
        "request_kind" => RequestKind,
        "work_sub_kind" => WorkSubKind,
        "request_status" => RequestStatus,
        "request_action" => RequestAction,
        "change_kind" => ChangeKind,
        "outage_reason" => OutageReason,
        "release_kind" => ReleaseKind,
        "change_status" => ChangeStatus,
        "change_action" => ChangeAction,
        "change_outcome" => ChangeOutcome,
    }
}

#[tauri::command]
pub fn labels() -> BTreeMap<&'static str, Vec<Coded>> {
    all_labels()
}

/// The window calls this once its first screen is usable; the start-up bench
/// (`cargo xtask bench desktop`) waits for this line.
#[tauri::command]
pub fn ui_ready() {
    eprintln!("hoshu-desktop: ready");
}
