//! Validated, normalised values of the directory. Each type can only hold a valid value: constructors parse,
//! fields are private, and `as_str` gives the stored form back.

mod email;
mod insee;
mod phone;
mod postal_code;
mod siret;
mod website;

pub use email::{Email, EmailError};
pub use insee::{DepartementCode, DepartementCodeError, InseeCode, InseeCodeError};
pub use phone::{PhoneError, PhoneNumber};
pub use postal_code::{PostalCode, PostalCodeError};
pub use siret::{Siret, SiretError};
pub use website::{Website, WebsiteError};
