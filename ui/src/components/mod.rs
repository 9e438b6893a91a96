//! UI components: the screens, grouped by area (one folder per area as it grows), and
//! `common`, the building blocks they share.

pub mod cases;
pub mod certifications;
pub mod common;
pub mod filters;
pub mod help;
pub mod imports;
pub mod matching;
pub mod meetings;
pub mod nav;
pub mod parameters;
pub mod personal_data;
pub mod profile_banner;
pub mod profile_form;
pub mod security;
pub mod settings;
pub mod status_line;
pub mod territories;
pub mod territory;
pub mod todo;
pub mod welcome;
