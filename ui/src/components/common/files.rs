//! Files the user chooses in an `<input type=file>`: which one, and its bytes.

use leptos::prelude::*;
use passerelle_domain::AppError;
use wasm_bindgen::JsCast;

/// The file chosen in `<input type=file id=…>`.
pub fn chosen_file(input_id: &str) -> Option<web_sys::File> {
    document()
        .get_element_by_id(input_id)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()?
        .get(0)
}

/// Reads a file's bytes (only once its size has been checked).
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, AppError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| {
            AppError::invalid(
                "file",
                "Fichier : lecture impossible ; vérifiez qu’il est toujours à sa place et réessayez.",
            )
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
