//! The values spreadsheet reader (uploads and the command line): any bytes are read or refused, never more
//! cells than the limit, no cell longer than the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactes_api::spreadsheet::{MAX_CELL_BYTES, MAX_CELLS, read_value_cells};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(cells) = read_value_cells(bytes) {
        assert!(cells.len() <= MAX_CELLS);
        for cell in &cells {
            assert!(cell.centre.len() <= MAX_CELL_BYTES && cell.indicator.len() <= MAX_CELL_BYTES);
        }
    }
});
