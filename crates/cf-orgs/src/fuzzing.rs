//! Entry points for the fuzz targets in `fuzz/` (feature `fuzzing`, not part
//! of the API): the whole response path from raw bytes, as the transport
//! runs it after a request: headers, status, envelope, errors, pages.

use std::time::SystemTime;

use reqwest::header::{HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;

use crate::envelope;
use crate::models::{Account, AuditLogEntry, DeletedOrganization, Member, Organization, Profile, Share, UsageRecord};
use crate::pagination::Paging;
use crate::retry;

/// Decodes `body` as every operation's answer would be, with `status` and a
/// `Retry-After` / `cf-ray` taken from `header`; renders every error. Must
/// never panic, whatever the bytes.
pub fn response(status: u16, header: &[u8], body: &[u8]) {
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_bytes(header) {
        headers.insert("retry-after", value.clone());
        headers.insert("retry-after-ms", value.clone());
        headers.insert("cf-ray", value);
    }
    let wait = retry::retry_after(&headers, SystemTime::now());
    if !(200..300).contains(&status) {
        let error = envelope::decode_failure(status, &headers, body).with_retry_after(wait);
        render(&error);
        return;
    }
    one::<Organization>(status, &headers, body);
    one::<DeletedOrganization>(status, &headers, body);
    one::<Profile>(status, &headers, body);
    one::<Member>(status, &headers, body);
    one::<Vec<Member>>(status, &headers, body);
    one::<Vec<UsageRecord>>(status, &headers, body);
    list::<Organization>(Paging::PageToken, status, &headers, body);
    list::<Member>(Paging::PageToken, status, &headers, body);
    list::<Account>(Paging::PageToken, status, &headers, body);
    list::<AuditLogEntry>(Paging::Cursor, status, &headers, body);
    list::<Share>(Paging::PageNumber { page: 1, per_page: 20 }, status, &headers, body);
    match envelope::decode_empty(status, headers, body) {
        Ok(response) => drop(format!("{:?}", response.meta)),
        Err(error) => render(&error),
    }
}

fn one<T: DeserializeOwned + std::fmt::Debug>(status: u16, headers: &HeaderMap, body: &[u8]) {
    match envelope::decode_success::<T>(status, headers.clone(), body) {
        Ok(response) => drop(format!("{:?} {:?}", response.value, response.meta.ray_id())),
        Err(error) => render(&error),
    }
}

fn list<T: DeserializeOwned + std::fmt::Debug>(scheme: Paging, status: u16, headers: &HeaderMap, body: &[u8]) {
    match envelope::decode_list::<T>(status, headers.clone(), body) {
        Ok(response) => {
            let page = scheme.page(response);
            drop(format!("{:?} {:?} {:?}", page.items, page.next_page_token, page.total_size));
        }
        Err(error) => render(&error),
    }
}

fn render(error: &crate::Error) {
    drop(format!("{error} {error:?} {:?} {:?} {:?}", error.api_errors(), error.ray_id(), error.retry_after()));
    let _ = retry::should_retry(false, error);
    let _ = retry::should_retry(true, error);
}
