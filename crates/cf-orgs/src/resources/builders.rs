//! What the request builders share, as macros: every list's `max_retries`,
//! `send` and `stream`; token paging's `page_size` and `page_token`; and
//! `send`, `with_meta` and `.await` for single requests.

/// `max_retries`, `send` (one page) and `stream` (every item) for a list
/// builder holding its [`ListSpec`](super::ListSpec) in `self.list`.
macro_rules! list_methods {
    ($item:ty, $what:literal) => {
        /// Retries for each page request, instead of the client's.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.list.max_retries = Some(retries);
            self
        }

        /// One page.
        ///
        /// # Errors
        /// Any [`Error`](crate::Error): invalid input before sending, then HTTP failures.
        pub async fn send(self) -> crate::Result<crate::Page<$item>> {
            (self.list.fetch())(None).await
        }

        /// The query parameter names this list sends, its page parameter included.
        #[cfg(test)]
        pub(crate) fn query_names(&self) -> Vec<&'static str> {
            self.list.query_names()
        }

        #[doc = concat!("Every ", $what, ", page after page with the same filters, one page in memory at a time.")]
        pub fn stream(self) -> impl futures_core::Stream<Item = crate::Result<$item>> + Send + 'static {
            crate::pagination::items(self.list.fetch())
        }
    };
}

/// `page_size` and `page_token` for the lists paged by token.
macro_rules! token_paging {
    () => {
        /// Items per page, 0..=1000 (the API's default is 10).
        pub fn page_size(mut self, size: u32) -> Self {
            self.list.query.bounded("page_size", size.into(), 0..=1000);
            self
        }

        /// Starts at this page token (from [`Page::next_page_token`](crate::Page::next_page_token)).
        pub fn page_token(mut self, token: impl Into<String>) -> Self {
            self.list.query.set("page_token", token);
            self
        }
    };
}

/// `send`, `with_meta` and `IntoFuture` for a builder with `fn request(self) -> Request<$out>`.
macro_rules! sendable {
    ($builder:ty => $out:ty) => {
        impl $builder {
            /// Sends the request (the same as awaiting the builder).
            ///
            /// # Errors
            /// Any [`Error`](crate::Error): invalid input before sending, then HTTP failures.
            pub async fn send(self) -> crate::Result<$out> {
                self.request().send().await
            }

            /// Sends the request; the result with its [`ResponseMeta`](crate::ResponseMeta).
            ///
            /// # Errors
            /// As [`send`](Self::send).
            pub async fn with_meta(self) -> crate::Result<crate::Response<$out>> {
                self.request().with_meta().await
            }
        }

        impl std::future::IntoFuture for $builder {
            type Output = crate::Result<$out>;
            type IntoFuture = crate::request::BoxFuture<$out>;
            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}
