//! Paired measurements: two pieces of work timed alternately inside every sample, so that both
//! see the same machine, and the ratio of their times kept per sample.

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The ratio (first time / second time) of every sample of a paired benchmark; clones share it.
#[derive(Clone, Default)]
pub struct Ratios(Arc<Mutex<Vec<f64>>>);

impl Ratios {
    /// Records one sample: the total time of each side.
    pub fn record(&self, first: Duration, second: Duration) {
        self.0.lock().expect("no panic while holding it").push(first.as_secs_f64() / second.as_secs_f64());
    }

    /// `1.020x (quartiles 0.990x-1.050x, 60 samples)`.
    pub fn summary(&self) -> String {
        let mut ratios = self.0.lock().expect("no panic while holding it").clone();
        ratios.sort_by(f64::total_cmp);
        let at = |q: f64| ratios.get(((ratios.len() - 1) as f64 * q).round() as usize).copied().unwrap_or(f64::NAN);
        format!("{:.3}x (quartiles {:.3}x-{:.3}x, {} samples)", at(0.5), at(0.25), at(0.75), ratios.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_the_median_and_quartiles_of_the_ratios() {
        let ratios = Ratios::default();
        for (a, b) in [(2, 1), (1, 1), (3, 1), (1, 2), (4, 1)] {
            ratios.record(Duration::from_millis(a), Duration::from_millis(b));
        }
        assert_eq!(ratios.summary(), "2.000x (quartiles 1.000x-3.000x, 5 samples)");
    }
}
