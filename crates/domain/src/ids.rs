//! Identifiers of stored records, one type each: swapping a meeting's id and a case's id in a
//! call does not compile. On the wire and in the database they are plain integers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map(Self)
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                Self(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    )*};
}

ids![
    /// A case file (dossier).
    CaseId,
    /// A committee meeting (séance de comité).
    MeetingId,
    /// A certification exam session or jury (session d’examen).
    ExamSessionId,
    /// A candidate's enrolment in a certification.
    EnrolmentId,
    /// A document kept for a case.
    DocumentId,
    /// An interview (entretien) of a case.
    InterviewId,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_integers_on_the_wire() {
        assert_eq!(serde_json::to_string(&CaseId(42)).unwrap(), "42");
        assert_eq!(
            serde_json::from_str::<MeetingId>("7").unwrap(),
            MeetingId(7)
        );
        assert_eq!(CaseId(12).to_string(), "12");
        assert_eq!(" 5 ".parse::<EnrolmentId>().unwrap(), EnrolmentId(5));
    }
}
