//! UI components, one per file, grouped by area as the screens grow.

pub mod cases;
pub mod certifications;
pub mod committees;
pub mod nav;
pub mod parameters;
pub mod profile_banner;
pub mod profile_form;
pub mod settings;
pub mod status_line;
pub mod territories;
pub mod todo;
