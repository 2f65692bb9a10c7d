//! `hoshu serve`: the one API of [`hoshu_api`] over HTTP(S), for every terminal of the city.
//!
//! The server holds the only database credentials. A terminal logs in with
//! `POST /api/v1/login` and receives an opaque token; every other call is
//! `POST /api/v1/<operation>` with `Authorization: Bearer <token>` and the operation's JSON
//! arguments, and the session is resumed from the database on every call — any server
//! process can answer any terminal, and a log-out or an administrator's "end session" takes
//! effect everywhere at once. Errors are `{code, message, fields}` with the status of
//! [`hoshu_api::status_of`]; 429 when log-ins from one address come too fast.

mod throttle;

pub use throttle::{LoginThrottle, wait_after_failures};

use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hoshu_api::OperationKind;
use hoshu_app::{AppError, ErrorCode, Hoshu, IdempotencyKey, Session};
use serde::Deserialize;
use serde_json::{Value, json};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Limits on what one call may send and how long it may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body: an attachment of 10 MB grows by a third in base64.
    pub max_body_bytes: usize,
    /// Longest a call may run (a delivery disc of 50 PDFs included) before it is answered 503.
    pub max_call_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 16 * 1024 * 1024,
            max_call_time: Duration::from_secs(300),
        }
    }
}

/// Whether the address a terminal is known by comes from the connection itself or, behind
/// a reverse proxy on this host, from the proxy's `X-Forwarded-For`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAddress {
    Peer,
    ForwardedByLocalProxy,
}

#[derive(Clone)]
struct ServerState {
    hoshu: Hoshu,
    throttle: Arc<LoginThrottle>,
    client_address: ClientAddress,
}

/// The routes of the API over `hoshu`, with the limits applied.
pub fn router(hoshu: Hoshu, limits: Limits, client_address: ClientAddress) -> Router {
    let state = ServerState {
        hoshu,
        throttle: Arc::new(LoginThrottle::default()),
        client_address,
    };
    Router::new()
        .route("/api/v1/health", get(health))
        .route("/api/v1/login", post(login))
        .route("/api/v1/logout", post(logout))
        .route("/api/v1/session", post(current_session))
        .route("/api/v1/{operation}", post(call))
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.max_call_time,
        ))
        .with_state(state)
}

/// Where and how to listen.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// Certificate chain and private key (PEM). Without them only a loopback address is
    /// served, for a reverse proxy on the same host that terminates TLS.
    pub tls: Option<(PathBuf, PathBuf)>,
    pub limits: Limits,
}

/// Why the server could not start, in Japanese for the operator.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "暗号化なし（HTTP）で待ち受けられるのはループバックアドレス（127.0.0.1 など）だけです。{0} で待ち受けるには --tls-cert と --tls-key を指定してください。"
    )]
    PlainHttpOffLoopback(SocketAddr),
    #[error("証明書または秘密鍵を読み込めませんでした（{path}）: {detail}")]
    Tls { path: String, detail: String },
    #[error("{listen} で待ち受けられませんでした: {source}")]
    Bind {
        listen: SocketAddr,
        source: std::io::Error,
    },
    #[error("サーバーが異常終了しました: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves until `shutdown` completes, then lets calls in progress finish (up to 30 s).
/// `on_ready` receives the bound address (port 0 picks a free one).
pub async fn serve(
    hoshu: Hoshu,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let client_address = if config.tls.is_none() {
        ClientAddress::ForwardedByLocalProxy
    } else {
        ClientAddress::Peer
    };
    let outbox = tokio::spawn(deliver_mail_every_minute(hoshu.clone()));
    let app = router(hoshu, config.limits, client_address)
        .into_make_service_with_connect_info::<SocketAddr>();
    match &config.tls {
        None => {
            if !config.listen.ip().is_loopback() {
                return Err(ServeError::PlainHttpOffLoopback(config.listen));
            }
            let listener =
                tokio::net::TcpListener::bind(config.listen)
                    .await
                    .map_err(|source| ServeError::Bind {
                        listen: config.listen,
                        source,
                    })?;
            on_ready(listener.local_addr()?);
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await?;
        }
        Some((cert, key)) => {
            let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(|e| ServeError::Tls {
                    path: format!("{} / {}", cert.display(), key.display()),
                    detail: e.to_string(),
                })?;
            let listener =
                std::net::TcpListener::bind(config.listen).map_err(|source| ServeError::Bind {
                    listen: config.listen,
                    source,
                })?;
            listener.set_nonblocking(true)?;
            on_ready(listener.local_addr()?);
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            tokio::spawn(async move {
                shutdown.await;
                stopper.graceful_shutdown(Some(Duration::from_secs(30)));
            });
            axum_server::from_tcp_rustls(listener, tls)?
                .handle(handle)
                .serve(app)
                .await?;
        }
    }
    outbox.abort();
    Ok(())
}

/// Incident reports that could not go at once are retried from here: every server sends what
/// is due, and the claim in the store keeps two servers from sending the same mail.
async fn deliver_mail_every_minute(hoshu: Hoshu) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        if let Err(e) = hoshu.deliver_due_mail().await {
            tracing::warn!(error = %e.message, "queued incident report mail not sent");
        }
    }
}

