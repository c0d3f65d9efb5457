//! Values rebuilt from storage. What a repository reads back was validated when it was written (and the
//! database's constraints keep it so): checking it again on every read cost a twentieth of a list's work.
//! Only storage rebuilds values this way; input always goes through `parse` and `validate`. Debug builds still
//! check every record read (see `pactes-persistence`), so the tests catch a stored form that would not validate.

/// A value object rebuilt, unchecked, from its stored form.
pub trait FromStored<Raw> {
    fn from_stored(stored: Raw) -> Self;
}

/// `FromStored<String>` for newtypes over their normalised text; invoked where the type is defined.
macro_rules! stored_as_text {
    ($($value:ty),+ $(,)?) => {
        $(impl $crate::stored::FromStored<String> for $value {
            fn from_stored(stored: String) -> Self {
                Self(stored)
            }
        })+
    };
}
pub(crate) use stored_as_text;
