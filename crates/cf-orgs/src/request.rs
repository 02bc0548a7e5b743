//! [`Request`]: one prepared API call. Await it for the result, or call
//! [`Request::with_meta`] for the status, headers and cf-ray too.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::envelope::{self, Decoder, Response};
use crate::error::Result;
use crate::transport::Call;

/// A boxed, `Send` future of this crate's results.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'static>>;

/// A prepared call whose answer decodes as `T`. Invalid input (an id with a
/// `/`, say) was caught when it was prepared and is returned on `.await`,
/// before anything is sent.
#[must_use = "a request does nothing until awaited"]
pub struct Request<T> {
    client: Client,
    call: Result<Call>,
    decode: Decoder<Response<T>>,
}

impl<T> std::fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.call {
            Ok(call) => write!(f, "Request({} {})", call.method, call.path),
            Err(e) => write!(f, "Request(invalid: {e})"),
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> Request<T> {
    pub(crate) fn new(client: Client, call: Result<Call>) -> Self {
        Self { client, call, decode: envelope::decode_success::<T> }
    }

    /// Retries for this request only, instead of the client's.
    pub fn max_retries(mut self, retries: u32) -> Self {
        if let Ok(call) = &mut self.call {
            call.max_retries = Some(retries);
        }
        self
    }

    /// Sends the request; the result with status, headers, cf-ray, messages and result_info.
    ///
    /// # Errors
    /// Any [`Error`](crate::Error): invalid input, HTTP failures, timeouts, decoding.
    pub async fn with_meta(self) -> Result<Response<T>> {
        let call = self.call?;
        self.client.transport.execute(call, self.decode).await
    }

    /// Sends the request (the same as awaiting it).
    ///
    /// # Errors
    /// As [`Request::with_meta`].
    pub async fn send(self) -> Result<T> {
        self.with_meta().await.map(|r| r.value)
    }
}

impl Request<()> {
    pub(crate) fn empty(client: Client, call: Result<Call>) -> Self {
        Self { client, call, decode: envelope::decode_empty }
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for Request<T> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<T>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
