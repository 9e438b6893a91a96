//! The rules of the protection at rest that the UI applies as the user types and the storage
//! layer applies before it writes: how strong a passphrase is, what a recovery key looks like,
//! how long the app waits before locking.

use serde::{Deserialize, Serialize};

/// Fewest characters a passphrase may have.
pub const PASSPHRASE_MIN_CHARS: usize = 12;
/// Most characters a passphrase may have (Argon2 reads all of it; a limit keeps typing errors
/// and pasted files out).
pub const PASSPHRASE_MAX_CHARS: usize = 256;
/// Estimated strength (bits) below which a passphrase is refused.
pub const PASSPHRASE_MIN_BITS: u32 = 50;

/// Idle minutes before the window locks, by default and at most.
pub const IDLE_LOCK_DEFAULT_MINUTES: u32 = 10;
pub const IDLE_LOCK_MAX_MINUTES: u32 = 240;

/// How strong a passphrase is, as the set-up form shows it while it is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    TooShort,
    Weak,
    Fair,
    Strong,
}

/// A passphrase's estimated strength and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PassphraseCheck {
    pub strength: Strength,
    /// Estimated bits of entropy (a rough, conservative figure).
    pub bits: u32,
    /// French advice (« Ajoutez un mot… »); empty when strong.
    pub advice: String,
}

impl PassphraseCheck {
    /// Whether the passphrase may be used.
    pub fn accepted(&self) -> bool {
        matches!(self.strength, Strength::Fair | Strength::Strong)
    }
}

/// Estimates a passphrase's strength: the size of the alphabet it draws from times its length,
/// discounted for repeated characters and runs (« aaaa », « 1234 », « azerty »). Conservative on
/// purpose: a sentence of four or five ordinary words passes, a short password does not.
pub fn check_passphrase(passphrase: &str) -> PassphraseCheck {
    let chars: Vec<char> = passphrase.chars().collect();
    if chars.len() < PASSPHRASE_MIN_CHARS {
        return PassphraseCheck {
            strength: Strength::TooShort,
            bits: 0,
            advice: format!(
                "Au moins {PASSPHRASE_MIN_CHARS} caractères : une phrase de quatre ou cinq mots est facile à retenir (ex. « le merle chante sur le toit à Sarrebourg »)."
            ),
        };
    }
    if chars.len() > PASSPHRASE_MAX_CHARS {
        return PassphraseCheck {
            strength: Strength::Weak,
            bits: 0,
            advice: format!("Au plus {PASSPHRASE_MAX_CHARS} caractères."),
        };
    }
    let lower = chars.iter().any(|c| c.is_lowercase());
    let upper = chars.iter().any(|c| c.is_uppercase());
    let digit = chars.iter().any(|c| c.is_ascii_digit());
    let space = chars.iter().any(|c| c.is_whitespace());
    let other = chars
        .iter()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace());
    let accented = chars.iter().any(|c| c.is_alphabetic() && !c.is_ascii());
    let alphabet = 26 * u32::from(lower)
        + 26 * u32::from(upper)
        + 10 * u32::from(digit)
        + u32::from(space)
        + 20 * u32::from(other)
        + 20 * u32::from(accented);
    // Characters that repeat the previous one or continue a run add almost nothing.
    let mut effective = 0.0_f64;
    for (i, c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let step = prev.map(|p| (*c as i64) - (p as i64));
        effective += match step {
            Some(0) => 0.1,
            Some(1 | -1) => 0.4,
            _ => 1.0,
        };
    }
    let common = [
        "azerty",
        "qwerty",
        "motdepasse",
        "password",
        "passerelle",
        "123456",
    ];
    let folded = passphrase.to_lowercase();
    let penalty = common.iter().filter(|w| folded.contains(*w)).count() as f64 * 6.0;
    let per_char = f64::from(alphabet.max(2)).log2();
    // A long phrase of lowercase words is worth about 2.3 bits a character, not log2(27).
    let per_char = if space && !upper && !digit && !other {
        per_char.min(2.5)
    } else {
        per_char
    };
    let bits = ((effective - penalty).max(0.0) * per_char).round() as u32;
    let (strength, advice) = if bits < PASSPHRASE_MIN_BITS {
        (
            Strength::Weak,
            "Trop facile à deviner : ajoutez un ou deux mots, ou mêlez majuscules, chiffres et signes.",
        )
    } else if bits < 80 {
        (
            Strength::Fair,
            "Correcte ; un mot de plus la rendrait solide.",
        )
    } else {
        (Strength::Strong, "")
    };
    PassphraseCheck {
        strength,
        bits,
        advice: advice.to_owned(),
    }
}

/// The alphabet of recovery keys: Crockford's base 32 (no I, L, O, U — nothing to misread).
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// A recovery key is 160 bits: 32 characters, shown in 8 groups of 4.
pub const RECOVERY_KEY_BYTES: usize = 20;

