//! ncstb: query the main functions of the Science and Technology Bureau of Nanchang City, or
//! any dataset of agencies' duties in the same schema.
//!
//! `main` parses arguments and calls [`app::run`]; `app` turns them into plain values and calls
//! `search` and `output`, which depend on `dataset` and nothing above it.
#![forbid(unsafe_code)]

pub mod app;
pub mod batch;
pub mod browse;
pub mod cli;
pub mod dataset;
pub mod error;
pub mod exit;
pub mod ids;
pub mod import;
pub mod jq;
pub mod man;
pub mod output;
pub mod pager;
pub mod record;
pub mod sanitize;
pub mod schemas;
pub mod search;
pub mod wording;
