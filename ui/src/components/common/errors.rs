//! Field errors of a form: the ones the domain or the shell returned, shown under their field
//! (`""` for the form as a whole).

use leptos::prelude::*;
use passerelle_domain::{AppError, FieldError};

/// The field errors of a refusal; any other error as a message for the whole form.
pub fn field_errors(err: &AppError) -> Vec<FieldError> {
    match err {
        AppError::Validation { errors } => errors.clone(),
        other => vec![FieldError::new("", other.user_message())],
    }
}

/// The message for one field, if any (reactive).
pub fn message_for(
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + 'static {
    move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}

/// The one message a small form shows: the first field error of a refusal, or the error's.
pub fn first_message(err: &AppError) -> Option<String> {
    match err {
        AppError::Validation { errors } => errors.first().map(|e| e.message.clone()),
        other => Some(other.user_message()),
    }
}