/// Completes on Ctrl+C or SIGTERM (what systemd sends on stop).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// An API error as the wire carries it.
struct ApiError(AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(hoshu_api::status_of(self.0.code))
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(message = %self.0.message, "internal error");
        }
        let body = json!({
            "code": self.0.code,
            "message": self.0.message,
            "fields": self.0.fields,
        });
        (status, Json(body)).into_response()
    }
}

fn error(code: ErrorCode, message: &str) -> ApiError {
    ApiError(AppError::new(code, message))
}

/// The terminal's address: the peer, or behind a local reverse proxy the last address it
/// appended to `X-Forwarded-For` (a client cannot forge that one: the proxy adds it).
fn client_ip(state: &ServerState, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if state.client_address == ClientAddress::ForwardedByLocalProxy
        && peer.ip().is_loopback()
        && let Some(forwarded) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok())
    {
        return forwarded;
    }
    peer.ip()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

async fn session_of(state: &ServerState, headers: &HeaderMap) -> Result<Session, ApiError> {
    let token =
        bearer(headers).ok_or_else(|| error(ErrorCode::AuthFailed, "ログインしてください。"))?;
    Ok(state.hoshu.resume_session(token).await?)
}

async fn health(State(state): State<ServerState>) -> Response {
    match state.hoshu.check_database().await {
        Ok(()) => Json(json!({"status": "ok"})).into_response(),
        Err(e) => ApiError(e).into_response(),
    }
}

#[derive(Deserialize)]
struct LoginInput {
    login: String,
    password: String,
}

async fn login(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(input): Json<LoginInput>,
) -> Result<Response, ApiError> {
    let ip = client_ip(&state, peer, &headers);
    if let Err(wait) = state.throttle.check(ip, std::time::Instant::now()) {
        let seconds = wait.as_secs().max(1);
        let mut response = error(
            ErrorCode::AuthFailed,
            &format!("ログインの試行が続いたため、{seconds}秒お待ちください。"),
        )
        .into_response();
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(response);
    }
    match state
        .hoshu
        .start_session(input.login.trim(), &input.password, &ip.to_string())
        .await
    {
        Ok(started) => {
            state.throttle.succeeded(ip);
            Ok(Json(started).into_response())
        }
        Err(e) => {
            if e.code == ErrorCode::AuthFailed {
                state.throttle.failed(ip, std::time::Instant::now());
            }
            Err(e.into())
        }
    }
}

async fn logout(
    State(state): State<ServerState>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    if let Some(token) = bearer(&headers) {
        state.hoshu.end_session(token).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn current_session(
    State(state): State<ServerState>,
    headers: HeaderMap,
) -> Result<Json<Session>, ApiError> {
    Ok(Json(session_of(&state, &headers).await?))
}

/// The idempotency key of a write: 1–100 letters, digits, `-` or `_` (a UUID fits).
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or_default();
    let valid = (1..=100).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if valid {
        Ok(Some(key.to_owned()))
    } else {
        Err(error(
            ErrorCode::Validation,
            "Idempotency-Key は英数字・-・_ の1〜100文字にしてください。",
        ))
    }
}

async fn call(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let operation = hoshu_api::operation(&name)
        .ok_or_else(|| error(ErrorCode::NotFound, "その操作はありません。"))?;
    let session = session_of(&state, &headers).await?;
    let args: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            error(
                ErrorCode::Validation,
                &format!("要求の本文が JSON として読めません（{e}）。"),
            )
        })?
    };
    let key = match operation.kind {
        OperationKind::Write => idempotency_key(&headers)?,
        OperationKind::Read => None,
    };
    // Every audit entry of the call names the terminal it came from.
    let terminal = state
        .hoshu
        .at_terminal(&client_ip(&state, peer, &headers).to_string());
    let Some(key) = key else {
        return run(&terminal, &session, operation.name, args).await;
    };
    let hoshu = terminal.with_idempotency_key(IdempotencyKey {
        key: key.clone(),
        operation: operation.name.to_owned(),
    });
    match run(&hoshu, &session, operation.name, args).await {
        Ok(answer) => {
            // The write is committed; keeping its answer for replays is best effort; a
            // replay before (or without) it is told the write was already done.
            if let Err(e) = state
                .hoshu
                .record_idempotent_response(&session, &key, &answer.0.to_string())
                .await
            {
                tracing::warn!(message = %e.message, "could not keep the answer of a keyed write");
            }
            Ok(answer)
        }
        Err(ApiError(e)) if e.code == ErrorCode::Replayed => {
            match state.hoshu.replayed_response(&session, &key).await? {
                Some(first) => Ok(Json(serde_json::from_str(&first).unwrap_or(Value::Null))),
                None => Err(ApiError(e)),
            }
        }
        Err(e) => Err(e),
    }
}

async fn run(
    hoshu: &Hoshu,
    session: &Session,
    name: &str,
    args: Value,
) -> Result<Json<Value>, ApiError> {
    match hoshu_api::dispatch(hoshu, session, name, args).await {
        Some(answer) => Ok(Json(answer?)),
        None => Err(error(ErrorCode::NotFound, "その操作はありません。")),
    }
}
