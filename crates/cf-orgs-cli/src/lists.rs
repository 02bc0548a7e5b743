//! A generated list command's pages, one after another: each asked with the
//! command's flags and the previous page's token (page token, cursor or page
//! number), as the answer says where the next one is.

use clap::ArgMatches;
use serde_json::Value;

use crate::exit::Failure;
use crate::runtime::OperationCommand;

/// The pages of one list command.
pub(crate) struct Pages<'a> {
    client: &'a cf_orgs::Client,
    op: OperationCommand,
    m: &'a ArgMatches,
    verbose: bool,
    next: Option<String>,
    done: bool,
    prefetch: bool,
    /// The next page, asked for while the caller writes this one.
    pending: Option<tokio::task::JoinHandle<cf_orgs::Result<cf_orgs::Response<Value>>>>,
}

/// One page: its items, and the token of the page after it (`None`: the last).
pub(crate) struct ListPage {
    pub items: Vec<Value>,
    pub next: Option<String>,
}

impl<'a> Pages<'a> {
    /// From the first page, or from the page `start` names (a checkpoint's cursor).
    pub(crate) fn new(
        client: &'a cf_orgs::Client,
        op: OperationCommand,
        m: &'a ArgMatches,
        verbose: bool,
        start: Option<String>,
    ) -> Self {
        Self { client, op, m, verbose, next: start, done: false, prefetch: false, pending: None }
    }

    /// Asks for each next page as soon as its token is known, while the caller writes the page
    /// before it (a GET, so asking early is safe; pages still come in order). For an export,
    /// which reads every page; a list with `--limit` asks no page it will not print.
    pub(crate) fn prefetch(mut self) -> Self {
        self.prefetch = true;
        self
    }

    /// The next page, or `None` after the last. An answer that is no list is one page of one item.
    pub(crate) async fn next(&mut self) -> Result<Option<ListPage>, Failure> {
        if self.done {
            return Ok(None);
        }
        let answer = match self.pending.take() {
            Some(pending) => {
                pending.await.map_err(|e| Failure::new(crate::exit::ERROR, format!("a page's request: {e}")))?
            }
            None => (self.op.send)(self.client, self.m, self.next.as_deref())?.sent.await,
        };
        let answer = answer.map_err(|e| Failure::api(&e, self.verbose))?;
        let following = answer.next_page();
        let items = match answer.value {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            other => vec![other],
        };
        // Followed only by the parameter this list pages with, and never past an empty page.
        self.next = match following {
            Some(next) if Some(next.param) == self.op.paging && !items.is_empty() => Some(next.token),
            _ => None,
        };
        self.done = self.next.is_none();
        if let Some(next) = self.next.as_deref().filter(|_| self.prefetch) {
            self.pending = Some(tokio::spawn((self.op.send)(self.client, self.m, Some(next))?.sent));
        }
        Ok(Some(ListPage { items, next: self.next.clone() }))
    }
}
