//! Namespaces: each has its own world, journal, faults, clock and rate-limit
//! counts, chosen per request by the `X-Mock-Namespace` header, so that test
//! suites running in parallel against one server never see each other.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::http::StatusCode;

use crate::clock::Clock;
use crate::document::{self, DocError, Document, Loaded, ServerState};
use crate::envelope::Failure;
use crate::faults::FaultPlan;
use crate::journal::Journal;
use crate::rate_limit::{Limiter, Quota};
use crate::world::World;

/// The namespace of requests without the header.
pub const DEFAULT: &str = "default";

/// Locks a mutex, a poisoned one too: a panicking handler must not take the server down with it.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// What a new namespace starts with.
#[derive(Debug, Clone)]
pub struct Template {
    pub seed: u64,
    pub faults: FaultPlan,
    pub quota: Option<Quota>,
    pub journal_cap: usize,
    /// Keep answers' bodies in the journal.
    pub record_bodies: bool,
}

impl Template {
    /// The seed of a namespace's ids and draws. The default namespace draws from the seed
    /// itself, so that a run without namespaces is the run it always was; the others from the
    /// seed and their name.
    pub fn seed_of(&self, name: &str) -> u64 {
        if name == DEFAULT { self.seed } else { self.seed ^ fnv(name) }
    }
}

/// One namespace.
#[derive(Debug)]
pub struct Space {
    pub name: String,
    pub world: Mutex<World>,
    pub faults: Mutex<FaultPlan>,
    pub fault_rng: Mutex<fastrand::Rng>,
    pub journal: Mutex<Journal>,
    pub limiter: Mutex<Limiter>,
    pub clock: Mutex<Clock>,
    pub record_bodies: bool,
}

impl Space {
    fn new(name: &str, t: &Template) -> Self {
        let seed = t.seed_of(name);
        Self {
            name: name.to_string(),
            world: Mutex::new(World::new(seed)),
            faults: Mutex::new(t.faults.clone()),
            fault_rng: Mutex::new(fastrand::Rng::with_seed(seed ^ 0xfa17)),
            journal: Mutex::new(Journal::new(t.journal_cap)),
            limiter: Mutex::new(Limiter::new(t.quota)),
            clock: Mutex::new(Clock::default()),
            record_bodies: t.record_bodies,
        }
    }

    pub fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        lock(&self.clock).now()
    }

    /// The namespace's clock to full precision (rate-limit windows).
    pub fn instant(&self) -> chrono::DateTime<chrono::Utc> {
        lock(&self.clock).instant()
    }
}

/// A namespace's state made from a document, checked, ready to swap in.
pub struct Prepared {
    world: World,
    faults: Option<FaultPlan>,
    clock: Option<Clock>,
    pub loaded: Loaded,
}

impl Space {
    /// Adds fixtures to the world: all of them or, when any does not fit or the namespace would
    /// hold more than `max_objects`, none.
    pub fn load(&self, doc: Document, max_objects: usize) -> Result<Loaded, DocError> {
        let now = self.now();
        let mut world = self.world();
        let mut copy = world.clone();
        let loaded = document::load(doc, &mut copy, now)?;
        check_cap(&self.name, &copy, max_objects)?;
        *world = copy;
        Ok(loaded)
    }

    /// The namespace's whole state, every field filled in.
    pub fn export(&self) -> Document {
        let clock = *lock(&self.clock);
        let faults = lock(&self.faults).to_string();
        document::export(&self.world(), clock, faults)
    }

    /// A state for this namespace, checked but not yet in force.
    pub fn prepare(&self, mut doc: Document, seed: u64, max_objects: usize) -> Result<Prepared, DocError> {
        let faults = match doc.faults.take() {
            Some(text) => Some(text.parse::<FaultPlan>().map_err(|message| DocError {
                pointer: "/faults".into(),
                message,
                full: false,
            })?),
            None => None,
        };
        let clock = doc.clock.take();
        let mut world = World::new(seed);
        let now = clock.unwrap_or_default().now();
        let loaded = document::load(doc, &mut world, now)?;
        check_cap(&self.name, &world, max_objects)?;
        Ok(Prepared { world, faults, clock, loaded })
    }

    /// Puts a prepared state in force.
    pub fn apply(&self, prepared: Prepared) {
        *self.world() = prepared.world;
        if let Some(plan) = prepared.faults {
            *lock(&self.faults) = plan;
        }
        if let Some(clock) = prepared.clock {
            *lock(&self.clock) = clock;
        }
    }
}

fn check_cap(name: &str, world: &World, max_objects: usize) -> Result<(), DocError> {
    if world.objects() <= max_objects {
        return Ok(());
    }
    Err(DocError {
        pointer: String::new(),
        message: format!(
            "namespace {name:?} would hold {} objects, over its maximum of {max_objects}",
            world.objects()
        ),
        full: true,
    })
}

/// FNV-1a: stable across runs and platforms.
pub fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Why a namespace cannot be had.
#[derive(Debug)]
pub enum Refused {
    /// The name is not 1 to 64 of `A-Z a-z 0-9 . _ -`.
    BadName(String),
    /// The server holds as many namespaces as it may.
    Full(usize),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::BadName(name) => {
                write!(
                    f,
                    "{}: {name:?} is not a namespace name (1 to 64 of A-Z a-z 0-9 . _ -)",
                    crate::NAMESPACE_HEADER
                )
            }
            Refused::Full(max) => {
                write!(f, "the mock holds its maximum of {max} namespaces: reset one (POST /__mock/reset) first")
            }
        }
    }
}

