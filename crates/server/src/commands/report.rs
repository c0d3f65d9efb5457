//! What an import shows the person running it: a progress bar, and the bad rows when there are any.

use indicatif::ProgressStyle;
use pactes_domain::conventions::RowError;

/// The first hundred errors, as the upload reports them, and how many there are.
pub(super) fn report(errors: &[RowError]) -> String {
    const SHOWN: usize = 100;
    let mut text = format!("{} bad row(s); nothing was imported:\n", errors.len());
    for e in errors.iter().take(SHOWN) {
        text.push_str(&format!("  {e}\n"));
    }
    if errors.len() > SHOWN {
        text.push_str(&format!("  … and {} more\n", errors.len() - SHOWN));
    }
    text
}

/// The progress bar of every import.
pub(super) fn progress_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}
