//! The one trait over an operation: an endpoint of the generated request
//! layer (`cf_orgs_gen::operations`), how its successful answer decodes, and
//! what input it refuses before anything is sent. [`Request`](crate::Request)
//! and [`List`](crate::List) send any operation through it.

use std::marker::PhantomData;

use cf_orgs_gen::runtime::{Endpoint, Query};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::envelope::{self, Response};
use crate::error::{Error, ErrorKind, Result};
use crate::transport::Call;

/// An operation of the API as cf-orgs sends it: the generated endpoint (its
/// method, path, query under the spec's names, and body) and its [`Answer`].
pub(crate) trait Operation: Endpoint + Clone + Send + Sync + 'static {
    /// How a successful answer decodes.
    type Answer: Answer;

    /// Refuses what cannot be sent correctly or safely (an id that is not one
    /// path segment, a range that has no form on the wire). Vocabulary and
    /// limits (enum values, page sizes, batch sizes, date windows) are the
    /// server's to judge: the live API runs ahead of its published spec, so
    /// they are sent as given, and the API's own 400 comes back.
    ///
    /// # Errors
    /// An [`ErrorKind::InvalidInput`] error naming the field.
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// How a successful answer decodes into what a request returns.
pub(crate) trait Answer: 'static {
    /// What the request returns.
    type Output: Send + 'static;
    /// Whether the answer has no content (the spec says 204).
    const NO_CONTENT: bool;
    /// Decodes a 2xx answer.
    ///
    /// # Errors
    /// A decoding error, or the envelope's `success: false`.
    fn decode(status: u16, headers: HeaderMap, body: &[u8]) -> Result<Response<Self::Output>>;
}

/// The envelope's `result`, as `T`.
#[derive(Debug)]
pub(crate) struct Json<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned + Send + 'static> Answer for Json<T> {
    type Output = T;
    const NO_CONTENT: bool = false;
    fn decode(status: u16, headers: HeaderMap, body: &[u8]) -> Result<Response<T>> {
        envelope::decode_success(status, headers, body)
    }
}

/// The envelope's `result` as a list of `T`; `null` or absent is an empty list.
#[derive(Debug)]
pub(crate) struct Items<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned + Send + 'static> Answer for Items<T> {
    type Output = Vec<T>;
    const NO_CONTENT: bool = false;
    fn decode(status: u16, headers: HeaderMap, body: &[u8]) -> Result<Response<Vec<T>>> {
        envelope::decode_list(status, headers, body)
    }
}

/// No content: an empty body, or an envelope saying `success: true`.
#[derive(Debug)]
pub(crate) struct NoContent;

impl Answer for NoContent {
    type Output = ();
    const NO_CONTENT: bool = true;
    fn decode(status: u16, headers: HeaderMap, body: &[u8]) -> Result<Response<()>> {
        envelope::decode_empty(status, headers, body)
    }
}

/// A required body field left out (empty): refused, naming it. Whether a given value is a good
/// one is the server's to judge.
pub(crate) fn given(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid_input(field, "is required"));
    }
    Ok(())
}

/// A body (or a part of one) built as JSON, read into its generated type; what the type cannot
/// hold is refused, naming `field`. Through JSON, so that a field the spec adds to the type later
/// is left out unless given, where a struct literal would stop compiling.
pub(crate) fn body_from<B: DeserializeOwned>(field: &'static str, value: impl serde::Serialize) -> Result<B> {
    let refused = |e: serde_json::Error| Error::invalid_input(field, e).before_sending();
    serde_json::from_value(serde_json::to_value(value).map_err(refused)?).map_err(refused)
}

/// Sets the body's field at the dotted `path` (`parent.id`), through JSON so that an object on
/// the way is made as needed; a value the generated body type cannot hold is refused, naming it.
pub(crate) fn set_body<B>(body: &mut B, path: &'static str, value: impl serde::Serialize) -> Result<()>
where
    B: serde::Serialize + DeserializeOwned,
{
    let mut field: serde_json::Value = body_from(path, value)?;
    for key in path.rsplit('.') {
        field = serde_json::Value::Object(serde_json::Map::from_iter([(key.to_string(), field)]));
    }
    let mut json: serde_json::Value = body_from(path, &*body)?;
    merge(&mut json, field);
    *body = body_from(path, json)?;
    Ok(())
}

/// `from`'s fields into `into`, object by object; anything else replaces what was there.
fn merge(into: &mut serde_json::Value, from: serde_json::Value) {
    match (into, from) {
        (serde_json::Value::Object(into), serde_json::Value::Object(from)) => {
            for (key, value) in from {
                merge(into.entry(key).or_insert(serde_json::Value::Null), value);
            }
        }
        (slot, value) => *slot = value,
    }
}

/// The call `op` makes, once the operation's own structural rules hold.
pub(crate) fn call<O: Operation>(op: &O) -> Result<Call> {
    op.validate()?;
    endpoint_call(op)
}

/// The call any endpoint of the request layer makes: its method, path, query and body.
pub(crate) fn endpoint_call<E: Endpoint>(endpoint: &E) -> Result<Call> {
    let body = match endpoint.body() {
        None => None,
        Some(body) => Some(serde_json::to_vec(body).map_err(|e| {
            Error::new(ErrorKind::InvalidInput, format!("the request body does not serialize: {e}")).before_sending()
        })?),
    };
    let operation = E::OPERATION;
    Ok(Call {
        method: operation.method(),
        template: operation.path_template().into(),
        path: endpoint.path(),
        query: endpoint.query().to_pairs().into_iter().map(|(name, value)| (name.into(), value)).collect(),
        body: body.map(bytes::Bytes::from),
        max_retries: None,
        timeout: None,
    })
}

#[cfg(test)]
mod tests {
    use cf_orgs_gen::types::OrganizationsApiOrganizationWrite as Write;
    use serde_json::json;

    use super::set_body;
    use crate::error::ErrorKind;

    #[test]
    fn a_body_field_is_set_through_json_and_a_bad_one_changes_nothing() {
        let mut body: Write = serde_json::from_value(json!({ "name": "Acme" })).unwrap();
        set_body(&mut body, "parent.id", "p1").unwrap();
        assert_eq!(serde_json::to_value(&body).unwrap(), json!({ "name": "Acme", "parent": { "id": "p1" } }));
        let err = set_body(&mut body, "name", 5).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.to_string().starts_with("invalid name: "), "{err}");
        assert_eq!(body.name, "Acme", "the body is left as it was");
    }
}
