//! Enumerations with a stable code: the code is what the database stores and what the API's enumerations map
//! to. Every area declares its enumerations with [`coded_enum!`], so they all parse and print the same way.

/// A closed set of values, each with a stable, upper-case code.
pub trait Coded: Sized + Copy + 'static {
    const ALL: &'static [Self];

    fn code(self) -> &'static str;

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.code() == code)
    }
}

/// Declares an enumeration and its codes: `coded_enum!(Kind { A => "A", B => "B" })`.
macro_rules! coded_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $crate::coded::Coded for $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];

            fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        // Inherent shortcuts, so callers need not import the trait; not every enumeration uses all of them.
        #[allow(dead_code)]
        impl $name {
            pub const ALL: &'static [$name] = <$name as $crate::coded::Coded>::ALL;

            pub fn code(self) -> &'static str {
                $crate::coded::Coded::code(self)
            }

            pub fn from_code(code: &str) -> Option<$name> {
                <$name as $crate::coded::Coded>::from_code(code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use coded_enum;

#[cfg(test)]
mod tests {
    coded_enum!(Colour {
        Red => "RED",
        Blue => "BLUE",
    });

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for colour in Colour::ALL {
            assert_eq!(Colour::from_code(colour.code()), Some(*colour));
        }
        assert_eq!(Colour::from_code("red"), None);
        assert_eq!(Colour::Blue.to_string(), "BLUE");
    }
}
