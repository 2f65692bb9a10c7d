//! The desktop's side of `hoshu serve`: every operation of the one API as an HTTPS call.
//! The session token lives in this process's memory only, never in a file, and dies with
//! log-out or exit. Server certificates are checked against the operating system's trusted
//! roots, so a city's own certificate authority works once IT has installed it.

use hoshu_app::{AppError, ErrorCode, Session};
use serde::Deserialize;
use serde_json::{Value, json};
use std::time::Duration;

/// How long connecting may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one call may take (a delivery disc is rendered on the server).
const CALL_TIMEOUT: Duration = Duration::from_secs(310);

/// A failed call: `{code, message, fields}` from the in-process API, or from the server as
/// it sent it, or made here when the server did not answer. The window reads one shape.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct CallError(pub Value);

impl CallError {
    pub fn code(&self) -> Option<&str> {
        self.0.get("code").and_then(Value::as_str)
    }

    fn unreachable(detail: &str) -> Self {
        CallError(json!({
            "code": ErrorCode::Unavailable,
            "message": format!("サーバーに接続できません。ネットワークとサーバーの状態を確認し、しばらくしてから再度お試しください。（{detail}）"),
            "fields": [],
        }))
    }
}

impl From<AppError> for CallError {
    fn from(e: AppError) -> Self {
        CallError(json!({"code": e.code, "message": e.message, "fields": e.fields}))
    }
}

/// A server, known by the base URL the administrator configured (`https://host[:port]`).
#[derive(Debug, Clone)]
pub struct Remote {
    api: String,
    http: reqwest::Client,
}

#[derive(Deserialize)]
struct Started {
    token: String,
    #[serde(flatten)]
    session: Session,
}

impl Remote {
    pub fn new(server_url: &str) -> Result<Remote, AppError> {
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(CALL_TIMEOUT)
            .https_only(!is_loopback_http(server_url))
            .build()
            .map_err(|e| {
                AppError::new(
                    ErrorCode::Internal,
                    format!("通信の準備ができませんでした: {e}"),
                )
            })?;
        Ok(Remote {
            api: format!("{}/api/v1", server_url.trim_end_matches('/')),
            http,
        })
    }

    /// Whether the server and its database answer.
    pub async fn health(&self) -> Result<(), CallError> {
        let response = self
            .http
            .get(format!("{}/health", self.api))
            .send()
            .await
            .map_err(|e| CallError::unreachable(&describe(&e)))?;
        answer(response).await.map(|_| ())
    }

    pub async fn login(&self, login: &str, password: &str) -> Result<(String, Session), CallError> {
        let value = self
            .post(
                "login",
                None,
                json!({"login": login, "password": password}),
                None,
            )
            .await?;
        let started: Started = serde_json::from_value(value).map_err(|e| {
            CallError::from(AppError::new(
                ErrorCode::Internal,
                format!("サーバーの応答を読めませんでした: {e}"),
            ))
        })?;
        Ok((started.token, started.session))
    }

    pub async fn logout(&self, token: &str) -> Result<(), CallError> {
        self.post("logout", Some(token), json!({}), None)
            .await
            .map(|_| ())
    }

    /// One operation of the API. `idempotency_key` goes with writes the window may resend.
    pub async fn call(
        &self,
        token: &str,
        operation: &str,
        args: Value,
        idempotency_key: Option<&str>,
    ) -> Result<Value, CallError> {
        self.post(operation, Some(token), args, idempotency_key)
            .await
    }

    async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        body: Value,
        idempotency_key: Option<&str>,
    ) -> Result<Value, CallError> {
        let mut request = self.http.post(format!("{}/{path}", self.api)).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        let response = request
            .send()
            .await
            .map_err(|e| CallError::unreachable(&describe(&e)))?;
        answer(response).await
    }
}

async fn answer(response: reqwest::Response) -> Result<Value, CallError> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| CallError::unreachable(&describe(&e)))?;
    let value: Value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::Null)
    };
    if status.is_success() {
        return Ok(value);
    }
    if value.get("code").is_some() && value.get("message").is_some() {
        return Err(CallError(value));
    }
    // Not the server's own answer: a proxy or gateway in between.
    if status.is_server_error() {
        Err(CallError::unreachable(&format!("HTTP {status}")))
    } else {
        Err(CallError::from(AppError::new(
            ErrorCode::Internal,
            format!("サーバーから想定外の応答がありました（HTTP {status}）。"),
        )))
    }
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "応答がありません".into()
    } else if e.is_connect() {
        "接続できません".into()
    } else {
        e.to_string()
    }
}

/// `http://` is accepted only for this machine (a test server, or a local TLS proxy).
pub fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_for_this_machine() {
        assert!(is_loopback_http("http://127.0.0.1:8080"));
        assert!(is_loopback_http("http://localhost:8080/"));
        assert!(is_loopback_http("http://[::1]:8080"));
        assert!(!is_loopback_http("http://192.0.2.1:8080"));
        assert!(!is_loopback_http("http://127.0.0.1.example.jp"));
        assert!(!is_loopback_http("https://127.0.0.1:8443"));
    }
}
