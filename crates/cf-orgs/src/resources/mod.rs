//! What stays hand-written of the resources: the methods whose arguments the spec has no
//! parameter for (a name, a range, a `NewMember`, a `Profile`) or to which they give a default (the
//! audit log's window), the bodies' constructors, and the compound operations (`descendants`,
//! `create_all`, `move_all`). The handles, the other methods, the builders, their setters and the models are
//! generated (`handles.rs`, `builders.rs`, `setters.rs`, `models.rs`).

mod accounts;
mod audit_logs;
mod billable_usage;
mod create_all;
mod descendants;
pub(crate) mod members;
mod move_all;
pub(crate) mod organizations;
mod outcomes;
mod profile;

pub use audit_logs::{DEFAULT_WINDOW_DAYS, audit_window};
pub use create_all::{CreateAll, MemberOutcome, MemberOutcomes};
pub use members::{MAX_BATCH, NewMember};
pub use move_all::{MoveAll, MoveOutcome, MoveOutcomes};
pub use outcomes::Outcomes;
