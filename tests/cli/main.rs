//! Integration tests: the real binary, run with a clean environment, one module per subcommand.

mod contact;
mod formats;
mod list;
mod meta;
mod show;
mod support;
