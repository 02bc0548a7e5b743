//! `Request<O>`: one prepared call of any operation, the generic core of
//! every named request builder (`GetMember`, `CreateOrganization`, …), which
//! [`request_builder!`] declares over it. A user sees only the named type,
//! with its own rustdoc page and setters; the core stays in the crate.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::client::Client;
use crate::envelope::Response;
use crate::error::Result;
use crate::operation::{self, Answer, Operation};

/// A boxed, `Send` future of this crate's results.
pub(crate) type BoxFuture<T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'static>>;

/// What the operation's answer decodes to.
pub(crate) type Output<O> = <<O as Operation>::Answer as Answer>::Output;

/// A prepared call of operation `O`. Invalid input (an id with a `/`, an
/// out-of-range page size) is kept from the setter that met it and returned
/// on `.await`, before anything is sent.
#[derive(Clone)]
pub(crate) struct Request<O: Operation> {
    pub(crate) client: Client,
    /// The operation, or the first input error met while building it.
    pub(crate) op: Result<O>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) timeout: Option<Duration>,
}

impl<O: Operation> std::fmt::Debug for Request<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let operation = O::OPERATION;
        match &self.op {
            Ok(op) => write!(f, "Request({} {})", operation.method(), op.path()),
            Err(e) => write!(f, "Request({} {}: invalid: {e})", operation.method(), operation.path_template()),
        }
    }
}

impl<O: Operation> Request<O> {
    pub(crate) fn new(client: Client, op: Result<O>) -> Self {
        // The spec's 204 and the decoding chosen for the operation agree, or cf-orgs does not compile.
        const {
            assert!(O::OPERATION.no_content() == <O::Answer as Answer>::NO_CONTENT, "answer kind differs from the spec")
        };
        Self { client, op, max_retries: None, timeout: None }
    }

    /// Changes the operation, unless an earlier input error stands.
    pub(crate) fn edit(mut self, change: impl FnOnce(&mut O)) -> Self {
        if let Ok(op) = &mut self.op {
            change(op);
        }
        self
    }

    /// Changes the operation with a step that may refuse its input; the first error stands.
    pub(crate) fn try_edit(mut self, change: impl FnOnce(&mut O) -> Result<()>) -> Self {
        if let Ok(op) = &mut self.op
            && let Err(e) = change(op)
        {
            self.op = Err(e);
        }
        self
    }

    /// Retries for this request only, instead of the client's. A POST is
    /// retried only after a 429 or a connection that never reached the server.
    pub(crate) fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Time allowed for each attempt of this request, instead of the client's.
    pub(crate) fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the request; the result with status, headers, cf-ray, messages and result_info.
    pub(crate) fn with_meta(self) -> impl Future<Output = Result<Response<Output<O>>>> + Send + 'static {
        let call = self.op.and_then(|op| operation::call(&op)).map(|mut call| {
            call.max_retries = self.max_retries;
            call.timeout = self.timeout;
            call
        });
        self.client.transport.clone().execute(call, <O::Answer as Answer>::decode)
    }

    /// Sends the request; the result alone.
    pub(crate) fn send(self) -> impl Future<Output = Result<Output<O>>> + Send + 'static {
        use futures_util::FutureExt;
        self.with_meta().map(|response| response.map(|r| r.value))
    }
}

/// Declares `$name` over the generic `$core` (a `Request` or a `List` of the
/// operation `$op`): the struct with its docs (the caller's, then the spec's),
/// `Debug`, and the retry and timeout setters every builder has.
macro_rules! builder_type {
    ($(#[$doc:meta])* $name:ident($core:ident<$op:ident>), $must_use:literal) => {
        $(#[$doc])*
        ///
        /// # The spec
        ///
        #[doc = cf_orgs_gen::operation_doc!($op)]
        ///
        #[doc = $crate::examples::example!($name)]
        #[must_use = $must_use]
        #[derive(Clone)]
        pub struct $name(pub(crate) $core<cf_orgs_gen::operations::$op>);

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl $name {
            /// Retries for each request this sends, instead of the client's. A POST is
            /// retried only after a 429 or a connection that never reached the server.
            pub fn max_retries(self, retries: u32) -> Self {
                Self(self.0.max_retries(retries))
            }

            /// Time allowed for each attempt of each request this sends, instead of the client's.
            pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
                Self(self.0.timeout(timeout))
            }

            /// What this would send (a list: its first page), without sending it: method, URL,
            /// headers with credentials as `***`, body. For a dry run.
            ///
            /// # Errors
            /// The input error that sending would meet before sending.
            #[cfg(feature = "generated")]
            #[cfg_attr(docsrs, doc(cfg(feature = "generated")))]
            pub fn preview(&self) -> $crate::Result<$crate::RequestPreview> {
                self.0.preview()
            }
        }
    };
}
pub(crate) use builder_type;

/// Declares `$name`, the named builder of a request of `$op` answering
/// `$output`: a type with its own rustdoc page, the setters its resource
/// module adds, and what every request has (retries, timeout, `send`,
/// `with_meta`, `.await`), each forwarded to the generic [`Request`].
macro_rules! request_builder {
    ($(#[$doc:meta])* $name:ident($op:ident) -> $output:ty) => {
        $crate::request::builder_type!(
            $(#[$doc])*
            ///
            /// Await it (or call `.send()`) for the result, or `.with_meta()` for the
            /// status, headers, cf-ray and messages too.
            $name(Request<$op>),
            "a request does nothing until awaited"
        );

        impl $name {
            /// Sends the request; the result with status, headers, cf-ray, messages and result_info.
            ///
            /// # Errors
            /// Any [`Error`](crate::Error): invalid input, HTTP failures, timeouts, decoding.
            pub fn with_meta(
                self,
            ) -> impl ::std::future::Future<Output = $crate::Result<$crate::Response<$output>>> + Send + 'static {
                self.0.with_meta()
            }

            /// Sends the request (the same as awaiting it).
            ///
            /// # Errors
            /// As [`with_meta`](Self::with_meta).
            pub fn send(self) -> impl ::std::future::Future<Output = $crate::Result<$output>> + Send + 'static {
                self.0.send()
            }
        }

        impl ::std::future::IntoFuture for $name {
            type Output = $crate::Result<$output>;
            type IntoFuture = $crate::request::BoxFuture<$output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.0.send())
            }
        }
    };
}
pub(crate) use request_builder;
