//! The kinds of change Cloudflare's document goes through, as edits of the
//! spec: each one is applied to a scratch copy by `cargo xtask churn`, which
//! regenerates and runs the tests of cf-orgs and the mock to show that the
//! change is either followed automatically or fails loudly, and never passes
//! silently. `spec-diff` is tested on the same catalogue.

use serde_json::{Value, json};

use crate::document::Document;

/// One change of the spec.
pub struct Change {
    /// A short name (`cargo xtask churn <name>` runs one).
    pub name: &'static str,
    /// What it does, for the report.
    pub what: &'static str,
    /// What `spec-diff` must say of it (a substring of one line).
    pub reported: &'static str,
    /// The edit, on the spec's JSON.
    pub apply: fn(&mut Value),
    /// For a change cf-orgs follows on its own: statements of a downstream program that use what
    /// it adds (`client` is a `cf_orgs::Client` of no server; `churn_probe` runs them).
    pub probe: Option<&'static str>,
}

const MEMBERS: &str = "/organizations/{organization_id}/members";
const MEMBER: &str = "/organizations/{organization_id}/members/{member_id}";
const BATCH: &str = "/organizations/{organization_id}/members:batchCreate";
const USAGE: &str = "/organizations/{organization_id}/billable/usage";

/// Every change the catalogue holds.
pub const CATALOGUE: &[Change] = &[
    Change {
        name: "response-field-renamed",
        what: "Member.update_time renamed update_timestamp",
        reported: "- update_time: string (date-time)",
        apply: |doc| {
            let member = schema(doc, "organizations-api_Member");
            let props = member["properties"].as_object_mut().unwrap();
            let field = props.remove("update_time").unwrap();
            props.insert("update_timestamp".into(), field);
            rename_required(member, "update_time", "update_timestamp");
        },
        probe: None,
    },
    Change {
        name: "response-field-added",
        what: "Member gains an optional `role`",
        reported: "+ role: string",
        apply: |doc| {
            schema(doc, "organizations-api_Member")["properties"]["role"] = json!({ "type": "string" });
        },
        probe: Some(
            r#"        let member: cf_orgs::Member = serde_json::from_value(serde_json::json!({ "id": "m1", "role": "admin" })).unwrap();
        assert_eq!(member.role.as_deref(), Some("admin"), "the new field is typed");
        assert!(member.other.is_empty());"#,
        ),
    },
    Change {
        name: "enum-value-added",
        what: "Member.status (and the members list's `status` filter) gains `suspended`",
        reported: "+ query parameter status value suspended",
        apply: |doc| {
            push(&mut schema(doc, "organizations-api_Member")["properties"]["status"]["enum"], "suspended");
            push(&mut param(doc, MEMBERS, "get", "status")["schema"]["items"]["enum"], "suspended");
        },
        probe: Some(
            r#"        let member: cf_orgs::Member = serde_json::from_value(serde_json::json!({ "id": "m1", "status": "suspended" })).unwrap();
        assert_eq!(member.status, cf_orgs::MemberStatus::Suspended, "the new value is a variant");
        let list = client.organization("o1").members().list().status(cf_orgs::MemberStatus::Suspended);
        let url = list.preview().unwrap().url;
        assert!(url.ends_with("/members?status=suspended"), "{url}");"#,
        ),
    },
    Change {
        name: "list-parameter-added",
        what: "the members list gains a `user.name` filter",
        reported: "+ query parameter user.name",
        apply: |doc| {
            let params = doc["paths"][MEMBERS]["get"]["parameters"].as_array_mut().unwrap();
            params.push(json!({ "name": "user.name", "in": "query", "schema": { "type": "string" } }));
        },
        probe: Some(
            r#"        let url = client.organization("o1").members().list().user_name("ann").preview().unwrap().url;
        assert!(url.ends_with("/members?user.name=ann"), "{url}");"#,
        ),
    },
    Change {
        name: "list-parameter-renamed",
        what: "the members list's `user.email.contains` renamed `user.email.includes`",
        reported: "query parameter renamed: user.email.contains -> user.email.includes",
        apply: |doc| param(doc, MEMBERS, "get", "user.email.contains")["name"] = json!("user.email.includes"),
        probe: None,
    },
    Change {
        name: "list-parameter-removed",
        what: "the organizations list loses its `containing.user` filter",
        reported: "- query parameter containing.user",
        apply: |doc| remove_param(doc, "/organizations", "get", "containing.user"),
        probe: None,
    },
    Change {
        name: "parameter-added",
        what: "billable usage gains a `metric` parameter (as it had until 2026-07-13)",
        reported: "+ query parameter metric",
        apply: |doc| {
            let params = doc["paths"][USAGE]["get"]["parameters"].as_array_mut().unwrap();
            params.push(json!({ "name": "metric", "in": "query", "schema": { "type": "string" } }));
        },
        probe: Some(
            r#"        let url = client.organization("o1").billable_usage(..).metric("requests").preview().unwrap().url;
        assert!(url.ends_with("/billable/usage?metric=requests"), "{url}");"#,
        ),
    },
    Change {
        name: "parameter-renamed",
        what: "billable usage's `from` renamed `start`",
        reported: "query parameter renamed: from -> start",
        apply: |doc| param(doc, USAGE, "get", "from")["name"] = json!("start"),
        probe: None,
    },
    Change {
        name: "parameter-removed",
        what: "billable usage loses `to`",
        reported: "- query parameter to",
        apply: |doc| remove_param(doc, USAGE, "get", "to"),
        probe: None,
    },
    Change {
        name: "operation-added",
        what: "a new operation: DELETE the profile",
        reported: "+ operation added",
        apply: |doc| {
            let path = "/organizations/{organization_id}/profile";
            let mut op = doc["paths"][MEMBER]["delete"].clone();
            op["operationId"] = json!("Organizations_deleteProfile");
            op["summary"] = json!("Delete an organization's profile");
            let params = op["parameters"].as_array_mut().unwrap();
            params.retain(|p| p["name"] == "organization_id");
            doc["paths"][path]["delete"] = op;
        },
        probe: Some(
            r#"        let request = client.organization("o1").profile().delete_profile();
        let preview: cf_orgs::RequestPreview = request.preview().unwrap();
        assert_eq!(preview.method.as_str(), "DELETE");
        assert!(preview.url.ends_with("/organizations/o1/profile"), "{}", preview.url);
        let _: cf_orgs::DeleteProfileProfile = request;"#,
        ),
    },
    Change {
        name: "operation-removed",
        what: "members:batchCreate is retired",
        reported: "- operation removed",
        apply: |doc| {
            doc["paths"].as_object_mut().unwrap().remove(BATCH);
        },
        probe: None,
    },
    Change {
        name: "path-renamed",
        what: "members:batchCreate moves to members:bulkCreate",
        reported: "~ path: /organizations/{organization_id}/members:batchCreate -> /organizations/{organization_id}/members:bulkCreate",
        apply: |doc| {
            let paths = doc["paths"].as_object_mut().unwrap();
            let item = paths.remove(BATCH).unwrap();
            paths.insert("/organizations/{organization_id}/members:bulkCreate".into(), item);
        },
        probe: None,
    },
    Change {
        name: "path-parameter-renamed",
        what: "`{member_id}` renamed `{membership_id}`",
        reported: "path parameter renamed: member_id -> membership_id",
        apply: |doc| {
            let paths = doc["paths"].as_object_mut().unwrap();
            let mut item = paths.remove(MEMBER).unwrap();
            for method in ["get", "delete"] {
                for p in item[method]["parameters"].as_array_mut().unwrap() {
                    if p["name"] == "member_id" {
                        p["name"] = json!("membership_id");
                    }
                }
            }
            paths.insert("/organizations/{organization_id}/members/{membership_id}".into(), item);
        },
        probe: None,
    },
    Change {
        name: "limit-changed",
        what: "a member batch takes 25 members, not 10 (`maxItems`)",
        reported: "~ members maxItems: 10 -> 25",
        apply: |doc| {
            schema(doc, "organizations-api_BatchCreateMembersRequest")["properties"]["members"]["maxItems"] = json!(25);
        },
        probe: None,
    },
    Change {
        name: "description-changed",
        what: "the members list's description says which credentials it takes",
        reported: "docs: description changed: List memberships (Global API key only).",
        apply: |doc| {
            doc["paths"][MEMBERS]["get"]["description"] = json!("List memberships (Global API key only).");
        },
        probe: None,
    },
    Change {
        name: "operation-id-renamed",
        what: "`Members_list` becomes `Members_listMemberships`: nothing on the wire changes",
        reported: "~ operationId Members_list -> Members_listMemberships",
        apply: |doc| {
            doc["paths"][MEMBERS]["get"]["operationId"] = json!("Members_listMemberships");
        },
        probe: None,
    },
    Change {
        name: "body-field-added",
        what: "creating a member takes an optional `role`",
        reported: "+ role: string",
        apply: |doc| {
            schema(doc, "organizations-api_CreateSingleMember")["properties"]["role"] = json!({ "type": "string" });
        },
        probe: Some(
            r#"let create = client.organization("o1").members().create("ann@acme.example").member_role("admin");
        let body = create.preview().unwrap().body.unwrap();
        assert_eq!(body["member"]["role"], "admin", "{body}");"#,
        ),
    },
    Change {
        name: "required-body-field-added",
        what: "creating a member requires a `role`",
        reported: "+ role required",
        apply: |doc| {
            let member = schema(doc, "organizations-api_CreateSingleMember");
            member["properties"]["role"] = json!({ "type": "string" });
            push(&mut member["required"], "role");
        },
        probe: None,
    },
];

