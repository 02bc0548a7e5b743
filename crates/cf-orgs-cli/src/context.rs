//! What every command shares: the global flags (output, profile, base URL,
//! verbosity), the credentials they resolve to, and the client built from them.

use std::io::{BufWriter, IsTerminal};
use std::sync::Arc;

use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::exit::{self, Failure};
use crate::jq::Jq;
use crate::output::{Format, Printer, Shape};
use crate::profiles;

/// Standard output, buffered: a page of items is written in a few calls, then flushed.
pub(crate) type Stdout = BufWriter<std::io::Stdout>;

/// The ids of the global flags.
pub(crate) const GLOBAL: [&str; 9] =
    ["base-url", "profile", "output", "fields", "quiet", "no-headers", "verbose", "jq", "slurp"];

/// The global flags, under "Global options" in every command's help.
pub(crate) fn global_args(root: Command) -> Command {
    let global = |arg: Arg| arg.global(true).help_heading("Global options");
    root.arg(global(
        Arg::new("base-url")
            .long("base-url")
            .value_name("URL")
            .env(cf_orgs::env::BASE_URL)
            .hide_env_values(true)
            .help("The API's base URL (default: the profile's, else Cloudflare's)"),
    ))
    .arg(global(
        Arg::new("profile")
            .long("profile")
            .value_name("NAME")
            .env("CF_ORGS_PROFILE")
            .hide_env_values(true)
            .help("The credentials of this profile (`cf-orgs auth login --profile NAME`)"),
    ))
    .arg(global(
        Arg::new("output")
            .short('o')
            .long("output")
            .value_name("FORMAT")
            .default_value("table")
            .value_parser(|s: &str| s.parse::<Format>())
            .help("table (tab-separated when piped), json, jsonl, csv or yaml"),
    ))
    .arg(global(
        Arg::new("fields")
            .long("fields")
            .value_name("A,B.C")
            .num_args(0..=1)
            .default_missing_value("")
            .help("The fields to print, dotted for nested ones; with no value, lists the command's fields"),
    ))
    .arg(global(Arg::new("quiet").short('q').long("quiet").action(ArgAction::SetTrue).help("Ids only, one per line")))
    .arg(global(
        Arg::new("no-headers").long("no-headers").action(ArgAction::SetTrue).help("No header row (table, csv)"),
    ))
    .arg(global(
        Arg::new("jq")
            .long("jq")
            .value_name("EXPR")
            .conflicts_with_all(["quiet", "output"])
            .help("Print what the jq filter EXPR makes of each item as it comes (of a single answer: of it)"),
    ))
    .arg(global(
        Arg::new("slurp")
            .long("slurp")
            .action(ArgAction::SetTrue)
            .requires("jq")
            .help("--jq runs once, on the whole list (`--jq length --slurp` counts every item)"),
    ))
    .arg(global(Arg::new("verbose").long("verbose").action(ArgAction::SetTrue).help("Errors name the request too")))
}

/// The global flags as parsed, from the chosen command's matches (where clap puts them).
pub(crate) struct Context {
    pub verbose: bool,
    pub format: Format,
    /// `-o` was given (a command with another default, `audit export`, keeps it).
    pub format_given: bool,
    fields: Option<String>,
    quiet: bool,
    headers: bool,
    profile: Option<String>,
    base_url: Option<String>,
    jq: Option<Arc<Jq>>,
    slurp: bool,
}

/// Who the CLI is: the credentials and where they came from.
pub(crate) struct Identity {
    pub credentials: cf_orgs::Credentials,
    /// `environment`, or `profile NAME (FILE)`.
    pub source: String,
    pub email: Option<String>,
    pub base_url: Option<String>,
}

impl Context {
    /// The flags as parsed; a `--jq` that does not compile is a usage error naming its column.
    pub(crate) fn new(m: &ArgMatches) -> Result<Self, Failure> {
        let jq = m
            .get_one::<String>("jq")
            .map(|code| Jq::compile(code).map(Arc::new).map_err(|why| Failure::usage(format!("--jq {code:?}: {why}"))))
            .transpose()?;
        Ok(Self {
            verbose: m.get_flag("verbose"),
            format: m.get_one::<Format>("output").copied().unwrap_or(Format::Table),
            format_given: m.value_source("output") == Some(ValueSource::CommandLine),
            fields: m.get_one::<String>("fields").cloned(),
            quiet: m.get_flag("quiet"),
            headers: !m.get_flag("no-headers"),
            profile: m.get_one::<String>("profile").cloned(),
            base_url: m.get_one::<String>("base-url").cloned(),
            jq,
            slurp: m.get_flag("slurp"),
        })
    }

