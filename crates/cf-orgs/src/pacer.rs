//! The pacer: requests held while the announced rate limit is spent, instead
//! of sent into a 429. One pacer serves a client and all its clones.
//!
//! Every answer's [`RateLimit`] (and every 429's `Retry-After`) updates what
//! the pacer believes is left of the window and when it resets. A request is
//! sent at once while more than the reserve is left; otherwise it waits for
//! the reset. After the reset, until an answer announces the new window,
//! requests are released one at a time at the quota's rate (`window / quota`),
//! so that many waiting requests do not all hit the new window at once. Until
//! an answer carries a rate limit, the pacer does nothing.

use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::rate_limit::RateLimit;

/// The longest the pacer holds a request, whatever reset an answer announces
/// (Cloudflare's window is 5 minutes).
pub const MAX_PACER_WAIT: Duration = Duration::from_secs(300);

/// How far apart the resets implied by answers of one window may lie: the
/// headers say seconds, whole (and rounded up).
const ROUNDING: Duration = Duration::from_secs(1);

/// The release rate after a reset when no quota and window were announced.
const DEFAULT_RELEASE_INTERVAL: Duration = Duration::from_millis(50);

/// A request held by the pacer, for
/// [`ClientBuilder::on_rate_limit_wait`](crate::ClientBuilder::on_rate_limit_wait) hooks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimitWait {
    /// `METHOD /path/template` of the request.
    pub request: String,
    /// How long it is held (at most; an answer announcing a new window releases it sooner).
    pub delay: Duration,
    /// Requests the client believes are left in the window (at most the reserve).
    pub remaining: u64,
}

/// Called when the pacer holds a request.
pub(crate) type WaitHook = Arc<dyn Fn(&RateLimitWait) + Send + Sync>;

pub(crate) struct Pacer {
    enabled: bool,
    reserve: u64,
    state: Mutex<State>,
    /// Woken on every answer: a held request may go sooner than it planned.
    changed: Notify,
    hook: Option<WaitHook>,
}

#[derive(Default)]
struct State {
    /// What the last answers said; `None` until one carried a rate limit.
    window: Option<Window>,
    /// Requests sent and not yet answered.
    in_flight: u64,
    /// Requests sent while no limit was known.
    unpaced: u64,
}

struct Window {
    /// When the window resets: the earliest that any of its answers implies.
    reset_at: Instant,
    /// The fewest requests left that an answer of this window announced.
    announced: u64,
    /// Requests the client may still send in this window.
    available: u64,
    /// After the reset, one request per this interval until the server speaks.
    release_interval: Duration,
    next_release: Instant,
    /// Requests released since the reset, before the server spoke of the new window.
    released: u64,
}

enum Decision {
    Go,
    Wait { until: Instant, remaining: u64 },
}

impl State {
    fn decide(&mut self, now: Instant, reserve: u64) -> Decision {
        let Some(w) = &mut self.window else {
            self.unpaced += 1;
            return Decision::Go;
        };
        if now < w.reset_at {
            if w.available > reserve {
                w.available -= 1;
                return Decision::Go;
            }
            return Decision::Wait { until: w.reset_at, remaining: w.available };
        }
        // The window has reset and no answer has said so yet.
        if now >= w.next_release {
            w.next_release = now + w.release_interval;
            w.released += 1;
            return Decision::Go;
        }
        Decision::Wait { until: w.next_release, remaining: 0 }
    }
}

impl Pacer {
    pub(crate) fn new(enabled: bool, reserve: u64, hook: Option<WaitHook>) -> Self {
        Self { enabled, reserve, state: Mutex::default(), changed: Notify::new(), hook }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Decides at `now`, counting the request in flight if it may go.
    fn take(&self, now: Instant) -> Decision {
        let mut state = self.state();
        let decision = state.decide(now, self.reserve);
        if let Decision::Go = decision {
            state.in_flight += 1;
        }
        decision
    }

    /// Waits until `request` may be sent (its label is written only when it waits).
    pub(crate) async fn acquire(&self, request: &(dyn std::fmt::Display + Sync)) -> Permit<'_> {
        if !self.enabled {
            return Permit { pacer: None };
        }
        let mut announced = None;
        loop {
            // The fast path, which is every request while no limit holds: a
            // decision under the lock, nothing registered.
            if let Decision::Go = self.take(Instant::now()) {
                return Permit { pacer: Some(self) };
            }
            // Registered before the state is read again, so that no answer in between is missed.
            let mut changed = pin!(self.changed.notified());
            changed.as_mut().enable();
            let now = Instant::now();
            let decision = self.take(now);
            let Decision::Wait { until, remaining } = decision else { return Permit { pacer: Some(self) } };
            if announced != Some(until) {
                announced = Some(until);
                let event = RateLimitWait { request: request.to_string(), delay: until - now, remaining };
                tracing::debug!(
                    request = event.request,
                    delay_ms = event.delay.as_millis() as u64,
                    remaining,
                    "rate limit: holding the request"
                );
                if let Some(hook) = &self.hook {
                    hook(&event);
                }
            }
            futures_util::future::select(pin!(tokio::time::sleep_until(until)), changed).await;
        }
    }
}

