//! Integration tests: the real binary, run with a clean environment, one module per subcommand.

mod contact;
mod data;
mod formats;
mod judged;
mod list;
mod meta;
mod search;
mod show;
mod support;
