//! The namespace of each request (`X-Mock-Namespace`, or the default one), put in its
//! extensions; and the object cap of a namespace, checked before a write.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

use crate::envelope::Failure;
use crate::namespace::{Refused, Space};
use crate::shared::Shared;

/// The namespace a request names, or the default one.
pub fn of(shared: &Shared, request: &Request) -> Result<Arc<Space>, Failure> {
    match request.headers().get(crate::NAMESPACE_HEADER) {
        None => Ok(shared.spaces.default_space()),
        Some(value) => {
            let name =
                value.to_str().map_err(|_| Refused::BadName(String::from_utf8_lossy(value.as_bytes()).into()))?;
            Ok(shared.spaces.get(name.trim())?)
        }
    }
}

/// Puts the request's namespace in its extensions, for every layer and handler after this one.
pub(crate) async fn select(State(shared): State<Arc<Shared>>, mut request: Request, next: Next) -> Response {
    match of(&shared, &request) {
        Ok(space) => {
            request.extensions_mut().insert(space);
            next.run(request).await
        }
        Err(failure) => axum::response::IntoResponse::into_response(failure),
    }
}

/// Refuses a write to a namespace at its object cap (507), before the handler runs.
pub(crate) async fn bounded(
    State(shared): State<Arc<Shared>>,
    space: axum::Extension<Arc<Space>>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    if writes && space.world().objects() >= shared.spaces.max_objects {
        let message = format!(
            "namespace {:?} holds its maximum of {} objects: reset it (POST /__mock/reset) or delete some",
            space.name, shared.spaces.max_objects
        );
        return axum::response::IntoResponse::into_response(Failure::new(
            StatusCode::INSUFFICIENT_STORAGE,
            10507,
            message,
        ));
    }
    next.run(request).await
}