/// Writes 20 random bytes as a recovery key: « 7K3Q-9ZD2-… » (8 groups of 4).
pub fn format_recovery_key(bytes: &[u8; RECOVERY_KEY_BYTES]) -> String {
    let mut bits: u64 = 0;
    let mut held = 0;
    let mut out = String::with_capacity(39);
    let mut n = 0;
    for &b in bytes {
        bits = (bits << 8) | u64::from(b);
        held += 8;
        while held >= 5 {
            held -= 5;
            let index = ((bits >> held) & 31) as usize;
            if n > 0 && n % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(RECOVERY_ALPHABET[index]));
            n += 1;
        }
    }
    out
}

/// Reads a recovery key as typed: dashes and spaces ignored, any case, O read as 0 and I or L
/// as 1. `Err` says what is wrong, in French.
pub fn parse_recovery_key(text: &str) -> Result<[u8; RECOVERY_KEY_BYTES], String> {
    let mut bits: u64 = 0;
    let mut held = 0;
    let mut out = Vec::with_capacity(RECOVERY_KEY_BYTES);
    let mut count = 0;
    for c in text.chars() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        let Some(value) = RECOVERY_ALPHABET.iter().position(|&a| char::from(a) == c) else {
            return Err(format!(
                "Clé de secours : le caractère « {c} » n’en fait pas partie ; recopiez-la depuis le kit de secours."
            ));
        };
        count += 1;
        bits = (bits << 5) | value as u64;
        held += 5;
        if held >= 8 {
            held -= 8;
            out.push(((bits >> held) & 0xff) as u8);
        }
    }
    if count != RECOVERY_KEY_BYTES * 8 / 5 {
        return Err(format!(
            "Clé de secours : {} caractères attendus (8 groupes de 4), {count} lus.",
            RECOVERY_KEY_BYTES * 8 / 5
        ));
    }
    out.try_into()
        .map_err(|_| "Clé de secours illisible.".to_owned())
}

/// The idle time before locking, in minutes, within its bounds (0: never).
pub fn clamp_idle_minutes(minutes: u32) -> u32 {
    minutes.min(IDLE_LOCK_MAX_MINUTES)
}

/// Where the app stands before it can show any data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockState {
    /// First launch: choose a passphrase (a new database is created protected).
    Setup,
    /// A database from before encryption: choose a passphrase, then it is encrypted in place.
    Migrate,
    /// Protected and locked: enter the passphrase (or use the recovery key).
    Locked,
    /// Unlocked: the data is shown.
    Unlocked,
}

/// What Settings › Sécurité and the lock screens show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityStatus {
    pub state: LockState,
    /// Minutes without activity before the window locks (0: never), as set.
    pub idle_lock_minutes: u32,
    /// The delay the window applies, in seconds (the setting, or a shorter one in automated
    /// tests); 0: never.
    pub idle_lock_seconds: u32,
    /// Argon2id memory (MiB) and passes of the passphrase; weak: test parameters.
    pub kdf_memory_mib: u32,
    pub kdf_iterations: u32,
    pub kdf_weak: bool,
    /// When the recovery kit in use was issued (RFC 3339).
    pub recovery_issued_at: Option<String>,
    pub backup_dir: Option<String>,
    pub backup_keep: u32,
    pub last_backup_at: Option<String>,
    pub last_backup_path: Option<String>,
    /// Whether the OS keyring unlocks the app with the session (not offered yet: always false).
    pub keyring: bool,
}

/// Days after the last backup when the status line warns.
pub const BACKUP_WARNING_DAYS: i64 = 7;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passphrases_are_refused_sentences_pass() {
        assert_eq!(check_passphrase("Azerty1!").strength, Strength::TooShort);
        assert!(!check_passphrase("azertyazerty").accepted());
        assert!(!check_passphrase("aaaaaaaaaaaaaaaa").accepted());
        assert!(!check_passphrase("123456789012").accepted());
        assert!(check_passphrase("le merle chante sur le toit").accepted());
        assert_eq!(
            check_passphrase("Le merle chante à 7 h sur le toit de Sarrebourg !").strength,
            Strength::Strong
        );
    }

    #[test]
    fn a_recovery_key_reads_back_whatever_its_spelling() {
        let bytes: [u8; RECOVERY_KEY_BYTES] = core::array::from_fn(|i| (i * 37 + 11) as u8);
        let key = format_recovery_key(&bytes);
        assert_eq!(key.len(), 39, "{key}");
        assert_eq!(key.matches('-').count(), 7);
        assert_eq!(parse_recovery_key(&key).unwrap(), bytes);
        let typed = key.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(parse_recovery_key(&typed).unwrap(), bytes);
        assert!(
            parse_recovery_key("ABCD-EFGH")
                .unwrap_err()
                .contains("32 caractères")
        );
        assert!(
            parse_recovery_key("ABCD-EFG#")
                .unwrap_err()
                .contains("« # »")
        );
    }
}
