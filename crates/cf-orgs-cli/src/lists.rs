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
        Self { client, op, m, verbose, next: start, done: false }
    }

    /// The next page, or `None` after the last. An answer that is no list is one page of one item.
    pub(crate) async fn next(&mut self) -> Result<Option<ListPage>, Failure> {
        if self.done {
            return Ok(None);
        }
        let prepared = (self.op.send)(self.client, self.m, self.next.as_deref())?;
        let answer = prepared.sent.await.map_err(|e| Failure::api(&e, self.verbose))?;
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
        Ok(Some(ListPage { items, next: self.next.clone() }))
    }
}
