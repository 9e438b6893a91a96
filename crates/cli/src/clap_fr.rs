//! The command line in French. clap writes its help headings, its built-in `--help` and
//! `--version` flags and its error messages in English; this module replaces each: a help
//! template with French headings, our own help and version flags, a French usage line, and
//! [`error_message`] for every kind of parse error.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

const TEMPLATE: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// Applies the French help to `cmd` and all its subcommands. `path` is the command as typed
/// (`passerelle case add`).
pub fn french(cmd: Command) -> Command {
    let path = cmd.get_name().to_owned();
    frenchify(cmd, &path, true)
}

fn frenchify(cmd: Command, path: &str, root: bool) -> Command {
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .next_help_heading("Options")
        // Defaults and possible values are written in each help text, in French.
        .mut_args(|a| {
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        })
        .arg(
            Arg::new("aide")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche cette aide"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        );
    }
    let usage = usage(&cmd, path);
    cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(&name, |s| frenchify(s, &sub_path, false));
    }
    cmd
}

/// `passerelle case list [options]`, `passerelle session add [options] <ID> <CASES>...`.
fn usage(cmd: &Command, path: &str) -> String {
    let mut parts = vec![path.to_owned()];
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        parts.push("[options]".to_owned());
    }
    for a in cmd.get_positionals() {
        let name = a
            .get_value_names()
            .and_then(|n| n.first())
            .map_or_else(|| a.get_id().as_str().to_uppercase(), |n| n.to_string());
        let many = matches!(a.get_action(), ArgAction::Append)
            || a.get_num_args().is_some_and(|r| r.max_values() > 1);
        let dots = if many { "..." } else { "" };
        parts.push(if a.is_required_set() {
            format!("<{name}>{dots}")
        } else {
            format!("[{name}]{dots}")
        });
    }
    if cmd.has_subcommands() {
        parts.push("<COMMANDE>".to_owned());
    }
    parts.join(" ")
}

fn context(err: &clap::Error, kind: ContextKind) -> Option<&ContextValue> {
    err.get(kind)
}

fn text(value: Option<&ContextValue>) -> String {
    match value {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A parse error in French, naming the option or value at fault and what would be right.
pub fn error_message(err: &clap::Error) -> String {
    let arg = text(context(err, ContextKind::InvalidArg));
    let value = text(context(err, ContextKind::InvalidValue));
    let valid = text(context(err, ContextKind::ValidValue));
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(|k| text(context(err, k)))
    .find(|s| !s.is_empty())
    .map(|s| format!(" ; vouliez-vous dire « {s} » ?"))
    .unwrap_or_default();
    let possible = if valid.is_empty() {
        String::new()
    } else {
        format!(" ; valeurs possibles : {valid}")
    };
    match err.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("{arg} : une valeur est attendue{possible}")
        }
        ErrorKind::InvalidValue => {
            format!("{arg} : valeur « {value} » invalide{possible}{suggestion}")
        }
        ErrorKind::ValueValidation => {
            // Our value parsers word their own reasons in French.
            let reason = std::error::Error::source(err)
                .map(ToString::to_string)
                .unwrap_or_else(|| "valeur invalide".to_owned());
            format!("{arg} : {reason}")
        }
        ErrorKind::UnknownArgument => {
            format!("option ou argument inattendu « {arg} »{suggestion}")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = text(context(err, ContextKind::InvalidSubcommand));
            format!("commande inconnue « {sub} »{suggestion}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("argument obligatoire manquant : {arg}")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "commande manquante".to_owned()
        }
        ErrorKind::TooManyValues => format!("{arg} : trop de valeurs (« {value} » en trop)"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} : nombre de valeurs incorrect")
        }
        ErrorKind::ArgumentConflict => {
            let prior = text(context(err, ContextKind::PriorArg));
            format!("{arg} ne peut pas s’employer avec {prior}")
        }
        ErrorKind::NoEquals => format!("{arg} : écrivez la valeur après « = »"),
        ErrorKind::InvalidUtf8 => "un argument n’est pas du texte UTF-8 valide".to_owned(),
        _ => "ligne de commande invalide".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli() -> Command {
        french(
            Command::new("passerelle")
                .version("1.0")
                .about("Passerelle en ligne de commande")
                .subcommand(
                    Command::new("deadlines").arg(
                        Arg::new("days")
                            .long("days")
                            .value_parser(clap::value_parser!(u32))
                            .help("Jours à venir"),
                    ),
                )
                .subcommand(
                    Command::new("check").arg(
                        Arg::new("kind")
                            .required(true)
                            .value_parser(["nir", "siren", "siret"]),
                    ),
                ),
        )
    }

    fn error(args: &[&str]) -> String {
        let err = cli().try_get_matches_from(args).unwrap_err();
        error_message(&err)
    }

    #[test]
    fn help_has_french_headings_and_flags() {
        let help = cli().render_help().to_string();
        assert!(
            help.contains("Utilisation : passerelle [options] <COMMANDE>"),
            "{help}"
        );
        assert!(help.contains("Commandes"), "{help}");
        assert!(help.contains("Affiche cette aide"), "{help}");
        assert!(!help.contains("Usage") && !help.contains("Print"), "{help}");
    }

    #[test]
    fn errors_are_french() {
        assert_eq!(
            error(&["passerelle", "check", "iban"]),
            "<kind> : valeur « iban » invalide ; valeurs possibles : nir, siren, siret"
        );
        assert!(error(&["passerelle", "deadline"]).starts_with("commande inconnue « deadline »"));
        assert!(
            error(&["passerelle", "deadlines", "--days", "beaucoup"])
                .starts_with("--days <days> :")
        );
        assert!(error(&["passerelle", "check"]).starts_with("argument obligatoire manquant"));
        assert!(
            error(&["passerelle", "deadlines", "--jours", "3"])
                .starts_with("option ou argument inattendu « --jours »")
        );
    }
}