/// What is left of a window in which this client has sent `sent` requests,
/// with the quota known: exact, whichever of them the server has counted so
/// far (subtracting those in flight from `remaining` would count twice the
/// ones it has). `None` when the server counted more than were sent (others
/// share the credential) or announced no quota: then `remaining` less the
/// requests in flight, which cannot over-send.
fn exact(rl: &RateLimit, sent: u64) -> Option<u64> {
    let quota = rl.quota?;
    let counted = quota.saturating_sub(rl.remaining);
    (counted <= sent).then(|| quota.saturating_sub(sent).min(rl.remaining))
}

/// A request the pacer let go; it reports the answer's rate limit, or on drop
/// only that the request is no longer in flight.
pub(crate) struct Permit<'p> {
    pacer: Option<&'p Pacer>,
}

impl Permit<'_> {
    /// What the answer received at `received` said: its rate limit, and the
    /// wait a 429 asked for.
    pub(crate) fn answered(mut self, rate_limit: Option<&RateLimit>, refused_for: Option<Duration>, received: Instant) {
        let Some(pacer) = self.pacer.take() else { return };
        let mut state = pacer.state();
        state.in_flight = state.in_flight.saturating_sub(1);
        let others = state.in_flight;
        // Requests wait only while a window is known: with none before or after, no one is woken.
        let held = state.window.is_some();
        // A 429 from a server that has announced a limit (on this answer or
        // before) is its word: nothing more before the wait is over. One that
        // never announced one (a fault, a proxy) leaves the pacer as it is.
        let announced = rate_limit.is_some() || state.window.is_some();
        if let Some(wait) = refused_for.filter(|_| announced) {
            let reset_at = received + wait.min(MAX_PACER_WAIT);
            let release_interval = state.window.as_ref().map_or(DEFAULT_RELEASE_INTERVAL, |w| w.release_interval);
            state.window = Some(Window {
                reset_at,
                announced: 0,
                available: 0,
                release_interval,
                next_release: reset_at,
                released: 0,
            });
        } else if rate_limit.is_none() {
            // An answer that says nothing of a limit, after the reset: nothing
            // is known any more, so nothing is held (a 429 with only a
            // `Retry-After`, from a server that announces no budget).
            if state.window.as_ref().is_some_and(|w| received >= w.reset_at) {
                state.window = None;
            }
        } else if let Some(rl) = rate_limit {
            let reset_at = received + rl.reset.min(MAX_PACER_WAIT);
            let release_interval = match (rl.quota, rl.window) {
                (Some(quota), Some(window)) if quota > 0 => {
                    window.checked_div(u32::try_from(quota).unwrap_or(u32::MAX)).unwrap_or(DEFAULT_RELEASE_INTERVAL)
                }
                _ => DEFAULT_RELEASE_INTERVAL,
            };
            let budget = rl.remaining.saturating_sub(others);
            let fresh = Window {
                reset_at,
                announced: rl.remaining,
                available: budget,
                release_interval,
                next_release: reset_at,
                released: 0,
            };
            match &mut state.window {
                None => {
                    // Every request sent so far is in this window.
                    let available = exact(rl, state.unpaced).unwrap_or(fresh.available);
                    state.unpaced = 0;
                    state.window = Some(Window { available, ..fresh });
                }
                Some(w) => {
                    // More left than before: a new window, if it came after the
                    // reset or implies a later reset than whole-second rounding
                    // allows; otherwise an answer overtaken by later ones.
                    let renewed =
                        rl.remaining > w.announced && (received >= w.reset_at || reset_at > w.reset_at + ROUNDING);
                    if renewed {
                        // After the reset, every request in this window is one released since.
                        let since_reset = Some(w.released).filter(|_| received >= w.reset_at);
                        let available = since_reset.and_then(|sent| exact(rl, sent)).unwrap_or(fresh.available);
                        *w = Window { available, ..fresh };
                    } else if rl.remaining <= w.announced {
                        // The count kept since the window began is exact for
                        // this client; the server's word lowers it only when
                        // others spend the same credential's quota. (Subtracting
                        // the requests in flight again would count twice those
                        // the server has already counted.)
                        w.announced = rl.remaining;
                        w.available = w.available.min(rl.remaining);
                        w.reset_at = w.reset_at.min(reset_at);
                        w.release_interval = release_interval;
                    }
                }
            }
        }
        let wake = held || state.window.is_some();
        drop(state);
        if wake {
            pacer.changed.notify_waiters();
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if let Some(pacer) = self.pacer.take() {
            let mut state = pacer.state();
            state.in_flight = state.in_flight.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn announced(remaining: u64, reset_secs: u64) -> RateLimit {
        RateLimit {
            policy: Some("default".into()),
            remaining,
            reset: Duration::from_secs(reset_secs),
            quota: Some(60),
            window: Some(Duration::from_secs(10)),
        }
    }

    fn available(pacer: &Pacer) -> u64 {
        pacer.state().window.as_ref().map_or(u64::MAX, |w| w.available)
    }

    #[tokio::test]
    async fn a_window_counts_its_own_sends_once() {
        let pacer = Pacer::new(true, 0, None);
        pacer.acquire(&"GET /x").await.answered(Some(&announced(59, 10)), None, Instant::now());
        assert_eq!(available(&pacer), 59);
        let mut permits = Vec::new();
        for _ in 0..15 {
            permits.push(pacer.acquire(&"GET /x").await);
        }
        assert_eq!(available(&pacer), 44);
        // The 15 answers, each counted by the server: the client's own count stands.
        for (permit, remaining) in permits.into_iter().zip((44..59).rev()) {
            permit.answered(Some(&announced(remaining, 10)), None, Instant::now());
        }
        assert_eq!(available(&pacer), 44, "no request counted twice");
        // Someone else spends the same quota: the server's word lowers the count.
        pacer.acquire(&"GET /x").await.answered(Some(&announced(20, 10)), None, Instant::now());
        assert_eq!(available(&pacer), 20);
    }

    #[tokio::test]
    async fn an_overtaken_answer_is_not_a_new_window() {
        let pacer = Pacer::new(true, 0, None);
        pacer.acquire(&"GET /x").await.answered(Some(&announced(10, 10)), None, Instant::now());
        let late = pacer.acquire(&"GET /x").await;
        assert_eq!(available(&pacer), 9);
        // Served earlier (18 left then), answered after the `r=10` one.
        late.answered(Some(&announced(18, 10)), None, Instant::now());
        assert_eq!(available(&pacer), 9, "not a new window");
        // A new window: its reset lies a window beyond the old one's.
        let now = Instant::now();
        pacer.acquire(&"GET /x").await.answered(Some(&announced(59, 10)), None, now + Duration::from_secs(9));
        assert_eq!(available(&pacer), 59);
    }

    #[tokio::test(start_paused = true)]
    async fn at_zero_requests_wait_for_the_reset_then_go_one_at_a_time() {
        let pacer = Pacer::new(true, 0, None);
        let start = Instant::now();
        pacer.acquire(&"GET /x").await.answered(Some(&announced(0, 10)), None, start);
        let first = pacer.acquire(&"GET /x").await;
        assert_eq!(Instant::now() - start, Duration::from_secs(10), "held until the reset");
        drop(first);
        let _second = pacer.acquire(&"GET /x").await;
        // No answer yet: released at the quota's rate, 10 s / 60.
        let waited = Instant::now() - start;
        let interval = Duration::from_secs(10) / 60;
        // The clock ticks in milliseconds.
        assert!(waited >= Duration::from_secs(10) + interval && waited <= Duration::from_millis(10_168), "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn after_the_reset_the_released_requests_are_the_windows_count() {
        let pacer = Pacer::new(true, 0, None);
        let start = Instant::now();
        pacer.acquire(&"GET /x").await.answered(Some(&announced(0, 10)), None, start);
        // Three released at the quota's rate after the reset, before any answer.
        let mut released = Vec::new();
        for _ in 0..3 {
            released.push(pacer.acquire(&"GET /x").await);
        }
        // The first answers: the server has counted all 3 (57 left), 2 answers are still on their way.
        released.remove(0).answered(Some(&announced(57, 10)), None, Instant::now());
        assert_eq!(available(&pacer), 57, "60 less the 3 released, not less the 2 in flight again");
    }

    #[tokio::test]
    async fn the_first_window_counts_what_was_sent_before_any_limit_was_known() {
        let pacer = Pacer::new(true, 0, None);
        let mut sent = Vec::new();
        for _ in 0..16 {
            sent.push(pacer.acquire(&"GET /x").await);
        }
        // Answers overtake one another: the first to arrive says 4 were counted.
        sent.remove(0).answered(Some(&announced(56, 10)), None, Instant::now());
        assert_eq!(available(&pacer), 44, "60 less the 16 sent");
        // Without a quota, the safe bound: what is left less what is in flight.
        let pacer = Pacer::new(true, 0, None);
        let first = pacer.acquire(&"GET /x").await;
        let _second = pacer.acquire(&"GET /x").await;
        let no_quota = RateLimit { quota: None, window: None, ..announced(56, 10) };
        first.answered(Some(&no_quota), None, Instant::now());
        assert_eq!(available(&pacer), 55);
    }

    #[tokio::test]
    async fn off_holds_nothing() {
        let pacer = Pacer::new(false, 0, None);
        pacer.acquire(&"GET /x").await.answered(Some(&announced(0, 300)), None, Instant::now());
        let started = Instant::now();
        let _permit = pacer.acquire(&"GET /x").await;
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(pacer.state().window.is_none());
    }
}
