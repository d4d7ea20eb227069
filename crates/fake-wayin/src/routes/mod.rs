//! HTTP surface: the API under `/api/v2`, the CDN that serves rendered clips and thumbnails, the
//! storage host that takes uploads, and
//! the `/__fake` admin API that tests and demo tooling use to steer the server.

mod admin;
mod api;
mod cdn;
mod create;
mod gateway;
mod storage;

use axum::Router;

use crate::state::SharedState;

pub(crate) fn router(state: SharedState) -> Router {
    let router = Router::new()
        .merge(api::router(state.clone()))
        .merge(create::router().layer(axum::middleware::from_fn_with_state(
            state.clone(),
            gateway::admit,
        )))
        .merge(cdn::router())
        .merge(storage::router());
    let router = if state.config.admin_routes {
        router.merge(admin::router())
    } else {
        router
    };
    router.with_state(state)
}
