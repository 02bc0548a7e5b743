//! The one reading of a date flag, for every command: `YYYY-MM-DD`, an RFC 3339 time, or a time
//! back from now (`30m`, `12h`, `7d`, `2w`, or `now`). A parameter of the spec's `date` format
//! takes the day (UTC) of what is given, one of its `date-time` format the instant.

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};

/// The forms, for `--help` and errors.
pub(crate) const FORMS: &str = "YYYY-MM-DD, RFC 3339, or back from now: 30m, 12h, 7d, 2w, now";

/// The instant `text` names, `now` being now (a bare date is its midnight, UTC).
pub(crate) fn instant(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if text == "now" {
        return Ok(now);
    }
    if let Ok(date) = text.parse::<NaiveDate>() {
        return Ok(date.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.with_timezone(&Utc));
    }
    let not_a_date = || format!("{text:?} is not a date: {FORMS}");
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(not_a_date)?;
    let (count, unit) = text.split_at(split);
    let count: i64 = count.parse().map_err(|_| not_a_date())?;
    let back = match unit {
        "m" => Duration::try_minutes(count),
        "h" => Duration::try_hours(count),
        "d" => Duration::try_days(count),
        "w" => Duration::try_weeks(count),
        _ => return Err(not_a_date()),
    };
    back.and_then(|back| now.checked_sub_signed(back)).ok_or_else(|| format!("{text:?} is too far back"))
}

/// A `date` parameter's flag, as its value is sent: `2026-12-07`.
pub(crate) fn date(text: &str) -> Result<String, String> {
    instant(text, Utc::now()).map(|t| t.date_naive().to_string())
}

/// A `date-time` parameter's flag, as its value is sent: `2026-12-07T10:00:00Z`.
pub(crate) fn date_time(text: &str) -> Result<String, String> {
    instant(text, Utc::now()).map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn every_form_names_an_instant() {
        let now = at("2026-12-07T10:30:00Z");
        let read = |text: &str| instant(text, now).map(|t| t.to_rfc3339());
        assert_eq!(read("now").unwrap(), "2026-12-07T10:30:00+00:00");
        assert_eq!(read("2026-11-01").unwrap(), "2026-11-01T00:00:00+00:00");
        assert_eq!(read("2026-11-01T12:00:00+02:00").unwrap(), "2026-11-01T10:00:00+00:00");
        assert_eq!(read("30m").unwrap(), "2026-12-07T10:00:00+00:00");
        assert_eq!(read("12h").unwrap(), "2026-12-06T22:30:00+00:00");
        assert_eq!(read("7d").unwrap(), "2026-11-30T10:30:00+00:00");
        assert_eq!(read("2w").unwrap(), "2026-11-23T10:30:00+00:00");
    }

    #[test]
    fn anything_else_is_refused_naming_the_forms() {
        let now = at("2026-12-07T10:30:00Z");
        for bad in ["", "1y", "d", "7 days", "-7d", "2026-13-01", "yesterday"] {
            let error = instant(bad, now).unwrap_err();
            assert!(error.contains("is not a date") && error.contains("12h"), "{bad:?}: {error}");
        }
        assert!(instant("99999999999999d", now).unwrap_err().contains("too far back"));
    }

    /// The generator writes the forms into each date flag's help; they are these.
    #[test]
    fn the_generated_help_says_the_forms_read_here() {
        assert!(include_str!("generated.rs").contains(FORMS), "regenerate: xtask/src/cli_commands.rs kind_help");
    }

    #[test]
    fn a_date_flag_takes_the_day_and_a_date_time_flag_the_instant() {
        assert_eq!(date("2026-11-01T23:59:00-02:00").unwrap(), "2026-11-02");
        assert_eq!(date("2026-11-01").unwrap(), "2026-11-01");
        assert_eq!(date_time("2026-11-01").unwrap(), "2026-11-01T00:00:00Z");
    }
}
