//! 保守デスク: the Tauri shell. The only crate that knows Tauri. The window's calls are the
//! operations of the one API (`hoshu_api`), run in this process on the local SQLite file or on
//! `hoshu serve`; errors cross as `{code, message, fields}` with a Japanese message.

pub mod commands;
pub mod db;
pub mod files;
pub mod remote;
pub mod state;
pub mod vault;

use serde_json::Value;
use state::{DeskState, Terminal};
use std::sync::Arc;
use tauri::ipc::{Invoke, InvokeBody, InvokeError};
use tauri::{Manager, Runtime};

/// The commands of the shell itself, in one list (the tests build the app from it too).
/// Everything else the window calls is an operation of `hoshu_api`.
#[macro_export]
macro_rules! desk_handler {
    () => {
        $crate::invoke_handler(tauri::generate_handler![
            $crate::commands::auth::login,
            $crate::commands::auth::logout,
            $crate::commands::auth::current_session,
            $crate::commands::meta::labels,
            $crate::commands::meta::ui_ready,
            $crate::commands::notify::desktop_notification,
            $crate::commands::files::attach_file,
            $crate::commands::files::pick_attachment,
            $crate::commands::files::save_attachment,
            $crate::commands::files::save_meeting_attachment,
            $crate::commands::import::pick_import_file,
            $crate::commands::import::pick_account_file,
            $crate::commands::import::import_file,
            $crate::commands::drafts::open_drafts,
            $crate::commands::drafts::write_draft,
            $crate::commands::drafts::erase_draft,
            $crate::commands::drafts::erase_my_drafts,
            $crate::commands::database::database_config,
            $crate::commands::database::test_database,
            $crate::commands::database::save_database,
            $crate::commands::reports::save_monthly_report,
            $crate::commands::reports::save_annual_report,
            $crate::commands::deliverables::save_minutes,
            $crate::commands::deliverables::save_register,
            $crate::commands::deliverables::save_request_list,
            $crate::commands::deliverables::save_list,
            $crate::commands::deliverables::save_accounts,
            $crate::commands::deliverables::save_plan,
            $crate::commands::deliverables::save_business_schedule,
            $crate::commands::deliverables::save_form,
            $crate::commands::deliverables::save_disc,
            $crate::commands::deliverables::save_handover_plan_pdf,
            $crate::commands::deliverables::save_handover_package,
        ])
    };
}

/// The window's calls: an operation of the one API goes to the backend in use (this
/// process or the server) with its arguments as they came; anything else to the shell's own
/// commands. A write may carry `idempotencyKey` among its arguments (the draft queue's), which
/// travels beside them, never into the operation.
pub fn invoke_handler<R: Runtime>(
    shell: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke: Invoke<R>| {
        let Some(operation) = hoshu_api::operation(invoke.message.command()) else {
            return shell(invoke);
        };
        let mut args = match invoke.message.payload() {
            InvokeBody::Json(value) => value.clone(),
            InvokeBody::Raw(_) => Value::Null,
        };
        let key = args
            .as_object_mut()
            .and_then(|map| map.remove("idempotencyKey"))
            .and_then(|v| v.as_str().map(str::to_owned))
            .filter(|_| operation.kind == hoshu_api::OperationKind::Write);
        let app = invoke.message.webview().app_handle().clone();
        invoke.resolver.respond_async(async move {
            let desk = app.state::<DeskState>();
            desk.call(operation.name, args, key)
                .await
                .map_err(|e| InvokeError(e.0))
        });
        true
    }
}

/// The operating system's file dialogs; in a debug build the end-to-end tests may answer them
/// from a folder instead (see [`files::FolderChooser`]).
fn chooser(app: tauri::AppHandle) -> Arc<dyn files::FileChooser> {
    #[cfg(debug_assertions)]
    if let Some(folder) = files::FolderChooser::from_env() {
        return Arc::new(folder);
    }
    Arc::new(files::DialogChooser { app })
}

/// On the local database this terminal itself sends the incident reports that could not go at
/// once; with a server, the server does.
async fn deliver_mail_every_minute(app: tauri::AppHandle) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        let Some(hoshu) = app.state::<DeskState>().local() else {
            continue;
        };
        if let Err(e) = hoshu.deliver_due_mail().await {
            eprintln!(
                "hoshu-desktop: 送信待ちの障害報告メールを送れませんでした: {}",
                e.message
            );
        }
    }
}

/// Starts the app: opens (or creates) the local database or points at the server, then the
/// window.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let paths = db::paths(app.handle())?;
            let url = db::database_url(&paths)?;
            let backend = tauri::async_runtime::block_on(db::open(&url, &paths.data_dir))?;
            let terminal = Terminal {
                chooser: chooser(app.handle().clone()),
                drafts: vault::DraftVault::open(
                    paths.drafts_dir(),
                    &vault::OsKeyring {
                        service: vault::OsKeyring::SERVICE.into(),
                    },
                ),
            };
            app.manage(DeskState::new(backend, db::masked(&url), paths, terminal));
            tauri::async_runtime::spawn(deliver_mail_every_minute(app.handle().clone()));
            Ok(())
        })
        .invoke_handler(desk_handler!())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("保守デスクを起動できませんでした: {e}");
            std::process::exit(1);
        });
}
