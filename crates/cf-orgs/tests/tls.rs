//! TLS as cf-orgs's features choose it, against a loopback TLS server (rustls with aws-lc-rs, a
//! certificate authority made here with rcgen): the default build offers the hybrid post-quantum
//! key exchange X25519MLKEM768 first and negotiates it; the `rustls-ring` build cannot, and its
//! error names the handshake; added roots are trusted, with or without the built-in ones.
#![cfg(any(feature = "rustls", feature = "rustls-ring"))]

use std::sync::Arc;
use std::time::Duration;

use cf_orgs::{Certificate, Client, Credentials};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::NamedGroup;
use rustls::crypto::{SupportedKxGroup, aws_lc_rs};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// What the server saw of one connection.
#[derive(Debug)]
struct Handshake {
    /// The groups of the key shares in the client's first ClientHello, in its order.
    key_shares: Vec<u16>,
    /// The group the handshake agreed on, or why it failed.
    negotiated: Result<NamedGroup, String>,
}

/// A server that answers one HTTPS request with an organization, offering only `groups`.
struct Server {
    base_url: String,
    /// The certificate authority that signed the server's certificate, in PEM.
    ca_pem: String,
    handshake: oneshot::Receiver<Handshake>,
}

async fn server(groups: &[&'static dyn SupportedKxGroup]) -> Server {
    let ca_key = KeyPair::generate().expect("a CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, ca_key).expect("a CA certificate");
    let key = KeyPair::generate().expect("a server key");
    let cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .expect("server parameters")
        .signed_by(&key, &ca)
        .expect("a server certificate");

    let provider = rustls::crypto::CryptoProvider { kx_groups: groups.to_vec(), ..aws_lc_rs::default_provider() };
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .expect("TLS 1.3 and 1.2")
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec()), ca.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .expect("a server configuration");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));

    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let base_url = format!("https://{}/client/v4", listener.local_addr().expect("its address"));
    let (tx, handshake) = oneshot::channel();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("a connection");
        let key_shares = key_shares(&first_record(&stream).await).unwrap_or_default();
        match acceptor.accept(stream).await {
            Ok(mut tls) => {
                let negotiated = tls.get_ref().1.negotiated_key_exchange_group().map(|g| g.name());
                let _ = tx.send(Handshake { key_shares, negotiated: negotiated.ok_or_else(|| "no group".into()) });
                answer(&mut tls).await;
            }
            Err(e) => {
                let _ = tx.send(Handshake { key_shares, negotiated: Err(e.to_string()) });
            }
        }
    });
    Server { base_url, ca_pem: ca.pem(), handshake }
}

/// The connection's first TLS record (the ClientHello), read without taking it from the socket.
async fn first_record(stream: &TcpStream) -> Vec<u8> {
    let mut buf = vec![0; 1 << 16];
    for _ in 0..1000 {
        let n = stream.peek(&mut buf).await.expect("peek");
        if n >= 5 && n >= 5 + usize::from(u16::from_be_bytes([buf[3], buf[4]])) {
            buf.truncate(n);
            return buf;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    panic!("the ClientHello did not arrive whole");
}

/// The groups of a ClientHello's key shares, in order (RFC 8446 §4.1.2 and §4.2.8), or `None`
/// when `record` is not one.
fn key_shares(record: &[u8]) -> Option<Vec<u16>> {
    struct Reader<'a>(&'a [u8]);
    impl<'a> Reader<'a> {
        fn take(&mut self, n: usize) -> Option<&'a [u8]> {
            let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
            self.0 = rest;
            Some(head)
        }
        fn number(&mut self, bytes: usize) -> Option<usize> {
            Some(self.take(bytes)?.iter().fold(0, |n, b| n << 8 | usize::from(*b)))
        }
        fn vector(&mut self, length_bytes: usize) -> Option<Reader<'a>> {
            let n = self.number(length_bytes)?;
            Some(Reader(self.take(n)?))
        }
    }
    let mut record = Reader(record);
    (record.number(1)? == 22).then_some(())?; // a handshake record
    record.take(2)?; // its version
    let mut hello = record.vector(2)?;
    (hello.number(1)? == 1).then_some(())?; // a ClientHello
    let mut hello = hello.vector(3)?;
    hello.take(2 + 32)?; // version, random
    hello.vector(1)?; // session id
    hello.vector(2)?; // cipher suites
    hello.vector(1)?; // compression methods
    let mut extensions = hello.vector(2)?;
    while !extensions.0.is_empty() {
        let kind = extensions.number(2)?;
        let mut body = extensions.vector(2)?;
        if kind == 51 {
            let mut shares = body.vector(2)?;
            let mut groups = Vec::new();
            while !shares.0.is_empty() {
                groups.push(u16::try_from(shares.number(2)?).ok()?);
                shares.vector(2)?;
            }
            return Some(groups);
        }
    }
    None
}

