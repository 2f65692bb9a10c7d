//! 設定とカレンダー: served by the one API (`hoshu_api`); the month view's type is
//! re-exported for the window's wire types.

pub use hoshu_api::{CalendarDay, month_days};