    /// With `--jq`, the printer that filters what prints outside a list's own printer (a bulk
    /// command's result lines, as JSON lines).
    pub(crate) fn jq_printer(&self) -> Option<Printer<Stdout>> {
        self.jq.is_some().then(|| self.printer_as(Format::Jsonl, &[]))
    }

    /// `--fields` with no value: list the fields instead of running.
    pub(crate) fn lists_fields(&self) -> bool {
        self.fields.as_deref() == Some("")
    }

    /// How answers print, `format` unless `-o` was given.
    pub(crate) fn shape(&self, format: Format) -> Shape {
        let format = if self.format_given { self.format } else { format };
        let terminal = std::io::stdout().is_terminal();
        let fields = self
            .fields
            .as_deref()
            .filter(|f| !f.is_empty())
            .map(|f| f.split(',').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string).collect::<Vec<_>>());
        Shape {
            format,
            fields,
            quiet: self.quiet,
            headers: self.headers,
            terminal,
            color: Shape::color_on(terminal),
            jq: self.jq.clone(),
            slurp: self.slurp,
        }
    }

    /// A printer to standard output, with the command's columns for a table.
    pub(crate) fn printer(&self, columns: &[&str]) -> Printer<Stdout> {
        self.printer_as(self.format, columns)
    }

    /// A printer whose format is `format` unless `-o` was given.
    pub(crate) fn printer_as(&self, format: Format, columns: &[&str]) -> Printer<Stdout> {
        Printer::new(
            self.shape(format),
            columns.iter().map(|c| c.to_string()).collect(),
            BufWriter::new(std::io::stdout()),
        )
    }

    /// The credentials: `--profile NAME`'s; else the environment's; else the `default` profile's.
    pub(crate) fn identity(&self) -> Result<Identity, Failure> {
        let from_profile = |name: &str, required: bool| -> Result<Option<Identity>, Failure> {
            let file = profiles::load()?;
            let path = profiles::path()?;
            let Some(profile) = file.profiles.get(name) else {
                if !required {
                    return Ok(None);
                }
                return Err(Failure::usage(format!(
                    "no profile {name:?} in {} (profiles: {}); `cf-orgs auth login --profile {name}` adds it",
                    path.display(),
                    if file.profiles.is_empty() {
                        "none".into()
                    } else {
                        file.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
                    }
                )));
            };
            Ok(Some(Identity {
                credentials: profile.credentials(name)?,
                source: format!("profile {name} ({})", path.display()),
                email: profile.email.clone(),
                base_url: profile.base_url.clone(),
            }))
        };
        if let Some(name) = &self.profile {
            return from_profile(name, true).map(|found| found.expect("a required profile is found or refused"));
        }
        let env = [cf_orgs::env::API_TOKEN, cf_orgs::env::EMAIL, cf_orgs::env::API_KEY, cf_orgs::env::USER_SERVICE_KEY];
        if env.iter().any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty())) {
            let credentials = cf_orgs::Credentials::from_env().map_err(Failure::usage)?;
            let email = std::env::var(cf_orgs::env::EMAIL).ok().filter(|_| credentials.mode() == "global_api_key");
            return Ok(Identity { credentials, source: "environment".into(), email, base_url: None });
        }
        from_profile(profiles::DEFAULT, false)?.ok_or_else(|| {
            Failure::new(
                exit::AUTH,
                format!(
                    "no credentials: set {} (or {} and {}), or run `cf-orgs auth login`",
                    cf_orgs::env::API_TOKEN,
                    cf_orgs::env::EMAIL,
                    cf_orgs::env::API_KEY
                ),
            )
        })
    }

    /// The base URL: `--base-url` (or its variable), else the profile's, else Cloudflare's.
    pub(crate) fn base_url(&self, identity: &Identity) -> Option<String> {
        self.base_url.clone().or_else(|| identity.base_url.clone())
    }

    /// The client every request goes through.
    pub(crate) fn client(&self) -> Result<cf_orgs::Client, Failure> {
        let identity = self.identity()?;
        let mut builder = cf_orgs::Client::builder().credentials(identity.credentials.clone());
        if let Some(url) = self.base_url(&identity) {
            builder = builder.base_url(url);
        }
        builder.build().map_err(Failure::usage)
    }
}