fn schema<'a>(doc: &'a mut Value, name: &str) -> &'a mut Value {
    &mut doc["components"]["schemas"][name]
}

fn push(list: &mut Value, value: &str) {
    list.as_array_mut().expect("a list").push(json!(value));
}

fn rename_required(schema: &mut Value, from: &str, to: &str) {
    for name in schema["required"].as_array_mut().into_iter().flatten() {
        if name == from {
            *name = json!(to);
        }
    }
}

/// The parameter `name` of an operation, followed through its `$ref` (a shared component changes for every user).
fn param<'a>(doc: &'a mut Value, path: &str, method: &str, name: &str) -> &'a mut Value {
    let list = format!("/paths/{}/{method}/parameters", crate::error::escape_token(path));
    let params = doc.pointer(&list).and_then(Value::as_array).expect("parameters");
    let pointer = params
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            let (param, at) = Document(&*doc).follow(p, format!("{list}/{i}")).ok()?;
            (param["name"] == name).then_some(at)
        })
        .unwrap_or_else(|| panic!("{method} {path} has no parameter {name}"));
    doc.pointer_mut(&pointer).unwrap()
}

fn remove_param(doc: &mut Value, path: &str, method: &str, name: &str) {
    let params = doc["paths"][path][method]["parameters"].as_array().unwrap().clone();
    let kept: Vec<Value> = params.into_iter().filter(|p| Document(&*doc).resolve(p)["name"] != name).collect();
    doc["paths"][path][method]["parameters"] = Value::Array(kept);
}

