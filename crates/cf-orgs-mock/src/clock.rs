//! A namespace's clock: real time, shifted or frozen by the admin API, read
//! for `create_time`, audit entries and rate-limit windows, so a test can
//! make a week pass in a request.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Real time plus an offset, or a frozen instant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    /// Added to real time (seconds); unused while frozen.
    #[serde(default)]
    pub offset_seconds: i64,
    /// The instant the clock stands at, when frozen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frozen_at: Option<DateTime<Utc>>,
}

impl Clock {
    /// The time now, in whole seconds (as the API prints them, so that
    /// filters on printed times match).
    pub fn now(&self) -> DateTime<Utc> {
        let t = self.instant();
        DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
    }

    /// The time now, to the clock's full precision: what rate-limit windows count in, since a
    /// window shorter than a few seconds cannot be counted in whole ones.
    pub fn instant(&self) -> DateTime<Utc> {
        self.frozen_at.unwrap_or_else(|| Utc::now() + TimeDelta::seconds(self.offset_seconds))
    }

    /// Sets the time: frozen there, or running on from there.
    pub fn set(&mut self, at: DateTime<Utc>, frozen: bool) {
        if frozen {
            *self = Clock { offset_seconds: 0, frozen_at: Some(at) };
        } else {
            *self = Clock { offset_seconds: (at - Utc::now()).num_seconds(), frozen_at: None };
        }
    }

    /// Moves the time on by `seconds` (frozen or not). `None` when that leaves chrono's range.
    pub fn advance(&mut self, seconds: i64) -> Option<()> {
        let by = TimeDelta::try_seconds(seconds)?;
        match &mut self.frozen_at {
            Some(at) => *at = at.checked_add_signed(by)?,
            None => {
                let offset = self.offset_seconds.checked_add(seconds)?;
                Utc::now().checked_add_signed(TimeDelta::try_seconds(offset)?)?;
                self.offset_seconds = offset;
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_clock_stands_and_advances_on_request() {
        let at = DateTime::parse_from_rfc3339("2026-09-01T12:00:00Z").unwrap().to_utc();
        let mut clock = Clock::default();
        clock.set(at, true);
        assert_eq!(clock.now(), at);
        clock.advance(3600).unwrap();
        assert_eq!(clock.now(), at + TimeDelta::hours(1));
        assert!(clock.advance(i64::MAX).is_none(), "out of range is refused, not wrapped");
        assert_eq!(clock.now(), at + TimeDelta::hours(1));
    }

    #[test]
    fn a_running_clock_keeps_its_offset() {
        let mut clock = Clock::default();
        clock.advance(86_400).unwrap();
        let ahead = clock.now() - Utc::now();
        assert!((86_390..=86_401).contains(&ahead.num_seconds()), "{ahead}");
        let at = DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap().to_utc();
        clock.set(at, false);
        assert!((clock.now() - at).num_seconds().abs() < 5);
    }
}
