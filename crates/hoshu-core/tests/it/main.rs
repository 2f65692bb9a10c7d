//! The crate's integration tests, linked once as one binary: one module per area.

mod architecture;
mod calendar_business_time;
mod calendar_open_days;
mod calendar_properties;
mod holidays_cabinet_office;
mod holidays_rules;
mod sla_clocks;
mod sla_incident;
mod sla_properties;
mod wareki_format;
