//! `spec-diff --format markdown`: the same report as a pull request's body.
//! Breaking changes (something removed, renamed, or newly required) come
//! first, each marked; the rest is grouped as operations, parameters, schemas
//! and docs.

use super::Report;

/// What a line of the report is, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Operations,
    Parameters,
    Schemas,
    Docs,
}

impl Group {
    fn title(self) -> &'static str {
        match self {
            Group::Operations => "Operations",
            Group::Parameters => "Parameters",
            Group::Schemas => "Schemas",
            Group::Docs => "Docs",
        }
    }
}

/// Why a line breaks a client written against the old spec, if it does.
fn breaking(line: &str) -> Option<&'static str> {
    if line.starts_with("~ operationId ") || line.contains(" renamed: ") {
        Some("renamed")
    } else if line.ends_with(" required") && line.starts_with("+ ") || line.contains(": required false -> true") {
        Some("newly required")
    } else if line.starts_with("- ") && !line.ends_with(" required") {
        Some("removed")
    } else {
        None
    }
}

fn group(heading: &str, line: &str) -> Group {
    if line.starts_with("docs: ") {
        Group::Docs
    } else if heading.starts_with("schema ") {
        Group::Schemas
    } else if line.contains(" parameter ") {
        Group::Parameters
    } else {
        Group::Operations
    }
}

/// `operation Members_list (GET /organizations/{organization_id}/members)` as
/// ``Members_list (`GET /organizations/{organization_id}/members`)``.
fn where_(heading: &str) -> String {
    match heading.split_once(' ') {
        Some(("operation", rest)) => match rest.split_once(" (") {
            Some((id, route)) => format!("`{id}` (`{}`)", route.trim_end_matches(')')),
            None => format!("`{rest}`"),
        },
        Some(("schema", name)) => format!("schema `{name}`"),
        _ => heading.to_string(),
    }
}

/// A line as Markdown: its sign as a word (or, `bare`, dropped: the table says it).
fn change(line: &str, bare: bool) -> String {
    let escaped = line.replace('|', "\\|");
    let (word, rest) = match escaped.split_at_checked(2) {
        Some(("+ ", rest)) => ("added", rest),
        Some(("- ", rest)) => ("removed", rest),
        Some(("~ ", rest)) => ("changed", rest),
        _ => return escaped,
    };
    if bare { rest.to_string() } else { format!("{word}: {rest}") }
}

impl Report {
    /// The report as Markdown under `title` (a pull request's body).
    pub fn to_markdown(&self, title: &str) -> String {
        let mut out = format!("## {title}\n\n");
        if self.is_empty() {
            out.push_str("No change to operations, parameters or schemas.\n");
            return out;
        }
        let lines: Vec<(&str, &str)> =
            self.sections.iter().flat_map(|(h, lines)| lines.iter().map(move |l| (h.as_str(), l.as_str()))).collect();
        let broken: Vec<_> = lines.iter().filter_map(|(h, l)| breaking(l).map(|why| (*h, *l, why))).collect();
        out.push_str(&format!(
            "{} change{}, {} breaking.\n",
            lines.len(),
            if lines.len() == 1 { "" } else { "s" },
            broken.len()
        ));
        if !broken.is_empty() {
            out.push_str("\n### ⚠️ Breaking\n\n| where | what | change |\n|---|---|---|\n");
            for (heading, line, why) in &broken {
                out.push_str(&format!("| {} | **{why}** | {} |\n", where_(heading), change(line, true)));
            }
        }
        for g in [Group::Operations, Group::Parameters, Group::Schemas, Group::Docs] {
            let mut current: Option<&str> = None;
            let mut body = String::new();
            for (heading, line) in lines.iter().filter(|(h, l)| breaking(l).is_none() && group(h, l) == g) {
                if current != Some(heading) {
                    body.push_str(&format!("- {}\n", where_(heading)));
                    current = Some(heading);
                }
                body.push_str(&format!("  - {}\n", change(line, false)));
            }
            if !body.is_empty() {
                out.push_str(&format!("\n### {}\n\n{body}", g.title()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaking_lines_are_told_apart() {
        assert_eq!(breaking("- query parameter metric (optional text)"), Some("removed"));
        assert_eq!(breaking("- operation removed"), Some("removed"));
        assert_eq!(breaking("+ enterprise_capability required"), Some("newly required"));
        assert_eq!(breaking("~ query parameter status: required false -> true"), Some("newly required"));
        assert_eq!(breaking("~ operationId a -> b"), Some("renamed"));
        assert_eq!(breaking("~ query parameter renamed: a -> b (optional text)"), Some("renamed"));
        assert_eq!(breaking("- x required"), None, "no longer required relaxes");
        assert_eq!(breaking("+ query parameter status value pending"), None);
        assert_eq!(breaking("docs: description changed: …"), None);
    }

    #[test]
    fn an_empty_report_says_so() {
        assert!(Report::default().to_markdown("t").contains("No change"));
    }
}
