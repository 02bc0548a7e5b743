//! `cf-orgs api METHOD PATH`: a raw call in the style of `gh api`, through the
//! same client (credentials, retries, pacing): `-F key=value` query fields,
//! `--body FILE|-`, `--paginate` to follow a list's pages.

use cf_orgs::generated::runtime::Method;
use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::Value;

use crate::runtime::{Invalid, read_body};

pub(crate) fn command() -> Command {
    Command::new("api")
        .about("A raw call of any path under the base URL, through the same client")
        .long_about(
            "A raw call of any path under the base URL (`/organizations`, `/organizations/ID/members`), \
             through the same client as every command: credentials, retries by the method, rate-limit pacing. \
             Prints the answer's result as JSON.",
        )
        .arg(Arg::new("method").value_name("METHOD").required(true).help("GET, POST, PUT, PATCH, DELETE, …"))
        .arg(Arg::new("path").value_name("PATH").required(true).help("Under the base URL, starting with /"))
        .arg(
            Arg::new("field")
                .short('F')
                .long("field")
                .value_name("KEY=VALUE")
                .action(ArgAction::Append)
                .help("A query field (repeat it for a repeated one)"),
        )
        .arg(Arg::new("body").long("body").value_name("FILE").help("The JSON body, from FILE or - for standard input"))
        .arg(
            Arg::new("paginate")
                .long("paginate")
                .action(ArgAction::SetTrue)
                .help("Follow the list's pages (page tokens, cursors, page numbers) and print every item"),
        )
}

fn method(text: &str) -> Result<Method, Invalid> {
    let all = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];
    all.into_iter()
        .find(|m| m.as_str().eq_ignore_ascii_case(text))
        .ok_or_else(|| Invalid { what: format!("METHOD {text:?}"), message: "not an HTTP method".into() })
}

/// The request the flags describe, and whether to follow its pages.
pub(crate) fn request(client: &cf_orgs::Client, m: &ArgMatches) -> Result<(cf_orgs::RawRequest, bool), Invalid> {
    let method = method(m.get_one::<String>("method").map_or("", String::as_str))?;
    let path = m.get_one::<String>("path").cloned().unwrap_or_default();
    let mut request = client.raw(method, path);
    for field in m.get_many::<String>("field").into_iter().flatten() {
        let (key, value) = field
            .split_once('=')
            .ok_or_else(|| Invalid { what: format!("-F {field:?}"), message: "expected KEY=VALUE".into() })?;
        request = request.query(key, value);
    }
    if let Some(source) = m.get_one::<String>("body") {
        let bytes = read_body(source)?;
        let body: Value = serde_json::from_slice(&bytes)
            .map_err(|e| Invalid { what: format!("--body {source}"), message: format!("not JSON: {e}") })?;
        request = request.json(body);
    }
    Ok((request, m.get_flag("paginate")))
}