/// What one change did to cf-orgs and the mock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Something failed, and says where: the first lines that name it.
    Loud(Vec<String>),
    /// Everything passed: the change flowed through (the spec-diff lines say what moved).
    Passed(Vec<String>),
}

/// Applies `change` to a scratch copy of the checkout at `root`, regenerates,
/// and runs the tests of cf-orgs and the mock there. `target` is the target
/// directory the scratch builds share (the dependencies compile once).
pub fn run(root: &std::path::Path, change: &Change, target: &std::path::Path) -> crate::Result<Outcome> {
    use std::process::Command;
    let fail = |what: String| crate::Error::file(root, what);
    let scratch = std::env::temp_dir().join(format!("cf-orgs-churn-{}", change.name));
    let _ = std::fs::remove_dir_all(&scratch);
    copy_checkout(root, &scratch).map_err(|e| fail(format!("cannot copy the checkout: {e}")))?;
    let spec_path = scratch.join(crate::SPEC_PATH);
    let base = crate::load::Spec::load(&spec_path)?;
    let mut doc = base.doc.clone();
    (change.apply)(&mut doc);
    let changed = crate::load::Spec::from_value(&spec_path, doc.clone())?;
    let map = crate::surface_map::load(root)?;
    let moved: Vec<String> =
        crate::spec_diff::diff(&base, &changed, &map)?.to_string().lines().map(str::to_string).collect();
    let text = serde_json::to_string_pretty(&doc).map_err(|e| fail(e.to_string()))?;
    std::fs::write(&spec_path, text + "\n").map_err(|e| fail(e.to_string()))?;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let step = |args: &[&str]| {
        Command::new(&cargo)
            .args(args)
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("CARGO_MANIFEST_DIR")
            .output()
            .map_err(|e| fail(format!("cannot run cargo: {e}")))
    };
    let cli_before = std::fs::read_to_string(scratch.join(crate::cli_commands::FILE)).unwrap_or_default();
    let regenerate = step(&["run", "-q", "-p", "xtask", "--", "regenerate"])?;
    if !regenerate.status.success() {
        return Ok(Outcome::Loud(first_lines("regenerate: ", &regenerate.stderr)));
    }
    // What the command line gained or lost with no hand edit: its flags, by command.
    let cli_after = std::fs::read_to_string(scratch.join(crate::cli_commands::FILE)).unwrap_or_default();
    let mut moved = moved;
    moved.extend(cli_flags_moved(&cli_before, &cli_after));
    let tests = step(&["test", "-q", "-p", "cf-orgs", "-p", "cf-orgs-mock", "-p", "cf-orgs-cli", "--no-fail-fast"])?;
    let _ = std::fs::remove_dir_all(&scratch);
    if tests.status.success() {
        return Ok(Outcome::Passed(moved));
    }
    let mut output = tests.stderr.clone();
    output.extend_from_slice(&tests.stdout);
    let mut lines = first_lines("", &output);
    lines.extend(moved.into_iter().filter(|l| l.starts_with("cli: ")));
    Ok(Outcome::Loud(lines))
}

