//! The audit log table: appended to inside each write's transaction, read newest first.

mod entity;
mod repository;

pub(crate) use repository::append;
