//! The one typed bridge to the Tauri shell. Nothing else in the UI calls `invoke`.
//!
//! [`call`] is typed by the command's declaration in `passerelle_domain::ipc` (its name, its
//! argument, its response): a renamed field or a changed response breaks this build, not the
//! running app.

use passerelle_domain::AppError;
use passerelle_domain::ipc::Command;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Tauri v2 exposes `invoke` under `__TAURI__.core` when `withGlobalTauri` is on. `catch`
    // turns a rejected promise (the command's `Err`) into an `Err` here instead of a throw.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn invoke_raw(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    // The same `invoke` with options: a `Uint8Array` as `args` travels as the raw request body,
    // and `options.headers` as request headers.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn invoke_with_options(
        cmd: &str,
        args: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue>;
}

/// What every command receives: its one parameter, `args`.
#[derive(Serialize)]
struct Envelope<'a, A> {
    args: &'a A,
}

/// Calls command `C` with its arguments; the shell receives `{"args": …}`.
pub async fn call<C: Command>(args: &C::Args) -> Result<C::Response, AppError> {
    let cmd = C::NAME;
    // json_compatible: plain objects and `null`, not ES Maps and `undefined`.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js_args = Envelope { args }
        .serialize(&serializer)
        .map_err(|e| AppError::Ipc {
            message: format!("{cmd}: {e}"),
        })?;
    let unlocks = crate::session::unlock_count();
    locked_check(unlocks, decode(cmd, invoke_raw(cmd, js_args).await))
}

/// Calls command `C` whose input is bytes (a document): they cross as the raw request body, not
/// as a JSON array of numbers; `header` carries the description.
pub async fn invoke_bytes<C: Command>(
    bytes: &[u8],
    header: (&str, &str),
) -> Result<C::Response, AppError> {
    let cmd = C::NAME;
    let body = js_sys::Uint8Array::from(bytes);
    let headers = js_sys::Object::new();
    let options = js_sys::Object::new();
    let set = |target: &js_sys::Object, key: &str, value: &JsValue| {
        js_sys::Reflect::set(target, &JsValue::from_str(key), value).map_err(|e| AppError::Ipc {
            message: format!("{cmd}: {e:?}"),
        })
    };
    set(&headers, header.0, &JsValue::from_str(header.1))?;
    set(&options, "headers", &headers)?;
    let unlocks = crate::session::unlock_count();
    locked_check(
        unlocks,
        decode(
            cmd,
            invoke_with_options(cmd, body.into(), options.into()).await,
        ),
    )
}

/// A command refused because the data is locked (locked from elsewhere, or a call racing the
/// lock) sends the window to the lock screen; the error still reaches the caller.
fn locked_check<R>(unlocks_at_call: u32, result: Result<R, AppError>) -> Result<R, AppError> {
    if matches!(result, Err(AppError::Locked)) {
        crate::session::shell_locked(unlocks_at_call);
    }
    result
}

fn decode<R: DeserializeOwned>(cmd: &str, result: Result<JsValue, JsValue>) -> Result<R, AppError> {
    match result {
        Ok(value) => serde_wasm_bindgen::from_value(value).map_err(|e| AppError::Ipc {
            message: format!("{cmd}: {e}"),
        }),
        Err(error) => Err(serde_wasm_bindgen::from_value::<AppError>(error.clone())
            .unwrap_or_else(|_| AppError::Ipc {
                message: format!("{cmd}: {error:?}"),
            })),
    }
}
