//! The indicator catalogue: a national core (managed nationally, read-only to federations) and each
//! federation's own indicators. An indicator has a stable code, French and English labels, a category, a unit,
//! a valid range, whether centres report it (`COLLECTED`) or it is computed from inputs (`DERIVED`, never typed
//! in), and the rule by which values of many centres combine (`shared/indicators/README.md`).

use crate::coded::coded_enum;
use crate::text::Label;
use crate::validation::{ValidationErrors, Validator};

use super::quantity::{Quantity, Unit};

coded_enum!(
    Category {
        Territoire => "TERRITOIRE",
        Gouvernance => "GOUVERNANCE",
        Benevolat => "BENEVOLAT",
        Emploi => "EMPLOI",
        Finances => "FINANCES",
        Activites => "ACTIVITES",
        Partenariats => "PARTENARIATS",
    }
);

coded_enum!(
    IndicatorKind {
        /// A centre reports it.
        Collected => "COLLECTED",
        /// Computed from its inputs, never typed in.
        Derived => "DERIVED",
    }
);

coded_enum!(
    /// How the values of many centres combine, for one year.
    Rule {
        /// Σ over the reporting centres (derived from several inputs: per centre the sum of the inputs, then Σ
        /// over the centres that reported them all).
        Sum => "SUM",
        /// Σ ÷ the number of reporting centres.
        Mean => "MEAN",
        /// Σ A ÷ Σ B over the centres that reported both, in percent: never a mean of ratios.
        Ratio => "RATIO",
        /// Centres answering true ÷ centres answering, in percent.
        ShareTrue => "SHARE_TRUE",
    }
);

/// A stable indicator code: capitals, digits and underscores (`HR_FTE`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorCode(String);

impl IndicatorCode {
    pub fn parse(raw: &str) -> Result<IndicatorCode, String> {
        let raw = raw.trim();
        let valid = !raw.is_empty()
            && raw.len() <= 40
            && raw.starts_with(|c: char| c.is_ascii_uppercase())
            && raw
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if valid {
            Ok(IndicatorCode(raw.to_owned()))
        } else {
            Err(format!("{raw:?} is not a code (capitals, digits and _, e.g. HR_FTE)"))
        }
    }

