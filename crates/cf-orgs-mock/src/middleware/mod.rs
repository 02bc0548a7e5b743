//! Every layer a request passes through, in one place: [`app`] shows their order. Each layer's
//! code is in the module named for it.

mod faults;
mod namespace;
mod observe;
mod rate_limit;
mod strict;

use std::sync::Arc;

use axum::Router;
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;

use crate::namespace::lock;
use crate::routes::{self, Ray};
use crate::shared::Shared;
use crate::{BASE_PATH, admin, envelope};

/// The whole server. From the outside in: the ray id; then, under `/client/v4`, the namespace
/// (chosen), the request observed (journal, log), the namespace's object cap, the rate limit;
/// then, on a matched route, the route marked, faults injected, the body kept for the journal,
/// and strict mode's check of the handler's answer, innermost (faults are meant to break the
/// rules, so they are not checked). Under `/__mock`, the admin API: the namespace, then its own
/// token check per route (`admin::authorize`).
pub(crate) fn app(shared: Arc<Shared>) -> Router {
    let api = routes::router("")
        .route_layer(middleware::from_fn(strict::check))
        .route_layer(axum::Extension(shared.checker.clone()))
        .route_layer(middleware::from_fn(observe::keep_body))
        .route_layer(middleware::from_fn(faults::inject))
        .route_layer(middleware::from_fn(observe::mark_route))
        .method_not_allowed_fallback(|| async {
            envelope::error(StatusCode::METHOD_NOT_ALLOWED, 7001, "Method not allowed for this route")
        })
        .fallback(|uri: OriginalUri| async move {
            envelope::error(
                StatusCode::NOT_FOUND,
                7003,
                format!("Could not route to {}, perhaps your object identifier is invalid?", uri.path()),
            )
        })
        .with_state(shared.clone());
    let api = api
        .layer(middleware::from_fn(rate_limit::limit))
        .layer(middleware::from_fn_with_state(shared.clone(), namespace::bounded))
        .layer(middleware::from_fn_with_state(shared.clone(), observe::observe))
        .layer(middleware::from_fn_with_state(shared.clone(), namespace::select));
    Router::new()
        .nest(BASE_PATH, api)
        .nest(
            admin::PREFIX,
            admin::router(shared.clone()).layer(middleware::from_fn_with_state(shared.clone(), namespace::select)),
        )
        .fallback(|request: Request| async move {
            envelope::error(StatusCode::NOT_FOUND, 7003, format!("Could not route to {}", request.uri().path()))
        })
        .layer(middleware::from_fn_with_state(shared, ray))
}

/// Gives every request a ray id, and every answer its `cf-ray` header.
async fn ray(State(shared): State<Arc<Shared>>, mut request: Request, next: Next) -> Response {
    let ray = format!("{:016x}-SJC", lock(&shared.ray_rng).u64(..));
    request.extensions_mut().insert(Ray(ray.clone()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&ray) {
        response.headers_mut().insert("cf-ray", value);
    }
    response
}
