//! Column types that encode and decode themselves through [`sqlx::Any`], so that a row is read
//! with `#[derive(sqlx::FromRow)]` and a value is bound as what it is, on both backends:
//!
//! * [`Millis`]: a timestamp, `BIGINT` Unix milliseconds, UTC;
//! * [`Code`]: a core enum by its stable code, `TEXT`;
//! * [`Flag`]: a boolean, `BIGINT` 0/1;
//! * [`Day`] and [`Clock`]: a calendar day `YYYY-MM-DD` and a time of day `HH:MM`, `TEXT`;
//! * [`Narrow`]: a `BIGINT` held in a smaller integer it must fit;
//! * [`Opt`]: any of them where the column may be NULL.
//!
//! A value that cannot be read back (an unknown code, a day that does not exist) is a
//! [`ColumnValueError`] in Japanese; the store turns it into [`crate::StoreError::Corrupt`]
//! naming the column.
//!
//! The derive converts a column type into the field's type with `#[sqlx(try_from = "…")]`,
//! which needs `From<Millis> for DateTime<Utc>` and the like. Those exist here for every type
//! the store reads; the codes need one line each in [`stored_codes!`] because a blanket
//! `impl<E> From<Code<E>> for E` is not allowed outside the enum's crate.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hoshu_core::coded::Coded;
use sqlx::any::{AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type, ValueRef};

/// Why a stored value could not be read back, in Japanese; the column is named by the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct ColumnValueError(pub(crate) String);

fn unreadable(what: String) -> BoxDynError {
    Box::new(ColumnValueError(what))
}

/// A timestamp, stored as Unix milliseconds (UTC). Anything finer is dropped on write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Millis(pub(crate) DateTime<Utc>);

impl Millis {
    /// `t` as it will read back: truncated to the millisecond.
    pub(crate) fn truncate(t: DateTime<Utc>) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
    }

    fn from_stored(v: i64) -> Result<Self, BoxDynError> {
        DateTime::from_timestamp_millis(v)
            .map(Millis)
            .ok_or_else(|| unreadable(format!("日時として読めない値 {v}")))
    }
}

impl From<Millis> for DateTime<Utc> {
    fn from(m: Millis) -> Self {
        m.0
    }
}

impl Type<Any> for Millis {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl Encode<'_, Any> for Millis {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer,
    ) -> Result<IsNull, BoxDynError> {
        <i64 as Encode<Any>>::encode(self.0.timestamp_millis(), buf)
    }
}

impl<'r> Decode<'r, Any> for Millis {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Millis::from_stored(<i64 as Decode<Any>>::decode(value)?)
    }
}

/// A core enum, stored by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Code<E>(pub(crate) E);

impl<E: Coded> Type<Any> for Code<E> {
    fn type_info() -> AnyTypeInfo {
        <str as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <str as Type<Any>>::compatible(ty)
    }
}

impl<E: Coded> Encode<'_, Any> for Code<E> {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer,
    ) -> Result<IsNull, BoxDynError> {
        <&str as Encode<Any>>::encode(self.0.code(), buf)
    }
}

impl<'r, E: Coded> Decode<'r, Any> for Code<E> {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        let code = <&str as Decode<Any>>::decode(value)?;
        E::from_code(code)
            .map(Code)
            .ok_or_else(|| unreadable(format!("不明なコード「{code}」")))
    }
}

/// `From` for every enum the store reads by its code (see the module's note on why it is a
/// list).
macro_rules! stored_codes {
    ($($enum:ty),+ $(,)?) => {$(
        impl From<Code<$enum>> for $enum {
            fn from(c: Code<$enum>) -> Self {
                c.0
            }
        }

        impl From<Opt<Code<$enum>>> for Option<$enum> {
            fn from(c: Opt<Code<$enum>>) -> Self {
                c.0.map(|c| c.0)
            }
        }
    )+};
}

stored_codes!(
    hoshu_core::audit::ChainAlgorithm,
    hoshu_core::business_schedule::EntryCategory,
    hoshu_core::business_schedule::EntrySource,
    hoshu_core::business_schedule::ScheduleStatus,
    hoshu_core::change::ChangeAction,
    hoshu_core::change::ChangeKind,
    hoshu_core::change::ChangeOutcome,
    hoshu_core::change::ChangeStatus,
    hoshu_core::change::OutageReason,
    hoshu_core::change::ReleaseKind,
    hoshu_core::handover::HandoverPlanStatus,
    hoshu_core::incident::ExclusionReason,
    hoshu_core::incident::IncidentCategory,
    hoshu_core::incident::Severity,
    hoshu_core::incident::TimelineEventKind,
    hoshu_core::listing::ListName,
    hoshu_core::meeting::MeetingKind,
    hoshu_core::meeting::MinutesAction,
    hoshu_core::meeting::MinutesStatus,
    hoshu_core::meeting::Side,
    hoshu_core::notification::ItemKind,
    hoshu_core::notification::NotificationKind,
    hoshu_core::operations::BatchResult,
    hoshu_core::operations::CheckFrequency,
    hoshu_core::operations::CheckResult,
    hoshu_core::operations::JobNetSchedule,
    hoshu_core::operations::WorkKind,
    hoshu_core::plan::PlanSection,
    hoshu_core::policy::Role,
    hoshu_core::register::IssueCategory,
    hoshu_core::register::IssuePriority,
    hoshu_core::register::IssueStatus,
    hoshu_core::report_mail::MailStatus,
    hoshu_core::report_mail::ReportMailKind,
    hoshu_core::request::RequestKind,
    hoshu_core::request::RequestStatus,
    hoshu_core::request::WorkSubKind,
    hoshu_core::request_details::Urgency,
    hoshu_core::search::SearchKind,
);

