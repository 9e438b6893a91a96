use passerelle_tests::AppSession;
use serde_json::Value;

/// The webview may call the app's own commands and nothing else: the capability grants no core
/// or plugin permission, so even a harmless core command is refused.
#[tokio::test(flavor = "multi_thread")]
async fn the_webview_is_refused_commands_its_capability_does_not_grant() {
    let app = AppSession::start().await;
    app.wait_for("#status-schema").await;
    // Every command takes one `args` object (see passerelle_domain::ipc).
    let call = |cmd: &'static str| {
        let script = format!(
            "const done = arguments[arguments.length - 1];
             window.__TAURI__.core.invoke('{cmd}', {{args: {{}}}})
               .then(v => done({{ok: v}}), e => done({{err: String(e)}}));"
        );
        let client = app.client.clone();
        async move { client.execute_async(&script, vec![]).await.unwrap() }
    };

    let denied: Value = call("plugin:app|version").await;
    let message = denied["err"]
        .as_str()
        .unwrap_or_else(|| panic!("allowed: {denied}"));
    assert!(message.contains("not allowed"), "{message}");

    let allowed: Value = call("app_status").await;
    assert!(allowed["ok"]["schemaVersion"].is_number(), "{allowed}");

    // The CSP is in force: an inline script injected into the page does not run.
    let csp: Value = app
        .client
        .execute(
            "const s = document.createElement('script');
             s.textContent = 'window.__injected = true;';
             document.body.appendChild(s);
             return window.__injected === true;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        csp,
        Value::Bool(false),
        "an inline script ran despite the CSP"
    );
    app.finish().await;
}