/// The CLI's flags that appeared or went, command by command (`cli: + members-list --user-name`),
/// from its generated file before and after.
pub fn cli_flags_moved(before: &str, after: &str) -> Vec<String> {
    fn flags(text: &str) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        let mut command = "";
        for line in text.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("Command::new(\"") {
                command = rest.split('"').next().unwrap_or("");
            }
            if let Some(rest) = line.strip_prefix(".long(\"") {
                out.insert(format!("{command} --{}", rest.split('"').next().unwrap_or("")));
            }
        }
        out
    }
    let (before, after) = (flags(before), flags(after));
    let added = after.difference(&before).map(|f| format!("cli: + {f}"));
    let removed = before.difference(&after).map(|f| format!("cli: - {f}"));
    added.chain(removed).collect()
}

/// The lines that say what failed and where: compile errors with their
/// location, and failing tests with their message.
fn first_lines(prefix: &str, output: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(output);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let wanted = line.starts_with("error") && !line.starts_with("error: could not compile")
            || line.contains("panicked at")
            || line.starts_with("---- ");
        if wanted {
            let mut said = format!("{prefix}{}", line.trim());
            if let Some(at) = lines.get(i + 1).filter(|l| l.trim_start().starts_with("-->") || !l.trim().is_empty()) {
                said.push_str(&format!(" | {}", at.trim()));
            }
            out.push(said);
        }
        if out.len() == 3 {
            break;
        }
    }
    if out.is_empty() {
        out.push(format!("{prefix}{}", lines.last().copied().unwrap_or("failed")));
    }
    out
}

/// Copies the files git tracks (or, without git, everything but `target/` and `.git/`).
/// Copies the checkout's files (those git knows, ignored ones left out) to `to`.
pub fn copy_checkout(root: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    let listed = std::process::Command::new("git")
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success());
    let files: Vec<std::path::PathBuf> = match listed {
        Some(o) => o
            .stdout
            .split(|b| *b == 0)
            .filter(|f| !f.is_empty())
            .map(|f| String::from_utf8_lossy(f).into_owned().into())
            .collect(),
        None => walk(root, root)?,
    };
    for file in files {
        let from = root.join(&file);
        if !from.is_file() {
            continue;
        }
        let dest = to.join(&file);
        std::fs::create_dir_all(dest.parent().unwrap_or(to))?;
        std::fs::copy(&from, &dest)?;
    }
    Ok(())
}

/// Every file under `dir` but in `target/` and `.git/`, as a path relative to `root`.
pub fn walk(root: &std::path::Path, dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "target" || name == ".git" {
            continue;
        }
        if path.is_dir() {
            out.extend(walk(root, &path)?);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(out)
}