/// Reads one request's head and answers it with an organization.
async fn answer(tls: &mut tokio_rustls::server::TlsStream<TcpStream>) {
    let mut head = Vec::new();
    let mut byte = [0; 1];
    while !head.ends_with(b"\r\n\r\n") && tls.read(&mut byte).await.is_ok_and(|n| n == 1) {
        head.push(byte[0]);
    }
    let body = cf_orgs_testing::envelope(cf_orgs_testing::organization(cf_orgs_testing::ORG, "Acme")).to_string();
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tls.write_all(response.as_bytes()).await;
    let _ = tls.shutdown().await;
}

fn builder(server: &Server) -> cf_orgs::ClientBuilder {
    Client::builder()
        .credentials(Credentials::api_token("a-token"))
        .base_url(&server.base_url)
        .max_retries(0)
        .timeout(Duration::from_secs(10))
}

fn trusting(server: &Server) -> cf_orgs::ClientBuilder {
    let ca = Certificate::from_pem(server.ca_pem.as_bytes()).expect("the CA's PEM");
    builder(server).add_root_certificate(ca).tls_built_in_root_certs(false)
}

/// The error and every cause under it, as one line.
fn chain(error: &cf_orgs::Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        text += &format!(": {c}");
        cause = c.source();
    }
    text
}

#[cfg(feature = "rustls")]
#[tokio::test]
async fn the_default_build_offers_and_negotiates_x25519mlkem768() {
    let mut server = server(&[aws_lc_rs::kx_group::X25519MLKEM768]).await;
    let org = trusting(&server).build().unwrap().organizations().get(cf_orgs_testing::ORG).await;
    assert_eq!(org.expect("the request succeeds").name, "Acme");
    let handshake = (&mut server.handshake).await.expect("the server saw the handshake");
    assert_eq!(handshake.negotiated, Ok(NamedGroup::X25519MLKEM768), "{handshake:?}");
    // Preferred, not merely supported: its key share is the first one sent, so the server needs
    // no second round trip (a HelloRetryRequest) to agree on it.
    assert_eq!(handshake.key_shares.first().copied(), Some(u16::from(NamedGroup::X25519MLKEM768)), "{handshake:?}");
}

#[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
#[tokio::test]
async fn the_ring_build_cannot_and_its_error_names_the_handshake() {
    let mut server = server(&[aws_lc_rs::kx_group::X25519MLKEM768]).await;
    let error = trusting(&server).build().unwrap().organizations().get(cf_orgs_testing::ORG).await.unwrap_err();
    assert!(error.is_connect(), "{error:?}");
    assert!(chain(&error).to_lowercase().contains("handshake"), "{}", chain(&error));
    let handshake = (&mut server.handshake).await.expect("the server saw the handshake");
    assert!(handshake.negotiated.is_err(), "{handshake:?}");
    assert!(!handshake.key_shares.contains(&u16::from(NamedGroup::X25519MLKEM768)), "{handshake:?}");
}

/// A server any provider can talk to: X25519 beside the hybrid.
async fn classical_server() -> Server {
    server(&[aws_lc_rs::kx_group::X25519MLKEM768, aws_lc_rs::kx_group::X25519]).await
}

#[tokio::test]
async fn an_added_root_is_trusted_alone() {
    let server = classical_server().await;
    let org = trusting(&server).build().unwrap().organizations().get(cf_orgs_testing::ORG).await;
    assert_eq!(org.expect("the CA is the only root, and it signed the server").name, "Acme");
}

#[tokio::test]
async fn an_added_root_is_trusted_beside_the_built_in_ones() {
    let server = classical_server().await;
    let ca = Certificate::from_pem(server.ca_pem.as_bytes()).unwrap();
    let org =
        builder(&server).add_root_certificate(ca).build().unwrap().organizations().get(cf_orgs_testing::ORG).await;
    assert_eq!(org.expect("the platform's roots and the CA").name, "Acme");
}

#[tokio::test]
async fn without_the_root_the_server_is_not_trusted() {
    for without_built_in in [false, true] {
        let mut server = classical_server().await;
        let builder = builder(&server);
        let builder = if without_built_in { builder.tls_built_in_root_certs(false) } else { builder };
        let error = builder.build().unwrap().organizations().get(cf_orgs_testing::ORG).await.unwrap_err();
        assert!(error.is_connect(), "{error:?}");
        assert!(chain(&error).to_lowercase().contains("certificate"), "{}", chain(&error));
        let handshake = (&mut server.handshake).await.expect("the server saw the handshake");
        assert!(handshake.negotiated.is_err(), "{handshake:?}");
    }
}

#[test]
fn the_builder_shows_its_roots_and_no_certificate() {
    let ca = CertifiedIssuer::self_signed(
        CertificateParams::new(Vec::<String>::new()).unwrap(),
        KeyPair::generate().unwrap(),
    )
    .unwrap();
    let builder = Client::builder()
        .add_root_certificate(Certificate::from_pem(ca.pem().as_bytes()).unwrap())
        .tls_built_in_root_certs(false);
    let debug = format!("{builder:?}");
    assert!(
        debug.contains("added_root_certificates: 1") && debug.contains("built_in_root_certificates: false"),
        "{debug}"
    );
    assert!(!debug.contains("BEGIN CERTIFICATE"), "{debug}");
}
