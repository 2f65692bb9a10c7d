//! `hoshu calendar` and `hoshu wareki`: the desk's calendar rules, for scripts.

use crate::*;

pub(crate) fn calendar(command: CalendarCommand, out: &mut impl Write) -> Result<(), Failure> {
    match command {
        CalendarCommand::Holidays { year } => {
            for h in holidays_in_year(year) {
                writeln!(out, "{}\t{}", h.date, h.name)?;
            }
        }
        CalendarCommand::OpenDays { from, to } => {
            if to < from {
                return Err(fail(
                    "--to（終了日）は --from（開始日）以降の日付にしてください。",
                ));
            }
            for d in Calendar::default().open_days(from, to) {
                writeln!(out, "{d}")?;
            }
        }
    }
    Ok(())
}

pub(crate) fn wareki(date: NaiveDate, short: bool, out: &mut impl Write) -> Result<(), Failure> {
    let text = if short {
        hoshu_core::wareki::short(date)
    } else {
        hoshu_core::wareki::long(date)
    };
    writeln!(out, "{text}")?;
    Ok(())
}
