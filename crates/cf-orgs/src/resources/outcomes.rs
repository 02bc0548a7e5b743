//! The stream of a compound operation's outcomes (`create_all`, `move_all`), one per input, in
//! the order given.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

/// Outcomes, in the order the inputs were given: [`MemberOutcomes`](crate::MemberOutcomes),
/// [`MoveOutcomes`](crate::MoveOutcomes).
#[must_use = "a stream does nothing unless polled"]
pub struct Outcomes<T> {
    inner: Pin<Box<dyn Stream<Item = T> + Send>>,
}

impl<T> Outcomes<T> {
    pub(crate) fn new(inner: impl Stream<Item = T> + Send + 'static) -> Self {
        Self { inner: Box::pin(inner) }
    }
}

impl<T> Stream for Outcomes<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> std::fmt::Debug for Outcomes<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Outcomes<{}>", std::any::type_name::<T>().rsplit("::").next().unwrap_or("T"))
    }
}
