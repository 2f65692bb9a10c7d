//! 保守デスク: the Tauri shell. The only crate that knows Tauri. Each command turns its
//! arguments into one `hoshu-app` use case and hands back the result; errors cross as
//! `AppError {code, message, fields}` with a Japanese message.

pub mod commands;
pub mod db;
pub mod state;

use state::DeskState;
use tauri::Manager;

/// Every command the window may call, in one list (the tests build the app from it too).
#[macro_export]
macro_rules! desk_handler {
    () => {
        tauri::generate_handler![
            $crate::commands::auth::login,
            $crate::commands::auth::logout,
            $crate::commands::auth::current_session,
            $crate::commands::meta::labels,
            $crate::commands::meta::ui_ready,
            $crate::commands::requests::list_requests,
            $crate::commands::requests::request_detail,
            $crate::commands::requests::file_request,
            $crate::commands::requests::comment_on_request,
            $crate::commands::requests::transition_request,
            $crate::commands::requests::assign_request,
            $crate::commands::requests::contractors,
            $crate::commands::requests::attach_file,
            $crate::commands::requests::save_attachment,
            $crate::commands::changes::list_changes,
            $crate::commands::changes::change_detail,
            $crate::commands::changes::propose_change,
            $crate::commands::changes::decide_change,
            $crate::commands::changes::complete_change,
            $crate::commands::changes::upcoming_outages,
            $crate::commands::settings::settings,
            $crate::commands::settings::update_settings,
            $crate::commands::settings::calendar_month,
            $crate::commands::admin::offices,
            $crate::commands::admin::accounts,
            $crate::commands::admin::create_account,
            $crate::commands::admin::update_account,
            $crate::commands::admin::reset_password,
            $crate::commands::database::database_config,
            $crate::commands::database::test_database,
            $crate::commands::database::save_database,
            $crate::commands::incidents::list_incidents,
            $crate::commands::incidents::incident_detail,
            $crate::commands::incidents::record_incident,
            $crate::commands::incidents::add_incident_event,
            $crate::commands::incidents::propose_exclusion,
            $crate::commands::incidents::decide_exclusion,
            $crate::commands::incidents::sla_status,
            $crate::commands::meetings::list_meetings,
            $crate::commands::meetings::meeting_detail,
            $crate::commands::meetings::record_meeting,
            $crate::commands::meetings::update_meeting,
            $crate::commands::meetings::minutes_step,
            $crate::commands::reports::render_monthly_report,
            $crate::commands::reports::render_annual_report,
            $crate::commands::requests::answer_queue,
            $crate::commands::deliverables::minutes_choices,
            $crate::commands::deliverables::render_minutes,
            $crate::commands::deliverables::render_register,
            $crate::commands::deliverables::render_plan,
            $crate::commands::deliverables::render_form,
            $crate::commands::deliverables::build_disc,
            $crate::commands::register::list_register,
            $crate::commands::register::register_item,
            $crate::commands::register::add_register_item,
            $crate::commands::register::update_register_item,
            $crate::commands::register::close_register_item,
            $crate::commands::plan::operation_plan,
            $crate::commands::plan::save_plan_section,
            $crate::commands::plan::plan_section_history,
            $crate::commands::plan::contract_info,
            $crate::commands::plan::save_contract_info,
        ]
    };
}

/// Starts the app: opens (or creates) the database, then the window.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let paths = db::paths(app.handle())?;
            let url = db::database_url(&paths)?;
            let hoshu = tauri::async_runtime::block_on(db::open(&url, &paths.data_dir))?;
            app.manage(DeskState::new(hoshu, url, paths));
            Ok(())
        })
        .invoke_handler(desk_handler!())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("保守デスクを起動できませんでした: {e}");
            std::process::exit(1);
        });
}
