//! The demo's indicators: the national core catalogue as the network publishes it, and 2024 values for the
//! demo centres of the Nord and the Pas-de-Calais. **The values are generated** — deterministic, plausible
//! after the reference figures of `shared/indicators/README.md` (a centre social: 5-40 FTE, €0.3-1.8M budget,
//! about a quarter of it from the CAF) — not any centre's real figures.

use pactes_domain::indicators::{
    CampaignContent, CampaignData, CampaignStatus, CentreValue, Indicator, IndicatorKind, Quantity, Unit,
};
use pactes_domain::record::Record;
use pactes_domain::{Actor, CentreId, FederationId, RepositoryError};

use crate::indicators::{NATIONAL_CATALOGUE, parse_catalogue, replace_catalogue_in, write_values};
use crate::tenant::insert_in;
use crate::write::Write;

/// The year the demo's values are for.
pub(super) const YEAR: i32 = 2024;

/// Stores the national catalogue; the indicators it holds.
pub(super) async fn catalogue(write: &Write) -> Result<Vec<Indicator>, RepositoryError> {
    let catalogue = parse_catalogue(NATIONAL_CATALOGUE)
        .map_err(|errors| crate::error::corrupt(format!("the shipped catalogue is invalid: {}", errors.join("; "))))?;
    replace_catalogue_in(write, &catalogue).await?;
    Ok(catalogue)
}

/// Plausible yearly values of the core's collected indicators for centres, deterministic from a seed: the
/// demo's, and the national-scale data set of the indicators benchmark. **Generated, not any centre's figures.**
pub struct ValueGenerator(u64);

impl ValueGenerator {
    pub fn new(seed: u64) -> ValueGenerator {
        ValueGenerator(seed)
    }

    fn between(&mut self, low: i64, high: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        low + ((self.0 >> 33) % (high - low + 1).max(1) as u64) as i64
    }

    /// One centre's generated values for `year` of the core's collected indicators, consistent among themselves
    /// (the FTE by function add up to the FTE; the incomes to the total income).
    pub fn centre_values(&mut self, centre: CentreId, catalogue: &[Indicator], year: i32) -> Vec<CentreValue> {
        let random = self;
        let units = |n: i64| n * 100;
        let income = units(random.between(300_000, 1_800_000));
        let share = |random: &mut ValueGenerator, low: i64, high: i64| income * random.between(low, high) / 100;
        let caf_ps = share(random, 15, 22);
        let caf_loc = share(random, 2, 6);
        let municipal = share(random, 20, 35);
        let departement = share(random, 3, 8);
        let region = share(random, 1, 3);
        let state = share(random, 4, 10);
        let users = share(random, 5, 12);
        let other = income - caf_ps - caf_loc - municipal - departement - region - state - users;
        let (pil, anim, tech) = (
            random.between(200, 450),
            random.between(300, 1_500),
            random.between(100, 500),
        );
        let mut values = Vec::new();
        for indicator in catalogue
            .iter()
            .filter(|i| i.core && i.kind == IndicatorKind::Collected)
        {
            let hundredths = match indicator.code.as_str() {
                "FIN_INC" => income,
                "FIN_EXP" => income * random.between(96, 104) / 100,
                "FIN_CAF_PS" => caf_ps,
                "FIN_CAF_LOC" => caf_loc,
                "FIN_MUN" => municipal,
                "FIN_DEP" => departement,
                "FIN_REG" => region,
                "FIN_STATE" => state,
                "FIN_USERS" => users,
                "FIN_OTHER" => other.max(0),
                "HR_FTE_PIL" => pil,
                "HR_FTE_ANIM" => anim,
                "HR_FTE_TECH" => tech,
                "HR_FTE" => pil + anim + tech,
                "HR_HEAD" => units((pil + anim + tech) * 3 / 200),
                "GOV_MEMBERS" => units(random.between(150, 1_500)),
                "GOV_BOARD" => units(random.between(10, 30)),
                "VOL_ACT" => units(random.between(20, 120)),
                "ACT_RIGHTS_INFO" => units(random.between(50, 2_000)),
                "ACT_RIGHTS_SUP" => units(random.between(20, 500)),
                "ACT_YOUTH" => units(random.between(20, 400)),
                _ if indicator.unit == Unit::Boolean => units(i64::from(random.between(0, 99) < 60)),
                _ => units(random.between(0, 50)),
            };
            let value = Quantity::from_hundredths(hundredths);
            if indicator.check_range(value).is_ok() {
                values.push(CentreValue {
                    centre,
                    code: indicator.code.clone(),
                    year,
                    value,
                });
            }
        }
        values
    }
}

/// The federation's 2024 campaign, open: the core's collected indicators, collected in early 2025.
async fn campaign(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    catalogue: &[Indicator],
) -> Result<(), RepositoryError> {
    let content = CampaignContent::collecting(YEAR, catalogue, true);
    let data = CampaignData {
        content,
        status: CampaignStatus::Open,
    };
    insert_in(write, actor, Record::create(federation, data)).await?;
    Ok(())
}

/// The federation's open 2024 campaign and its centres' generated values; how many values were written.
pub(super) async fn values(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    centres: &[CentreId],
    catalogue: &[Indicator],
    seed: u64,
) -> Result<usize, RepositoryError> {
    campaign(write, actor, federation, catalogue).await?;
    let mut random = ValueGenerator::new(seed);
    let values: Vec<CentreValue> = centres
        .iter()
        .flat_map(|c| random.centre_values(*c, catalogue, YEAR))
        .collect();
    write_values(write, federation, actor, catalogue, values, &|_| {}).await
}