/// A yes/no, stored as 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flag(pub(crate) bool);

impl From<Flag> for bool {
    fn from(f: Flag) -> Self {
        f.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl Encode<'_, Any> for Flag {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer,
    ) -> Result<IsNull, BoxDynError> {
        <i64 as Encode<Any>>::encode(i64::from(self.0), buf)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        match <i64 as Decode<Any>>::decode(value)? {
            0 => Ok(Flag(false)),
            1 => Ok(Flag(true)),
            v => Err(unreadable(format!("0/1 ではない値 {v}"))),
        }
    }
}

/// Text columns holding a chrono value in one fixed format.
macro_rules! text_column {
    ($(#[$meta:meta])* $name:ident($inner:ty), $format:literal, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) struct $name(pub(crate) $inner);

        impl From<$name> for $inner {
            fn from(v: $name) -> Self {
                v.0
            }
        }

        impl From<Opt<$name>> for Option<$inner> {
            fn from(v: Opt<$name>) -> Self {
                v.0.map(|v| v.0)
            }
        }

        impl Type<Any> for $name {
            fn type_info() -> AnyTypeInfo {
                <str as Type<Any>>::type_info()
            }

            fn compatible(ty: &AnyTypeInfo) -> bool {
                <str as Type<Any>>::compatible(ty)
            }
        }

        impl Encode<'_, Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer,
            ) -> Result<IsNull, BoxDynError> {
                <String as Encode<Any>>::encode(self.0.format($format).to_string(), buf)
            }
        }

        impl<'r> Decode<'r, Any> for $name {
            fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <&str as Decode<Any>>::decode(value)?;
                <$inner>::parse_from_str(text, $format)
                    .map($name)
                    .map_err(|_| unreadable(format!(concat!($what, "として読めない値「{}」"), text)))
            }
        }
    };
}

text_column!(
    /// A calendar day, `YYYY-MM-DD`.
    Day(NaiveDate),
    "%Y-%m-%d",
    "日付"
);

text_column!(
    /// A time of day to the minute, `HH:MM`.
    Clock(NaiveTime),
    "%H:%M",
    "時刻"
);

/// A column that may be NULL, holding one of the types above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Opt<T>(pub(crate) Option<T>);

impl From<Opt<Millis>> for Option<DateTime<Utc>> {
    fn from(v: Opt<Millis>) -> Self {
        v.0.map(|m| m.0)
    }
}

impl<T: Type<Any>> Type<Any> for Opt<T> {
    fn type_info() -> AnyTypeInfo {
        T::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        T::compatible(ty)
    }
}

impl<'r, T: Decode<'r, Any>> Decode<'r, Any> for Opt<T> {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            Ok(Opt(None))
        } else {
            T::decode(value).map(|v| Opt(Some(v)))
        }
    }
}

/// A yes/no not given yet (NULL), such as a decision still to be made.
impl From<Opt<Flag>> for Option<bool> {
    fn from(v: Opt<Flag>) -> Self {
        v.0.map(|f| f.0)
    }
}

/// A whole number stored as `BIGINT` but held in a narrower integer (a year as `i32`, minutes
/// as `u32`), which the stored value must fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Narrow<T>(pub(crate) T);

impl<T> Type<Any> for Narrow<T> {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r, T: TryFrom<i64>> Decode<'r, Any> for Narrow<T> {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        let v = <i64 as Decode<Any>>::decode(value)?;
        T::try_from(v)
            .map(Narrow)
            .map_err(|_| unreadable(format!("範囲外の値 {v}")))
    }
}

impl From<Narrow<i32>> for i32 {
    fn from(n: Narrow<i32>) -> Self {
        n.0
    }
}

impl From<Narrow<u32>> for u32 {
    fn from(n: Narrow<u32>) -> Self {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_truncate_what_they_cannot_keep() {
        let t = DateTime::from_timestamp_micros(1_775_000_000_123_456).unwrap();
        let back = Millis::from_stored(t.timestamp_millis()).unwrap().0;
        assert_eq!(back, Millis::truncate(t));
        assert_eq!(back.timestamp_micros(), 1_775_000_000_123_000);
    }

    #[test]
    fn a_timestamp_out_of_range_is_named_in_japanese() {
        let e = Millis::from_stored(i64::MAX).unwrap_err();
        assert_eq!(e.to_string(), format!("日時として読めない値 {}", i64::MAX));
    }
}
