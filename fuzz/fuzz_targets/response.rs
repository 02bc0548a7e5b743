//! The SDK's response path: status, one header value, and a body, decoded as
//! every operation's answer (envelope, errors, pages). Nothing may panic.
//! Input: 2 bytes of status, 1 byte of header length, the header, the body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [hi, lo, len, rest @ ..] = data else { return };
    // Statuses a server can send: 100..=599.
    let status = 100 + u16::from_be_bytes([*hi, *lo]) % 500;
    let (header, body) = rest.split_at(usize::from(*len).min(rest.len()));
    cf_orgs::fuzzing::response(status, header, body);
});