    pub fn from_stored(code: String) -> IndicatorCode {
        IndicatorCode(code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for IndicatorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub code: IndicatorCode,
    pub label_fr: Label,
    pub label_en: Label,
    pub category: Category,
    pub unit: Unit,
    pub kind: IndicatorKind,
    pub rule: Rule,
    /// For a derived indicator: its inputs, in order (a ratio's numerator, then its denominator).
    pub inputs: Vec<IndicatorCode>,
    pub min: Option<Quantity>,
    pub max: Option<Quantity>,
    /// Part of the national core.
    pub core: bool,
}

/// An indicator as a catalogue file or an input writes it: text, checked by [`IndicatorDraft::validate`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndicatorDraft {
    pub code: String,
    pub label_fr: String,
    pub label_en: String,
    pub category: String,
    pub unit: String,
    pub kind: String,
    pub rule: String,
    pub inputs: Vec<String>,
    pub min: Option<String>,
    pub max: Option<String>,
    pub core: bool,
}

impl IndicatorDraft {
    /// The indicator, every invalid field reported by its name; inputs are checked against a catalogue by
    /// [`validate_catalogue`].
    pub fn validate(self) -> Result<Indicator, ValidationErrors> {
        let mut v = Validator::new();
        let code = v.check(&["code"], IndicatorCode::parse(&self.code));
        let label_fr = v.check(&["labelFr"], Label::parse(&self.label_fr));
        let label_en = v.check(&["labelEn"], Label::parse(&self.label_en));
        let category: Option<Category> = coded(&mut v, "category", &self.category);
        let unit: Option<Unit> = coded(&mut v, "unit", &self.unit);
        let kind: Option<IndicatorKind> = coded(&mut v, "kind", &self.kind);
        let rule: Option<Rule> = coded(&mut v, "rule", &self.rule);
        let inputs: Vec<Option<IndicatorCode>> = self
            .inputs
            .iter()
            .enumerate()
            .map(|(i, raw)| v.check(&["inputs", &i.to_string()], IndicatorCode::parse(raw)))
            .collect();
        let bound = |v: &mut Validator, field: &str, raw: &Option<String>| match (raw.as_deref().map(str::trim), unit) {
            (None | Some(""), _) => None,
            (Some(text), Some(unit)) => v.check(&[field], Quantity::parse(text, unit)),
            (Some(_), None) => None,
        };
        let min = bound(&mut v, "min", &self.min);
        let max = bound(&mut v, "max", &self.max);
        if let (Some(min), Some(max)) = (min, max)
            && max < min
        {
            v.invalid(&["max"], "the maximum is below the minimum");
        }
        if let (Some(kind), Some(rule)) = (kind, rule) {
            let inputs_count = self.inputs.len();
            match (kind, rule) {
                (IndicatorKind::Collected, Rule::Ratio) => {
                    v.invalid(&["rule"], "a ratio is derived from its two inputs, never collected")
                }
                (IndicatorKind::Collected, _) if inputs_count > 0 => {
                    v.invalid(&["inputs"], "a collected indicator has no inputs")
                }
                (IndicatorKind::Derived, Rule::Ratio) if inputs_count != 2 => v.invalid(
                    &["inputs"],
                    "a ratio has two inputs: the numerator, then the denominator",
                ),
                (IndicatorKind::Derived, Rule::Mean | Rule::ShareTrue) if inputs_count != 1 => {
                    v.invalid(&["inputs"], "a derived mean or share has one input")
                }
                (IndicatorKind::Derived, _) if inputs_count == 0 => {
                    v.invalid(&["inputs"], "a derived indicator names its inputs")
                }
                _ => {}
            }
        }
        if rule == Some(Rule::ShareTrue) && unit.is_some_and(|u| u != Unit::Boolean) {
            v.invalid(&["unit"], "a share of true answers is of a yes/no indicator");
        }
        v.finish(|| {
            Some(Indicator {
                code: code?,
                label_fr: label_fr?,
                label_en: label_en?,
                category: category?,
                unit: unit?,
                kind: kind?,
                rule: rule?,
                inputs: inputs.into_iter().collect::<Option<Vec<_>>>()?,
                min,
                max,
                core: self.core,
            })
        })
    }
}

/// The code `raw` of an enumeration, or an error on `field`.
fn coded<T: crate::coded::Coded>(v: &mut Validator, field: &str, raw: &str) -> Option<T> {
    let found = T::from_code(raw.trim());
    if found.is_none() {
        v.invalid(&[field], format!("{raw:?} is not a known {field}"));
    }
    found
}

impl Indicator {
    /// Whether `value` is within the indicator's range.
    pub fn check_range(&self, value: Quantity) -> Result<(), super::quantity::QuantityError> {
        use super::quantity::QuantityError;
        if let Some(min) = self.min
            && value < min
        {
            return Err(QuantityError::BelowMin(min.display(self.unit)));
        }
        if let Some(max) = self.max
            && value > max
        {
            return Err(QuantityError::AboveMax(max.display(self.unit)));
        }
        Ok(())
    }
}

/// Checks a catalogue as a whole: codes unique, and every derived indicator's inputs in the catalogue, each
/// collected or itself a sum of collected ones (`FIN_SH_CAF` = `FIN_CAF_TOTAL` ÷ `FIN_INC`, where
/// `FIN_CAF_TOTAL` = `FIN_CAF_PS` + `FIN_CAF_LOC`); a ratio or mean is never an input. Errors name the code.
pub fn validate_catalogue(indicators: &[Indicator]) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    let find = |code: &IndicatorCode| indicators.iter().find(|other| &other.code == code);
    for (i, indicator) in indicators.iter().enumerate() {
        if indicators[..i].iter().any(|other| other.code == indicator.code) {
            errors.push(format!("{}: the code is used twice", indicator.code));
        }
        for input in &indicator.inputs {
            match find(input) {
                None => errors.push(format!("{}: its input {input} is not in the catalogue", indicator.code)),
                Some(other) if other.kind == IndicatorKind::Collected => {}
                Some(other)
                    if other.rule == Rule::Sum
                        && other
                            .inputs
                            .iter()
                            .all(|c| find(c).is_some_and(|f| f.kind == IndicatorKind::Collected)) => {}
                Some(_) => errors.push(format!(
                    "{}: its input {input} is neither collected nor a sum of collected indicators",
                    indicator.code
                )),
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// What an indicator's value for one centre is made of: the collected codes whose values add up to its
/// numerator, and for a ratio to its denominator. A centre counts only if it reported every one of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Components {
    pub numerator: Vec<IndicatorCode>,
    pub denominator: Vec<IndicatorCode>,
}

impl Indicator {
    /// The indicator's components, its derived inputs expanded through `catalogue` (checked by
    /// [`validate_catalogue`]).
    pub fn components(&self, catalogue: &[Indicator]) -> Components {
        let expand = |code: &IndicatorCode| -> Vec<IndicatorCode> {
            match catalogue.iter().find(|i| &i.code == code) {
                Some(found) if found.kind == IndicatorKind::Derived => found.inputs.clone(),
                _ => vec![code.clone()],
            }
        };
        match (self.kind, self.rule) {
            (IndicatorKind::Collected, _) => Components {
                numerator: vec![self.code.clone()],
                denominator: Vec::new(),
            },
            (IndicatorKind::Derived, Rule::Ratio) => Components {
                numerator: self.inputs.first().map(expand).unwrap_or_default(),
                denominator: self.inputs.get(1).map(expand).unwrap_or_default(),
            },
            (IndicatorKind::Derived, _) => Components {
                numerator: self.inputs.iter().flat_map(expand).collect(),
                denominator: Vec::new(),
            },
        }
    }
}
