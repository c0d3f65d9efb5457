//! How people's pages write dates: the French way, `31/12/2026`.

pub(crate) fn date(day: chrono::NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}