impl From<Refused> for Failure {
    fn from(r: Refused) -> Self {
        match r {
            Refused::BadName(_) => Failure::new(StatusCode::BAD_REQUEST, 1004, r.to_string()),
            Refused::Full(_) => Failure::new(StatusCode::INSUFFICIENT_STORAGE, 10507, r.to_string()),
        }
    }
}

/// Every namespace, created on first use up to a cap.
#[derive(Debug)]
pub struct Spaces {
    pub template: Template,
    pub max: usize,
    /// Objects (organizations, members, accounts, shares, usage records, audit entries) a
    /// namespace may hold.
    pub max_objects: usize,
    map: Mutex<BTreeMap<String, Arc<Space>>>,
}

impl Spaces {
    pub fn new(template: Template, max: usize, max_objects: usize) -> Self {
        let spaces = Self { template, max: max.max(1), max_objects, map: Mutex::new(BTreeMap::new()) };
        spaces.insert_fresh(DEFAULT);
        spaces
    }

    fn insert_fresh(&self, name: &str) -> Arc<Space> {
        let space = Arc::new(Space::new(name, &self.template));
        lock(&self.map).insert(name.to_string(), space.clone());
        space
    }

    /// The namespace `name`, created when new.
    fn check_name(&self, name: &str) -> Result<(), Refused> {
        let valid = (1..=64).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if valid { Ok(()) } else { Err(Refused::BadName(name.to_string())) }
    }

    pub fn get(&self, name: &str) -> Result<Arc<Space>, Refused> {
        self.check_name(name)?;
        let mut map = lock(&self.map);
        if let Some(space) = map.get(name) {
            return Ok(space.clone());
        }
        if map.len() >= self.max {
            return Err(Refused::Full(self.max));
        }
        let space = Arc::new(Space::new(name, &self.template));
        map.insert(name.to_string(), space.clone());
        Ok(space)
    }

    /// The seed a namespace called `name` starts from.
    pub fn seed_of(&self, name: &str) -> u64 {
        self.template.seed_of(name)
    }

    /// The default namespace (always there).
    pub fn default_space(&self) -> Arc<Space> {
        lock(&self.map).get(DEFAULT).cloned().unwrap_or_else(|| self.insert_fresh(DEFAULT))
    }

    /// Starts `name` afresh (requests still running finish against the old one).
    pub fn reset(&self, name: &str) {
        self.insert_fresh(name);
    }

    /// Drops every namespace, and starts the default one afresh.
    pub fn reset_all(&self) {
        lock(&self.map).clear();
        self.insert_fresh(DEFAULT);
    }

    /// Every namespace, by name.
    pub fn all(&self) -> Vec<Arc<Space>> {
        lock(&self.map).values().cloned().collect()
    }

    /// Every namespace's state.
    pub fn export(&self) -> ServerState {
        ServerState { namespaces: self.all().iter().map(|space| (space.name.clone(), space.export())).collect() }
    }

    /// Replaces every namespace with a state's: all of them, or, when any does not fit, none.
    pub fn restore(&self, state: ServerState) -> Result<(), DocError> {
        let mut ready = Vec::new();
        for (name, doc) in state.namespaces {
            let pointer = format!("/namespaces/{}", name.replace('~', "~0").replace('/', "~1"));
            let space = Space::new(&name, &self.template);
            self.check_name(&name).map_err(|r| DocError {
                pointer: pointer.clone(),
                message: r.to_string(),
                full: false,
            })?;
            let prepared = space.prepare(doc, self.seed_of(&name), self.max_objects).map_err(|e| e.under(&pointer))?;
            space.apply(prepared);
            ready.push(space);
        }
        if ready.len() > self.max {
            return Err(DocError {
                pointer: "/namespaces".into(),
                message: format!("{} namespaces, over the server's maximum of {}", ready.len(), self.max),
                full: true,
            });
        }
        let mut map = lock(&self.map);
        map.clear();
        map.extend(ready.into_iter().map(|space| (space.name.clone(), Arc::new(space))));
        drop(map);
        self.default_space();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spaces(max: usize) -> Spaces {
        let template =
            Template { seed: 1, faults: FaultPlan::default(), quota: None, journal_cap: 10, record_bodies: false };
        Spaces::new(template, max, 100)
    }

    #[test]
    fn namespaces_are_created_on_first_use_up_to_the_cap() {
        let s = spaces(2);
        let a = s.get("suite-a").unwrap();
        assert!(Arc::ptr_eq(&a, &s.get("suite-a").unwrap()), "the same namespace again");
        assert!(matches!(s.get("suite-b"), Err(Refused::Full(2))), "the default one counts");
        assert!(matches!(s.get("bad name"), Err(Refused::BadName(_))));
        assert!(matches!(s.get(""), Err(Refused::BadName(_))));
        assert!(matches!(s.get(&"x".repeat(65)), Err(Refused::BadName(_))));
        s.reset_all();
        assert_eq!(s.all().len(), 1);
        s.get("suite-b").unwrap();
    }

    #[test]
    fn a_reset_namespace_starts_empty() {
        let s = spaces(4);
        s.get("a").unwrap().world().creates = 3;
        s.reset("a");
        assert_eq!(s.get("a").unwrap().world().creates, 0);
    }
}
