//! Métiers en péril / en devenir: a label per trade (ROME) and territory, dated and signed by
//! the coordinator who decided it, with the evidence it rests on. The app suggests a label from
//! the evidence — diagnostics, hiring needs, the ROME 4.0 transition flags — and says why; the
//! coordinator confirms or changes it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Outlook;
use crate::error::AppError;
use crate::rome::TransitionFlags;
use crate::validate::bounds;

/// What is known of a trade in a territory.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// Lines of the establishments' latest diagnostics for this trade.
    pub diagnostic_lines: u32,
    pub headcount: u32,
    pub at_risk: u32,
    pub lines_peril: u32,
    pub lines_mutation: u32,
    pub lines_devenir: u32,
    /// Posts of the open hiring needs.
    pub open_posts: u32,
    pub needs: u32,
    /// The ROME 4.0 flags of the trade (none for a code the reference does not know).
    pub transitions: Option<TransitionFlags>,
}

/// A suggested label and its reasons, one French sentence each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub outlook: Outlook,
    pub reasons: Vec<String>,
}

/// Share of a trade's employees at risk from which it is suggested « en péril ».
pub const PERIL_SHARE_PERCENT: u32 = 20;

fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        (u64::from(part) * 100 / u64::from(whole)) as u32
    }
}

/// The label the evidence points to. Jobs at risk that outnumber the posts to fill point to
/// « en péril »; posts that outnumber them, to « en devenir »; changing skills without a clear
/// balance, to « en mutation ».
pub fn suggest(e: &Evidence) -> Suggestion {
    let mut reasons = Vec::new();
    let share = percent(e.at_risk, e.headcount);
    if e.diagnostic_lines > 0 {
        reasons.push(format!(
            "{} salarié{} exposé{} sur {} ({share} %) dans {} ligne{} de diagnostic",
            e.at_risk,
            plural(e.at_risk),
            plural(e.at_risk),
            e.headcount,
            e.diagnostic_lines,
            plural(e.diagnostic_lines)
        ));
    }
    if e.needs > 0 {
        reasons.push(format!(
            "{} poste{} à pourvoir ({} besoin{} ouvert{})",
            e.open_posts,
            plural(e.open_posts),
            e.needs,
            plural(e.needs),
            plural(e.needs)
        ));
    }
    let mut green = false;
    let mut brown = false;
    let mut changing = false;
    if let Some(t) = e.transitions {
        green = t.appellations > 0 && t.green_appellations * 2 >= t.appellations;
        brown = t.appellations > 0 && t.brown_appellations * 2 >= t.appellations;
        changing =
            t.competences > 0 && (t.eco_competences + t.digital_competences) * 4 >= t.competences;
        if green {
            reasons.push(format!(
                "ROME 4.0 : {} appellation{} sur {} classée{} « emploi vert ou verdissant »",
                t.green_appellations,
                plural(t.green_appellations),
                t.appellations,
                plural(t.green_appellations)
            ));
        }
        if brown {
            reasons.push(format!(
                "ROME 4.0 : {} appellation{} sur {} classée{} « emploi brun »",
                t.brown_appellations,
                plural(t.brown_appellations),
                t.appellations,
                plural(t.brown_appellations)
            ));
        }
        if changing {
            reasons.push(format!(
                "ROME 4.0 : {} compétence{} sur {} touchée{} par la transition écologique ou numérique",
                t.eco_competences + t.digital_competences,
                plural(t.eco_competences + t.digital_competences),
                t.competences,
                plural(t.eco_competences + t.digital_competences)
            ));
        }
    }
    let outlook = if e.at_risk > e.open_posts
        && (share >= PERIL_SHARE_PERCENT || e.lines_peril * 2 > e.diagnostic_lines || brown)
    {
        Outlook::Peril
    } else if e.open_posts > e.at_risk && (e.open_posts >= 3 || e.lines_devenir > 0 || green) {
        Outlook::Devenir
    } else if e.lines_mutation > 0 || changing || e.at_risk > 0 {
        Outlook::Mutation
    } else {
        Outlook::Stable
    };
    if reasons.is_empty() {
        reasons.push(
            "aucun diagnostic ni besoin de recrutement pour ce métier sur le territoire".into(),
        );
    }
    Suggestion { outlook, reasons }
}

fn plural(n: u32) -> &'static str {
    if n > 1 { "s" } else { "" }
}

/// A label decided by a coordinator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TradeLabel {
    pub rome: String,
    pub territory: String,
    pub outlook: Outlook,
    pub decided_on: NaiveDate,
    pub signed_by: String,
    pub comment: String,
    /// The evidence as it was when the label was decided, and what the app suggested then.
    pub evidence: Evidence,
    pub suggested: Outlook,
}

/// A coordinator's decision, before it is dated, signed and given its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelInput {
    pub rome: String,
    pub territory: String,
    pub outlook: Outlook,
    #[serde(default)]
    pub comment: String,
}

impl LabelInput {
    /// The input with its ROME normalised; a label that departs from the suggestion needs a
    /// comment saying why (the committee will ask).
    pub fn validated(mut self, suggested: Outlook) -> Result<Self, AppError> {
        self.rome =
            crate::validate::validate_rome(&self.rome).map_err(|m| AppError::invalid("rome", m))?;
        self.comment = self.comment.trim().to_owned();
        bounds::check_text("Commentaire", &self.comment, bounds::OPINION_MAX)
            .map_err(|m| AppError::invalid("comment", m))?;
        if self.outlook != suggested && self.comment.is_empty() {
            return Err(AppError::invalid(
                "comment",
                format!(
                    "Commentaire : le libellé choisi (« {} ») diffère de la suggestion (« {} ») ; dites pourquoi en une phrase.",
                    self.outlook.label(),
                    suggested.label()
                ),
            ));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_at_risk_than_posts_suggests_peril_with_its_reasons() {
        let s = suggest(&Evidence {
            diagnostic_lines: 2,
            headcount: 60,
            at_risk: 18,
            lines_peril: 2,
            open_posts: 2,
            needs: 1,
            ..Evidence::default()
        });
        assert_eq!(s.outlook, Outlook::Peril);
        assert_eq!(
            s.reasons,
            [
                "18 salariés exposés sur 60 (30 %) dans 2 lignes de diagnostic",
                "2 postes à pourvoir (1 besoin ouvert)"
            ]
        );
    }

    #[test]
    fn posts_to_fill_suggest_devenir_and_nothing_suggests_stable() {
        let devenir = suggest(&Evidence {
            open_posts: 7,
            needs: 3,
            ..Evidence::default()
        });
        assert_eq!(devenir.outlook, Outlook::Devenir);
        let none = suggest(&Evidence::default());
        assert_eq!(none.outlook, Outlook::Stable);
        assert!(none.reasons[0].starts_with("aucun diagnostic"));
    }

    #[test]
    fn departing_from_the_suggestion_needs_a_comment() {
        let input = LabelInput {
            rome: "h2913".into(),
            territory: "warndt-naborien".into(),
            outlook: Outlook::Devenir,
            comment: " ".into(),
        };
        assert!(input.clone().validated(Outlook::Peril).is_err());
        assert_eq!(input.validated(Outlook::Devenir).unwrap().rome, "H2913");
    }
}
