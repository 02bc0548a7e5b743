//! A timer kept pending while requests are in flight, so that each request's timeout costs no
//! wake-up of the runtime.
//!
//! Why: tokio wakes its time driver whenever a timer is set to fire before every other pending
//! one (the driver may be parked until then). With nothing else pending, each request's timeout
//! is such a timer, so every request cost a wake-up of the driver: a syscall, and on a
//! multi-threaded runtime often another thread woken, about 5% of a loopback request
//! (BENCHMARKS §2). While the client is in use a beat every [`BEAT`] is pending, earlier than any
//! timeout of a second or more, so a request's timer is only inserted. The beat stops after one
//! period without a request; no task outlives that.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the pending timer fires while the client is in use.
pub(crate) const BEAT: Duration = Duration::from_secs(1);

/// Whether a beat is running, and whether a request came since the last beat.
#[derive(Debug, Default)]
pub(crate) struct Heartbeat {
    beating: AtomicBool,
    used: AtomicBool,
}

impl Heartbeat {
    /// Notes a request, and starts the beat on the current runtime if it is not running.
    pub(crate) fn keep(self: &Arc<Self>) {
        self.used.store(true, Ordering::Relaxed);
        if self.beating.load(Ordering::Relaxed) || self.beating.swap(true, Ordering::AcqRel) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            self.beating.store(false, Ordering::Release);
            return;
        };
        let beat = Arc::clone(self);
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(BEAT).await;
                if !beat.used.swap(false, Ordering::AcqRel) {
                    break;
                }
            }
            // A request that comes now finds the beat running and starts none: it pays the one
            // wake-up this module saves, nothing else.
            beat.beating.store(false, Ordering::Release);
        });
    }

    /// Whether the beat is running.
    #[cfg(test)]
    fn beating(&self) -> bool {
        self.beating.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_beat_runs_while_in_use_and_stops_a_period_after() {
        let heart = Arc::new(Heartbeat::default());
        heart.keep();
        assert!(heart.beating());
        for _ in 0..3 {
            tokio::time::sleep(BEAT / 2).await;
            heart.keep();
        }
        assert!(heart.beating(), "still in use");
        tokio::time::sleep(BEAT * 3).await;
        assert!(!heart.beating(), "stopped after a period without a request");
        heart.keep();
        assert!(heart.beating(), "and starts again");
    }

    #[test]
    fn without_a_runtime_nothing_starts() {
        let heart = Arc::new(Heartbeat::default());
        heart.keep();
        assert!(!heart.beating());
    }
}
