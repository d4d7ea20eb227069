//! HTTP surface: the API under `/api/v2`, the CDN that serves rendered clips and thumbnails, and
//! the `/__fake` admin API that tests and demo tooling use to steer the server.

mod admin;
mod api;
mod cdn;
mod gateway;

use axum::Router;

use crate::state::SharedState;

pub(crate) fn router(state: SharedState) -> Router {
    Router::new()
        .merge(api::router(state.clone()))
        .merge(cdn::router())
        .merge(admin::router())
        .with_state(state)
}
