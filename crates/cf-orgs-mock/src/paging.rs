//! Opaque page tokens and cursors: an offset bound to the filters it was made
//! for, so a token reused with other filters is refused, as the API does.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use cf_orgs_gen::runtime::Query;

use crate::envelope::Failure;

/// A fingerprint of the filters: the query's pairs with its paging parameters cleared by the caller.
pub fn fingerprint<Q: Query>(filters: &Q) -> u64 {
    let mut kept = filters.to_pairs();
    kept.sort();
    let text: String = kept.iter().map(|(k, v)| format!("{k}\0{v}\0")).collect();
    crate::namespace::fnv(&text)
}
pub fn encode(offset: usize, filters: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{offset}:{filters:016x}"))
}

/// The offset a token stands for; refused when malformed or made for other filters.
pub fn decode(token: &str, filters: u64) -> Result<usize, Failure> {
    let invalid = || Failure::bad_request(format!("invalid page token {token:?}"));
    let text = URL_SAFE_NO_PAD.decode(token).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(invalid)?;
    let (offset, hash) = text.split_once(':').ok_or_else(invalid)?;
    if hash != format!("{filters:016x}") {
        return Err(Failure::bad_request("the page token was issued for other filters: send the same filters with it"));
    }
    offset.parse().map_err(|_| invalid())
}
