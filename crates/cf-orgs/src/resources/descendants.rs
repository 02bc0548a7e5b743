//! `organizations().descendants(root)`: every organization under a root,
//! breadth first, one page in memory at a time (and the ids of the
//! organizations still to visit).

use std::collections::{HashSet, VecDeque};

use futures_util::{StreamExt, stream};

use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::ids::OrganizationId;
use crate::models::Organization;
use crate::pagination::ItemStream;

/// Walks the tree under `root`: the root's children, then theirs, each level
/// listed with `parent.id` page by page. Ends with the first error (its
/// [`resume_token`](Error::resume_token) is the page of the list that failed),
/// or with an [`ErrorKind::Pagination`] error if the API names an
/// organization twice (a cycle would never end).
pub(crate) fn walk(client: Client, root: Result<OrganizationId>) -> ItemStream<Organization> {
    struct Walk {
        client: Client,
        /// Parents whose children are still to list, in breadth-first order.
        queue: VecDeque<OrganizationId>,
        /// The children of the parent being listed.
        current: Option<ItemStream<Organization>>,
        seen: HashSet<OrganizationId>,
        failed: bool,
    }
    let start = match root {
        Ok(root) => Walk {
            client,
            queue: VecDeque::from([root.clone()]),
            current: None,
            seen: HashSet::from([root]),
            failed: false,
        },
        Err(e) => return ItemStream::new(stream::once(async move { Err(e) })),
    };
    let walk = stream::unfold(start, |mut walk| async move {
        if walk.failed {
            return None;
        }
        loop {
            if let Some(children) = walk.current.as_mut() {
                match children.next().await {
                    Some(Ok(org)) => {
                        if !walk.seen.insert(org.id.clone()) {
                            walk.failed = true;
                            let detail = format!("the API listed organization {} twice in one tree", org.id);
                            return Some((Err(Error::new(ErrorKind::Pagination, detail)), walk));
                        }
                        walk.queue.push_back(org.id.clone());
                        return Some((Ok(org), walk));
                    }
                    Some(Err(e)) => {
                        walk.failed = true;
                        return Some((Err(e), walk));
                    }
                    None => walk.current = None,
                }
            }
            let parent = walk.queue.pop_front()?;
            walk.current = Some(walk.client.organizations().list().parent(&parent).stream());
        }
    });
    ItemStream::new(walk)
}
