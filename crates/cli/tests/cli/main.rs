//! Integration tests of the `passerelle` binary, one module per area, in one test binary (one
//! link instead of one per file).

mod common;

mod bad_input;
mod calendar;
mod cli_cases;
mod cli_cert;
mod cli_committee;
mod cli_info;
mod concurrency;
mod establishments;
mod log_file;
mod matching;
mod no_panic;
mod privacy;
mod protection;
mod regressions;
mod rome;
mod territories;
