//! Integration tests: the real binary, run with a clean environment, one module per subcommand.

mod batch;
mod browse;
mod chinese;
mod complexity;
mod contact;
mod data;
mod documents;
mod formats;
mod hostile;
mod import;
mod jq;
mod judged;
mod judged_chinese;
mod list;
mod meta;
mod properties;
mod readme;
mod schemas;
mod search;
mod show;
mod support;
