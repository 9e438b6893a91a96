//! The state of one form over data `D` (a `CaseData`, say): the data, the domain's live
//! report on it, which fields were left, and what the shell refused.

use std::collections::HashSet;

use leptos::prelude::*;
use passerelle_domain::case::Report;
use passerelle_domain::{AppError, FieldError};

/// State shared by the fields of one form over data `D`.
pub struct FormCtx<D: 'static> {
    pub data: RwSignal<D>,
    pub report: Memo<Report>,
    /// Show every message (set by the first save attempt).
    pub show_all: RwSignal<bool>,
    pub touched: RwSignal<HashSet<String>>,
    /// Errors the shell returned (normally the same as the live ones).
    pub server_errors: RwSignal<Vec<FieldError>>,
    /// Date fields whose text cannot be read as a date: the save is refused while any is.
    pub unreadable_dates: RwSignal<HashSet<&'static str>>,
}

impl<D: 'static> Clone for FormCtx<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: 'static> Copy for FormCtx<D> {}

impl<D: Send + Sync + 'static> FormCtx<D> {
    /// `check` validates a copy of the data (the domain's rules), on every change.
    pub fn new(initial: D, check: impl Fn(D) -> Report + Send + Sync + 'static) -> Self
    where
        D: Clone,
    {
        let data = RwSignal::new(initial);
        let report = Memo::new(move |_| check(data.get()));
        Self {
            data,
            report,
            show_all: RwSignal::new(false),
            touched: RwSignal::new(HashSet::new()),
            server_errors: RwSignal::new(Vec::new()),
            unreadable_dates: RwSignal::new(HashSet::new()),
        }
    }

    /// (message, is_error) for a field, when it should be shown.
    pub(super) fn message(self, path: &'static str) -> impl Fn() -> Option<(String, bool)> + Copy {
        move || {
            let visible = self.show_all.get() || self.touched.with(|t| t.contains(path));
            if let Some(e) = self
                .server_errors
                .with(|s| s.iter().find(|e| e.field == path).cloned())
            {
                return Some((e.message, true));
            }
            if !visible {
                return None;
            }
            self.report.with(|r| {
                r.errors
                    .iter()
                    .find(|e| e.field == path)
                    .map(|e| (e.message.clone(), true))
                    .or_else(|| {
                        r.warnings
                            .iter()
                            .find(|e| e.field == path)
                            .map(|e| (e.message.clone(), false))
                    })
            })
        }
    }

    /// [`FormCtx::message`] for a field of one row of a repeated group (`lines.2.atRisk`):
    /// the error only (a row's warnings are not shown).
    pub fn message_at(self, path: String) -> impl Fn() -> Option<String> + Clone + 'static {
        move || {
            if let Some(e) = self
                .server_errors
                .with(|s| s.iter().find(|e| e.field == path).cloned())
            {
                return Some(e.message);
            }
            let visible = self.show_all.get() || self.touched.with(|t| t.contains(&path));
            if !visible {
                return None;
            }
            self.report.with(|r| {
                r.errors
                    .iter()
                    .find(|e| e.field == path)
                    .map(|e| e.message.clone())
            })
        }
    }

    /// Marks a row's field as left (see [`FormCtx::message_at`]).
    pub fn touch_at(self, path: &str) {
        self.touched.update(|t| {
            t.insert(path.to_owned());
        });
        self.server_errors.update(|s| s.retain(|e| e.field != path));
    }

    /// Forgets what was said about row `i` of a repeated group (`contacts`) once it is
    /// removed, so that no message lands on the row taking its place: the row's fields are no
    /// longer touched and the later rows' marks move up one; the shell's errors on the group
    /// go (their text may name a row by its number).
    pub fn forget_row(self, group: &str, i: usize) {
        let prefix = format!("{group}.");
        let renumber = |field: &String| -> Option<String> {
            let Some(rest) = field.strip_prefix(&prefix) else {
                return Some(field.clone());
            };
            let (index, tail) = rest.split_once('.').unwrap_or((rest, ""));
            match index.parse::<usize>() {
                Ok(k) if k == i => None,
                Ok(k) if k > i && tail.is_empty() => Some(format!("{prefix}{}", k - 1)),
                Ok(k) if k > i => Some(format!("{prefix}{}.{tail}", k - 1)),
                _ => Some(field.clone()),
            }
        };
        self.touched
            .update(|t| *t = t.iter().filter_map(renumber).collect());
        self.server_errors
            .update(|s| s.retain(|e| !e.field.starts_with(&prefix)));
    }

    /// Whether the save may go: no error in the live report, no unreadable date.
    pub fn ready(self) -> bool {
        self.unreadable_dates.with_untracked(HashSet::is_empty)
            && self.report.with_untracked(|r| r.errors.is_empty())
    }

    pub(super) fn touch(self, path: &'static str) {
        self.touched.update(|t| {
            t.insert(path.to_owned());
        });
        self.server_errors.update(|s| s.retain(|e| e.field != path));
    }
}

/// The live report of a domain check that answers a `Result` (an establishment's or a
/// diagnostic's `validated`): its field errors, no warnings.
pub fn report_of<T>(result: Result<T, AppError>) -> Report {
    match result {
        Ok(_) => Report::default(),
        Err(AppError::Validation { errors }) => Report {
            errors,
            warnings: Vec::new(),
        },
        Err(other) => Report {
            errors: vec![FieldError::new("", other.user_message())],
            warnings: Vec::new(),
        },
    }
}
