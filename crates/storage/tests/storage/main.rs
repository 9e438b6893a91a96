//! Integration tests of the storage layer, one module per area, in one test binary (one link
//! instead of one per file).

mod common;

mod cases;
mod committees;
mod exam_sessions;
mod layers;
mod matching;
mod open_and_migrate;
mod parcours;
mod protection;
mod retention;
mod territory;
