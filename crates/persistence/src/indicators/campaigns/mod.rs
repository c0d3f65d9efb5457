//! Campaigns as tenant records (their indicators as parts), and centres' submissions.

mod entity;
mod parts;
mod record;
mod repository;

pub(super) use repository::{
    campaigns_of, check_values_open, completeness, create, put_submissions, submissions_of, transition,
    transition_submission,
};
