//! `cf-orgs api METHOD PATH`: a raw call in the style of `gh api`, through the
//! same client (credentials, retries, pacing): `-F key=value` query fields,
//! `--body FILE|-`, `--paginate` to follow a list's pages.

use cf_orgs::generated::runtime::Method;
use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::Value;

use crate::context::Context;
use crate::exit::Failure;
use crate::output::Format;
use crate::runtime::{Invalid, read_body};
use crate::safety;

pub(crate) fn command() -> Command {
    safety::with_yes(safety::with_dry_run(base()))
}

fn base() -> Command {
    Command::new("api")
        .about("A raw call of any path under the base URL, through the same client")
        .long_about(
            "A raw call of any path under the base URL (`/organizations`, `/organizations/ID/members`), \
             through the same client as every command: credentials, retries by the method, rate-limit pacing. \
             Prints the answer's result as JSON (or as -o says). A DELETE asks first (--yes skips the question); \
             --dry-run prints the request of any method and sends nothing.",
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

/// Sends it (each next page with the same fields, with `--paginate`) and prints the results.
pub(crate) async fn run(ctx: &Context, m: &ArgMatches) -> Result<(), Failure> {
    let client = ctx.client()?;
    let (request, paginate) = request(&client, m)?;
    if safety::dry_run(m) {
        return safety::print_preview(&request.preview());
    }
    if m.get_one::<String>("method").is_some_and(|method| method.eq_ignore_ascii_case("delete")) {
        let what = request.preview().map(|p| format!("send {} {}", p.method, p.url));
        safety::confirm(m, &what.unwrap_or_else(|_| "send this DELETE".into()))?;
    }
    let failed = |e: cf_orgs::Error| Failure::api(&e, ctx.verbose);
    let mut answer = request.clone().await.map_err(failed)?;
    if !(paginate && answer.value.is_array()) {
        return ctx.printer_as(Format::Json, &[]).one(&answer.value).map_err(Failure::stdout);
    }
    let mut printer = ctx.printer_as(Format::Json, &[]);
    loop {
        let items = answer.value.as_array().map(Vec::as_slice).unwrap_or_default();
        printer.page(items).map_err(Failure::stdout)?;
        // Each next page is asked with the first request's fields and the page's token.
        let Some(next) = answer.next_page().filter(|_| !items.is_empty()) else { break };
        answer = request.clone().query(next.param, next.token).await.map_err(failed)?;
    }
    printer.end().map_err(Failure::stdout)
}
